"""A fresh server process made ready before its first request.

gunicorn starts (and every ~2000 requests recycles) its processes cold: the first request of
each compiles the templates it uses, loads both languages' catalogues and fills the URL
resolvers. Under load those first requests took long enough for the process's next ones to be
shed with a 503 (benchmarks/load/RESULTS.md). gunicorn.conf.py calls ``warm_up`` from its
``post_worker_init`` hook, before the process accepts a connection.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from django.conf import settings
from django.template import Engine, TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def project_template_names() -> list[str]:
    """The names of the project's own templates (not Django's or third parties')."""
    directories = [*Engine.get_default().dirs, *get_app_template_dirs("templates")]
    own = Path(settings.BASE_DIR).resolve()
    names: set[str] = set()
    for directory in (Path(str(d)) for d in directories):
        if not directory.resolve().is_relative_to(own):
            continue
        names.update(path.relative_to(directory).as_posix() for path in directory.rglob("*.html"))
    return sorted(names)


def warm_up() -> dict[str, int]:
    """Compile the project's templates (kept by the cached loader), load each language's
    catalogue and fill the URL resolvers; what was done, counted."""
    engine = engines["django"]
    compiled = 0
    for name in project_template_names():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:  # a broken template fails its own page, not the process
            logger.exception("template %s does not compile", name)
            continue
        compiled += 1
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Skip to content")  # loads the catalogue of this language
            reverse("home:landing")  # fills the resolver of this language's prefix
    # What is loaded now lives as long as the process: moved out of the collector's sight,
    # a full collection no longer walks it (a pause that got requests shed).
    gc.collect()
    gc.freeze()
    return {"templates": compiled, "languages": len(settings.LANGUAGES)}
