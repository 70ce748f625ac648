"""Consolidation runs through a REAL Redis broker and REAL Celery workers (not eager).

The workers are subprocesses: they see only committed rows, hence transactional tests on
PostgreSQL (CI sets DATABASE_URL); on SQLite in memory a subprocess sees nothing: skipped.
Every wait polls with a deadline.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import kombu.pools
import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from maillage.celery import app as celery_app
from maillage.consolidation.models import ConsolidationRun
from maillage.consolidation.services import start_run
from maillage.people.models import Membership, Role
from maillage.skills.models import Skill
from maillage.skills.referential import load_referential
from maillage.territory.models import Commune
from maillage.territory.services import load_communes
from tests.factories import (
    AvailabilityFactory,
    FixedSlotFactory,
    MissionFactory,
    MissionSkillFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
)

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = os.environ.get("BROKER_TEST_REDIS", "redis://127.0.0.1:6379")
# Two test runs on one machine (a developer's and CI's, or two helpers') must not consume each
# other's messages: each run claims a Redis database of its own for the module.
OWNER_KEY = "maillage:broker-tests:owner"
START, END = dt.date(2026, 11, 2), dt.date(2026, 12, 18)
STALE_SECONDS = 3

pytestmark = [
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a worker subprocess cannot see an in-memory SQLite test database: "
        "set DATABASE_URL to a PostgreSQL server (CI does)",
    ),
]


@pytest.fixture(scope="module", autouse=True)
def _communes_back(django_db_blocker):
    """Transactional tests empty every table: give the next modules their reference data."""
    yield
    with django_db_blocker.unblock():
        reference_data()


def reference_data() -> None:
    """The communes and the skills referential, which migrations and the session load."""
    if not Commune.objects.filter(insee_code="33063").exists():
        load_communes()
    load_referential(Skill)


@pytest.fixture(scope="module")
def redis_database():
    """A Redis database no other test run uses now (claimed with SET NX, freed at the end)."""
    import redis

    for number in range(15, 7, -1):
        url = f"{REDIS_SERVER}/{number}"
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        try:
            claimed = client.set(OWNER_KEY, os.getpid(), nx=True, ex=3600)
        except redis.exceptions.ConnectionError:
            pytest.skip(f"no Redis at {REDIS_SERVER} (.ci/run starts one)")
        if claimed:
            yield url, client
            client.flushdb()
            client.close()
            return
        client.close()
    pytest.fail("every Redis database from 8 to 15 is in use by another broker test run")


def _forget_broker_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu.pools.reset()


@pytest.fixture
def broker(monkeypatch, redis_database):
    """This process sends to the real broker (an empty Redis database), not eagerly."""
    broker_url, client = redis_database
    client.flushdb()
    client.set(OWNER_KEY, os.getpid(), ex=3600)
    # Forget any connection an earlier test opened (kombu keeps them in global pools): the
    # messages would go to that other broker, and no worker here would ever see them.
    _forget_broker_connections()
    monkeypatch.setattr(celery_app.conf, "broker_url", broker_url)
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    yield broker_url
    _forget_broker_connections()
    client.flushdb()
    client.set(OWNER_KEY, os.getpid(), ex=3600)


@pytest.fixture
def start_worker(broker, tmp_path):
    """Start a real worker on some queues; stopped (and reaped) at the end of the test."""
    started, logs = [], []

    def start(name: str, queues: list[str], *, slow_seconds: float = 0) -> subprocess.Popen:
        log = tmp_path / f"{name}.log"
        logs.append(log.open("w"))
        database = connection.settings_dict
        env = {
            **os.environ,
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            # The project's settings (tests/settings.py, the suite's, is not on the worker's
            # path); DEBUG=true comes from the environment that tests/settings.py set.
            "DJANGO_SETTINGS_MODULE": "maillage.settings",
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "JOB_STALE_SECONDS": str(STALE_SECONDS),
            "JOB_HEARTBEAT_SECONDS": "0.5",
            "SLOW_ENGINE_SECONDS": str(slow_seconds),
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "consolidation" / "broker_worker.py"),
                "-Q",
                ",".join(queues),
                "-c",
                "1",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=logs[-1],
            stderr=subprocess.STDOUT,
        )
        started.append(worker)
        wait_for(lambda: "ready." in log.read_text(), timeout=60, what=f"worker {name} ready")
        return worker

    yield start
    for worker in started:
        worker.send_signal(signal.SIGTERM)
    for worker in started:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
    for log in logs:
        log.close()


def wait_for(condition, *, timeout: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for: {what}")


def small_territory(slug: str):
    """One qualified worker and two workshops: the engine plans it in a fraction of a second."""
    reference_data()
    territory = TerritoryFactory(slug=slug, name=slug.title())
    worker = WorkerProfileFactory(territory=territory)
    Membership.objects.create(user=worker.user, role=Role.WORKER, territory=territory)
    WorkerSkillFactory(worker=worker, level=4)
    AvailabilityFactory(worker=worker, weekday=1, start_minute=8 * 60, end_minute=19 * 60)
    school = OrganisationFactory(territory=territory)
    for start in (900, 1000):
        mission = MissionFactory(buyer=school, state="accepted")
        MissionSkillFactory(mission=mission, min_level=2)
        FixedSlotFactory(mission=mission, weekday=1, start_minute=start, end_minute=start + 90)
    return territory


def start(territory) -> ConsolidationRun:
    # Committed at once (transactional test): the task leaves for the broker on commit.
    return start_run(
        territory=territory,
        period_start=START,
        period_end=END,
        method="engine",
        requested_by=None,
        time_limit_seconds=2,
    )


def finished(run: ConsolidationRun):
    run.refresh_from_db()
    return run if run.status not in ("queued", "running") else None


def test_each_territory_run_goes_to_its_own_queue_and_completes(start_worker):
    north, south = small_territory("nord"), small_territory("sud")
    start_worker("north", ["territory.nord"])
    start_worker("south", ["territory.sud"])
    runs = {"nord": start(north), "sud": start(south)}
    for run in runs.values():
        wait_for(lambda run=run: finished(run), timeout=60, what=f"run {run.pk} finished")
    outcome = {
        slug: (run.status, run.queue, run.worker.split("@")[0], run.attempts, run.progress)
        for slug, run in runs.items()
    }
    assert outcome == {
        "nord": ("succeeded", "territory.nord", "north", 1, 100),
        "sud": ("succeeded", "territory.sud", "south", 1, 100),
    }
    assert [run.version.number for run in runs.values()] == [1, 1]


def test_a_child_killed_mid_run_is_redelivered_and_the_run_completes(start_worker):
    territory = small_territory("gironde")
    start_worker("gironde", ["territory.gironde", "celery"], slow_seconds=4)
    run = start(territory)
    wait_for(
        lambda: ConsolidationRun.objects.filter(pk=run.pk, status="running").exists(),
        timeout=60,
        what="the run started",
    )
    run.refresh_from_db()
    killed = int(run.worker.rsplit(" pid ", 1)[1])
    os.kill(killed, signal.SIGKILL)
    # Never left running: the message comes back, waits for the heartbeat to go stale, and
    # a new child takes the run over as its second attempt.
    wait_for(lambda: finished(run), timeout=90, what="the killed run finished")
    assert (run.status, run.attempts, run.progress) == ("succeeded", 2, 100)
    assert run.worker.startswith("gironde@")
    assert int(run.worker.rsplit(" pid ", 1)[1]) != killed
    assert run.version.number == 1


def test_a_run_whose_whole_worker_died_is_closed_by_the_periodic_reconciliation(start_worker):
    territory = small_territory("landes")
    doomed = start_worker("doomed", ["territory.landes"], slow_seconds=30)
    run = start(territory)
    wait_for(
        lambda: ConsolidationRun.objects.filter(pk=run.pk, status="running").exists(),
        timeout=60,
        what="the run started",
    )
    run.refresh_from_db()
    # The whole worker dies (machine lost): nobody gives the message back.
    for pid in (doomed.pid, int(run.worker.rsplit(" pid ", 1)[1])):
        os.kill(pid, signal.SIGKILL)
    doomed.wait(timeout=10)
    start_worker("upkeep", ["celery"])

    def reconcile_once_stale():
        wait_for(
            lambda: (
                run.refresh_from_db()
                or time.time() - run.heartbeat_at.timestamp() > STALE_SECONDS + 0.5
            ),
            timeout=30,
            what="the heartbeat went stale",
        )
        # What beat sends every minute (settings.CELERY_BEAT_SCHEDULE), sent now.
        celery_app.send_task("maillage.core.tasks.reconcile_jobs", queue="celery")

    reconcile_once_stale()
    wait_for(lambda: finished(run), timeout=30, what="the run marked interrupted")
    assert (run.status, run.attempts) == ("interrupted", 1)
    reconcile_once_stale()
    wait_for(lambda: run.refresh_from_db() or run.status == "failed", timeout=30, what="failed")
    with translation.override("fr"):  # the worker speaks the platform's language
        assert run.message == gettext("The job stopped answering and was abandoned.")
