"""A server process compiles the project's templates before its first request."""

import gc
import os
from pathlib import Path

from django.template import engines

from maillage.core.warmup import project_template_names, warm_up


def _cached_loader():
    loader = engines["django"].engine.template_loaders[0]
    assert hasattr(loader, "get_template_cache"), "the cached loader wraps the others"
    return loader


def test_the_project_templates_are_found_and_only_those():
    names = project_template_names()

    assert "base.html" in names and "plans/worker_week.html" in names
    assert "admin/base.html" not in names  # Django's own stay lazy


def test_warm_up_compiles_every_project_template_once():
    loader = _cached_loader()
    loader.reset()

    done = warm_up()
    frozen = gc.get_freeze_count()
    gc.unfreeze()  # the test process goes on collecting as before

    assert done == {"templates": len(project_template_names()), "languages": 2}
    assert "plans/worker_week.html" in loader.get_template_cache
    assert "admin/base.html" not in loader.get_template_cache
    assert frozen > 0  # what the process loaded is out of the collector's sight


def test_the_production_server_warms_each_process_up(monkeypatch):
    """gunicorn.conf.py's hook is what calls it: a renamed hook would silently do nothing."""
    monkeypatch.setattr(os, "environ", dict(os.environ))  # the file sets defaults in it
    config: dict = {}
    exec((Path(__file__).parents[2] / "gunicorn.conf.py").read_text(), config)

    assert callable(config["post_worker_init"])
    assert config["preload_app"] is False
