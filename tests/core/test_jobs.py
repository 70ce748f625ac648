"""The one background-job mechanism: claim, progress, heartbeat, finish, fail, reconcile, queue."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from maillage.absences.models import ReplacementProposal
from maillage.consolidation.models import ConsolidationRun, RunStatus
from maillage.core import jobs
from maillage.core.jobs import JobStatus
from maillage.core.statemachine import IllegalTransition
from maillage.gpec.models import GpecJob
from tests.factories import ConsolidationRunFactory, GpecJobFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def test_every_job_model_shares_the_mechanism():
    assert set(jobs.job_models()) == {ConsolidationRun, GpecJob, ReplacementProposal}
    # Only the consolidation adds a final state of its own.
    assert ConsolidationRun.TRANSITIONS[RunStatus.RUNNING] == {
        "running",
        "succeeded",
        "failed",
        "interrupted",
        "timed_out",
    }
    assert GpecJob.TRANSITIONS == jobs.TRANSITIONS


def test_progress_is_a_percentage_in_the_database():
    job = GpecJobFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GpecJob.objects.filter(pk=job.pk).update(progress=101)
    constraint_names = {c.name for c in GpecJob._meta.constraints}
    assert "gpec_gpecjob_progress_percent" in constraint_names
    assert "consolidation_consolidationrun_progress_percent" in {
        c.name for c in ConsolidationRun._meta.constraints
    }


def test_a_queued_job_is_claimed_once():
    job = GpecJobFactory()
    claimed = jobs.claim(job, message="Starting", queue="territory.x", worker="w1", now=NOW)
    assert (claimed.status, claimed.attempts, claimed.started_at) == ("running", 1, NOW)
    # A second delivery of the same task finds it running and alive: not claimed again.
    assert jobs.claim(job, now=NOW + dt.timedelta(seconds=30)) is None
    job.refresh_from_db()
    assert (job.status, job.attempts, job.queue, job.worker, job.message) == (
        "running",
        1,
        "territory.x",
        "w1",
        "Starting",
    )


def test_a_finished_job_is_never_claimed_again():
    job = GpecJobFactory(succeeded=True, attempts=1)
    assert jobs.claim(job) is None
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("succeeded", 1)


def test_a_stale_running_job_is_taken_over_then_failed_after_two_attempts(settings):
    settings.MAILLAGE_JOB_STALE_SECONDS = 60
    job = GpecJobFactory()
    first = jobs.claim(job, now=NOW)
    second = jobs.claim(job, now=NOW + dt.timedelta(seconds=61))
    assert (second.status, second.attempts) == ("running", 2)
    # The first attempt lost its claim: it cannot close the job any more.
    with pytest.raises(jobs.LostClaim):
        jobs.finish(first, {"x": 1})
    assert jobs.fail(first, "too late") is None
    # The second attempt dies too: the third delivery closes the job as failed.
    with translation.override("en"):
        assert jobs.claim(job, now=NOW + dt.timedelta(seconds=123)) is None
    job.refresh_from_db()
    assert (job.status, job.attempts, job.message) == (
        "failed",
        2,
        "Stopped after 2 interrupted attempts.",
    )


def test_finish_and_fail_close_the_claimed_attempt():
    done = jobs.claim(GpecJobFactory())
    jobs.finish(done, {"households": 3}, message="Fini")
    done.refresh_from_db()
    assert (done.status, done.progress, done.result, done.message) == (
        "succeeded",
        100,
        {"households": 3},
        "Fini",
    )
    assert done.finished_at is not None
    failed = jobs.claim(GpecJobFactory())
    jobs.fail(failed, "x" * 400)
    failed.refresh_from_db()
    assert (failed.status, failed.progress, len(failed.message)) == ("failed", 100, 300)


def test_a_move_outside_the_table_is_refused():
    run = jobs.claim(ConsolidationRunFactory())
    jobs.finish(run, status=RunStatus.TIMED_OUT, message="rien")
    assert ConsolidationRun.objects.get(pk=run.pk).status == "timed_out"
    job = jobs.claim(GpecJobFactory())
    with pytest.raises(IllegalTransition):
        jobs.finish(job, status=RunStatus.TIMED_OUT)  # GPEC jobs have no such state
    assert GpecJob.objects.get(pk=job.pk).status == "running"


def test_the_progress_recorder_is_throttled_and_beats(monkeypatch):
    job = jobs.claim(GpecJobFactory(), now=NOW)
    clock = iter([100.0, 100.2, 100.3, 101.0])
    monkeypatch.setattr(jobs.time, "monotonic", lambda: next(clock))
    record = jobs.ProgressRecorder(job, ceiling=99)
    record(0.3, "first")
    record(0.4, "too soon: skipped")
    record(1.0, "the last one is always written")
    job.refresh_from_db()
    assert (job.progress, job.message) == (99, "the last one is always written")
    assert job.heartbeat_at > NOW
    record(0.5, "written again")
    job.refresh_from_db()
    assert (job.progress, job.message) == (50, "written again")


def test_a_running_job_that_stopped_beating_is_shown_interrupted(settings):
    settings.MAILLAGE_JOB_STALE_SECONDS = 60
    now = timezone.now()
    alive = GpecJobFactory(running=True, heartbeat_at=now - dt.timedelta(seconds=59))
    silent = GpecJobFactory(running=True, heartbeat_at=now - dt.timedelta(seconds=61))
    assert (jobs.effective_status(alive, now=now), alive.is_interrupted) == ("running", False)
    assert (jobs.effective_status(silent, now=now), silent.is_interrupted) == (
        "interrupted",
        True,
    )
    assert silent.shown_status == "interrupted"
    assert jobs.effective_status(GpecJobFactory(succeeded=True), now=now) == "succeeded"


def test_reconciliation_closes_the_jobs_nobody_works_on(settings):
    settings.MAILLAGE_JOB_STALE_SECONDS = 60
    now = timezone.now()
    old = now - dt.timedelta(minutes=5)
    once = GpecJobFactory(running=True, attempts=1, heartbeat_at=old)
    twice = ConsolidationRunFactory(running=True, attempts=2, heartbeat_at=old)
    alive = GpecJobFactory(running=True, attempts=1, heartbeat_at=now)
    assert jobs.reconcile(now=now) == {"interrupted": 1, "failed": 1}
    statuses = [
        GpecJob.objects.get(pk=once.pk).status,
        ConsolidationRun.objects.get(pk=twice.pk).status,
        GpecJob.objects.get(pk=alive.pk).status,
    ]
    assert statuses == ["interrupted", "failed", "running"]
    # One stale delay later: still interrupted (no redelivery took it over), it is failed;
    # the job alive a minute ago has stopped beating since: interrupted.
    assert jobs.reconcile(now=now + dt.timedelta(seconds=61)) == {"interrupted": 1, "failed": 1}
    assert GpecJob.objects.get(pk=once.pk).status == "failed"
    assert GpecJob.objects.get(pk=alive.pk).status == "interrupted"


def test_an_interrupted_job_is_taken_over_by_its_redelivered_task():
    job = GpecJobFactory(status=JobStatus.INTERRUPTED, attempts=1, heartbeat_at=timezone.now())
    claimed = jobs.claim(job)
    assert (claimed.status, claimed.attempts) == ("running", 2)


def test_a_job_is_enqueued_after_commit_on_its_territory_queue(
    monkeypatch, django_capture_on_commit_callbacks, settings
):
    from maillage.gpec.tasks import run_gpec_job

    sent = []
    monkeypatch.setattr(run_gpec_job.app.conf, "task_always_eager", False)
    monkeypatch.setattr(run_gpec_job, "apply_async", lambda **kw: sent.append(kw))
    job = GpecJobFactory(territory=TerritoryFactory(slug="gironde"))
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue("maillage.gpec.tasks.run_gpec_job", job)
        assert sent == []  # nothing leaves before the commit
    assert sent == [{"kwargs": {"job_id": job.pk}, "queue": "territory.gironde"}]


def test_eager_jobs_run_in_a_thread_when_the_setting_says_so(
    monkeypatch, django_capture_on_commit_callbacks, settings
):
    from maillage.gpec.tasks import run_gpec_job

    settings.MAILLAGE_EAGER_JOBS_IN_THREAD = True
    ran_in = []
    done = threading.Event()

    def apply(**kwargs):
        ran_in.append((threading.current_thread().name, kwargs))
        done.set()

    monkeypatch.setattr(run_gpec_job, "apply", apply)
    job = GpecJobFactory(territory=TerritoryFactory(slug="landes"))
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(run_gpec_job, job)
    assert done.wait(timeout=10)
    name, kwargs = ran_in[0]
    assert name.startswith("maillage-job")
    assert kwargs == {"kwargs": {"job_id": job.pk}, "queue": "territory.landes"}


def test_a_job_the_broker_refuses_is_failed_rather_left_queued(
    monkeypatch, django_capture_on_commit_callbacks
):
    from maillage.gpec.tasks import run_gpec_job

    def unreachable(**kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(run_gpec_job.app.conf, "task_always_eager", False)
    monkeypatch.setattr(run_gpec_job, "apply_async", unreachable)
    job = GpecJobFactory()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(run_gpec_job, job)
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "The job could not be sent to the workers.")
