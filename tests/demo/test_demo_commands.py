"""The build_demo and demo_logins commands."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from maillage.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_URL
from maillage.missions.models import Mission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gironde_communes")]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def demo_with_autumn_plan(*, time_limit: int, with_baseline: bool = False) -> str:
    """The demo built from seed 2026, its autumn term planned and published (as `make demo`
    does, with less time); what `consolidate` printed."""
    run("build_demo", "--seed", "2026")
    args = ["--territory", "gironde", "--start", "2026-11-02", "--end", "2026-12-18"]
    args += ["--time-limit", str(time_limit), "--publish"]
    return run("consolidate", *args, *(["--with-baseline"] if with_baseline else []))


def test_build_demo_builds_once_then_respects_if_missing_and_refuses_a_silent_rebuild():
    output = run("build_demo", "--seed", "5")
    missions = Mission.objects.count()

    assert "Demo built from seed 5" in output
    assert "workers 40" in output
    assert "already there" in run("build_demo", "--if-missing")
    with pytest.raises(CommandError, match="--reset"):
        run("build_demo")
    assert Mission.objects.count() == missions


def test_build_demo_reset_rebuilds_from_another_seed():
    run("build_demo", "--seed", "5")

    output = run("build_demo", "--seed", "6", "--reset")

    assert "Demo built from seed 6" in output


def test_demo_logins_lists_every_account():
    output = run("demo_logins")

    assert DEMO_URL in output
    assert output.count(DEMO_PASSWORD) == len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        assert account.email in output
