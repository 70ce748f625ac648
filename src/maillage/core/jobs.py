"""One background-job mechanism for every heavy computation (consolidation runs, GPEC jobs).

A job is a row: the page reads its status, progress and message; a Celery task does the work.
The row is the truth, not the broker: a task that is delivered twice, or after its worker
died, asks the row whether it may work (`claim`), and every later write is fenced by the
attempt number it claimed, so a job that lost its claim cannot overwrite its successor.

Lifecycle (one table, `BackgroundJob.TRANSITIONS`)::

    queued ──claim──▶ running ──finish──▶ succeeded
                        │  ▲  └──fail────▶ failed
           stale beat,  │  │ re-claim (redelivered task, heartbeat stale, attempts left)
           reconcile    ▼  │
                     interrupted ──(no attempt left)──▶ failed

Enqueueing: services call `enqueue("app.tasks.name", job)`; the task is imported by name when
the transaction commits, so services never import their tasks module (tasks import services).
Each job goes to the queue of its territory, `territory.<slug>`. Without a broker (the demo:
CELERY_TASK_ALWAYS_EAGER) the task runs in this process, in a small thread pool so that the
page shows progress instead of waiting (MAILLAGE_EAGER_JOBS_IN_THREAD, tests turn it off).

`core` sits at the bottom of the layers: this module knows no other app of the platform.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import IllegalTransition

logger = logging.getLogger(__name__)

MESSAGE_LENGTH = 300


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    INTERRUPTED = "interrupted", _("Interrupted")


#: The moves every job may make; a model may add its own final states (see ConsolidationRun).
TRANSITIONS: Mapping[str, frozenset[str]] = {
    JobStatus.QUEUED: frozenset({JobStatus.RUNNING, JobStatus.FAILED}),
    # running -> running: a redelivered task takes over a job whose worker stopped beating.
    JobStatus.RUNNING: frozenset(
        {JobStatus.RUNNING, JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.INTERRUPTED}
    ),
    JobStatus.INTERRUPTED: frozenset({JobStatus.RUNNING, JobStatus.FAILED}),
    JobStatus.SUCCEEDED: frozenset(),
    JobStatus.FAILED: frozenset(),
}
ACTIVE = frozenset({JobStatus.QUEUED, JobStatus.RUNNING})


class _Slugged(Protocol):
    slug: str


class LostClaim(Exception):
    """The job was taken over (or closed) since this attempt claimed it: stop, write nothing."""


class BackgroundJob(models.Model):
    """Abstract row of a background job: status, progress, heartbeat, attempts and result.

    A concrete job has a `territory` (its queue) and may extend `TRANSITIONS`.
    """

    TRANSITIONS: Mapping[str, frozenset[str]] = TRANSITIONS
    # Declared by every concrete job (a foreign key to its territory): core knows only its slug.
    territory: _Slugged

    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=MESSAGE_LENGTH, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Where the last attempt was delivered: the queue (routing key) and the worker.
    queue = models.CharField(_("queue"), max_length=120, blank=True)
    worker = models.CharField(_("Celery worker"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="%(app_label)s_%(class)s_progress_percent",
                violation_error_message=_("Progress is a percentage."),
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_interrupted(self) -> bool:
        return is_interrupted(self)

    @property
    def shown_status(self) -> str:
        """The status a page shows: 'interrupted' for a running job that stopped beating."""
        return effective_status(self)


#: A concrete job model: the functions below give back the same kind they were given.
J = TypeVar("J", bound=BackgroundJob)


# Settings, read on each use so that tests (and a worker's environment) may change them.


def stale_after() -> dt.timedelta:
    """How long without a heartbeat before a running job is considered dead."""
    return dt.timedelta(seconds=getattr(settings, "MAILLAGE_JOB_STALE_SECONDS", 60))


def heartbeat_every() -> float:
    return float(getattr(settings, "MAILLAGE_JOB_HEARTBEAT_SECONDS", 5))


def max_attempts() -> int:
    return int(getattr(settings, "MAILLAGE_JOB_MAX_ATTEMPTS", 2))


def queue_for(job: BackgroundJob) -> str:
    """The Celery queue of a job: one per territory, so one territory cannot starve another."""
    return f"territory.{job.territory.slug}"


# Reading the state.


def _last_sign(job: BackgroundJob) -> dt.datetime:
    return job.heartbeat_at or job.started_at or job.created_at


def is_interrupted(job: BackgroundJob, *, now: dt.datetime | None = None) -> bool:
    """True when the job was interrupted, or is running but stopped giving signs of life."""
    if job.status == JobStatus.INTERRUPTED:
        return True
    if job.status != JobStatus.RUNNING:
        return False
    return (now or timezone.now()) - _last_sign(job) > stale_after()


def effective_status(job: BackgroundJob, *, now: dt.datetime | None = None) -> str:
    """The job's status, or 'interrupted' when it has stopped giving signs of life."""
    return JobStatus.INTERRUPTED.value if is_interrupted(job, now=now) else job.status


# Moving the state: each move checks the table, under a row lock, in one transaction.


def _check(job_class: type[BackgroundJob], row: BackgroundJob, to_status: str) -> None:
    if to_status not in job_class.TRANSITIONS.get(row.status, frozenset()):
        raise IllegalTransition(obj=row, from_state=row.status, to_state=to_status)


def _locked(job: J) -> J:
    return type(job)._default_manager.select_for_update().get(pk=job.pk)


def claim(
    job: J,
    *,
    message: str = "",
    queue: str = "",
    worker: str = "",
    now: dt.datetime | None = None,
) -> J | None:
    """Take a job for this attempt; None when it is not ours to run (idempotent).

    A queued job is claimed. A running (or interrupted) job whose heartbeat is stale is
    claimed again by a redelivered task, counting the attempt; past the last attempt it is
    marked failed instead. Anything else (finished, or running and alive) is left alone.
    """
    with transaction.atomic():
        row = _locked(job)
        now = now or timezone.now()
        stale = row.status == JobStatus.INTERRUPTED or (
            row.status == JobStatus.RUNNING and now - _last_sign(row) > stale_after()
        )
        if row.status != JobStatus.QUEUED and not stale:
            return None
        if row.attempts >= max_attempts():
            _check(type(job), row, JobStatus.FAILED)
            _write(
                row,
                status=JobStatus.FAILED,
                message=gettext("Stopped after %(count)s interrupted attempts.")
                % {"count": row.attempts},
                finished_at=now,
            )
            return None
        _check(type(job), row, JobStatus.RUNNING)
        _write(
            row,
            status=JobStatus.RUNNING,
            progress=0,
            message=message,
            started_at=now,
            heartbeat_at=now,
            attempts=row.attempts + 1,
            queue=queue[:120],
            worker=worker[:200],
        )
    return row


def _write(row: BackgroundJob, **fields: Any) -> None:
    if "message" in fields:
        fields["message"] = str(fields["message"])[:MESSAGE_LENGTH]
    for name, value in fields.items():
        setattr(row, name, value)
    type(row)._default_manager.filter(pk=row.pk).update(**fields)


def _close(job: J, status: str, **fields: Any) -> J:
    """Move a claimed job to a final status, if this attempt still holds it."""
    with transaction.atomic():
        row = _locked(job)
        if row.attempts != job.attempts or row.status != JobStatus.RUNNING:
            raise LostClaim(f"{type(job).__name__} {job.pk}: attempt {job.attempts} lost it")
        _check(type(job), row, status)
        now = timezone.now()
        _write(row, status=status, progress=100, finished_at=now, heartbeat_at=now, **fields)
    for name, value in fields.items():
        setattr(job, name, value)
    job.status, job.progress, job.finished_at = status, 100, row.finished_at
    return row


def finish(
    job: J,
    result: Any = None,
    *,
    message: str = "",
    status: str = JobStatus.SUCCEEDED,
) -> J:
    """Close a claimed job with its result (raises LostClaim if another attempt took it)."""
    return _close(job, status, result=result, message=message or gettext("Done"))


def fail(job: J, message: str) -> J | None:
    """Close a claimed job as failed; None if another attempt holds it (then it says nothing)."""
    try:
        return _close(job, JobStatus.FAILED, message=message)
    except LostClaim:
        logger.warning("%s %s: failure of a lost attempt ignored", type(job).__name__, job.pk)
        return None


class ProgressRecorder:
    """The engine's progress callback: progress, message and heartbeat, throttled.

    Each write is its own short statement (never inside the job's long work transaction),
    at most once every `every` seconds, except the last one (fraction 1.0).
    """

    def __init__(self, job: BackgroundJob, *, every: float = 0.5, ceiling: int = 100) -> None:
        self.job, self.every, self.ceiling = job, every, ceiling
        self.last_write = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last_write < self.every and fraction < 1.0:
            return
        self.last_write = now
        with transaction.atomic():
            type(self.job)._default_manager.filter(
                pk=self.job.pk, status=JobStatus.RUNNING, attempts=self.job.attempts
            ).update(
                progress=max(0, min(self.ceiling, round(fraction * 100))),
                message=str(message)[:MESSAGE_LENGTH],
                heartbeat_at=timezone.now(),
            )


@contextmanager
def heartbeat(job: BackgroundJob, *, enabled: bool = True) -> Iterator[None]:
    """Beat for the job from a side thread while the body works.

    The engine may stay minutes inside one solver call without reporting progress: the
    side thread keeps the job alive, and dies with the process when the worker is killed,
    which is exactly when the heartbeat must stop. It uses its own database connection.
    """
    if not enabled:
        yield
        return
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(heartbeat_every()):
                type(job)._default_manager.filter(
                    pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
                ).update(heartbeat_at=timezone.now())
        except Exception:  # a missed beat only makes the job look stale sooner
            logger.exception("heartbeat of %s %s", type(job).__name__, job.pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=beat, name=f"heartbeat-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=heartbeat_every() + 5)


def job_models() -> list[type[BackgroundJob]]:
    """Every concrete background-job model of the installed apps."""
    return [m for m in apps.get_models() if issubclass(m, BackgroundJob)]


def reconcile(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Close the jobs nobody works on any more (the periodic task calls this every minute).

    A running job silent for longer than the stale delay becomes interrupted (a redelivered
    task may still take it over), or failed once its attempts are spent. An interrupted job
    that nobody took over within the stale delay again is failed, so nothing stays open.
    """
    now = now or timezone.now()
    counts = {"interrupted": 0, "failed": 0}
    silent = Q(heartbeat_at__lt=now - stale_after()) | Q(
        heartbeat_at__isnull=True, started_at__lt=now - stale_after()
    )
    for model in job_models():
        with transaction.atomic():
            for row in model._default_manager.select_for_update().filter(
                Q(status=JobStatus.RUNNING) & silent
            ):
                if row.attempts >= max_attempts():
                    _check(model, row, JobStatus.FAILED)
                    _write(
                        row,
                        status=JobStatus.FAILED,
                        finished_at=now,
                        message=gettext("The job stopped answering and was abandoned."),
                    )
                    counts["failed"] += 1
                else:
                    _check(model, row, JobStatus.INTERRUPTED)
                    _write(
                        row,
                        status=JobStatus.INTERRUPTED,
                        heartbeat_at=now,
                        message=gettext("The job stopped answering."),
                    )
                    counts["interrupted"] += 1
            for row in model._default_manager.select_for_update().filter(
                status=JobStatus.INTERRUPTED, heartbeat_at__lt=now - stale_after()
            ):
                _check(model, row, JobStatus.FAILED)
                _write(
                    row,
                    status=JobStatus.FAILED,
                    finished_at=now,
                    message=gettext("The job stopped answering and was abandoned."),
                )
                counts["failed"] += 1
    return counts


# Enqueueing.

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _in_thread(call: Callable[[], Any]) -> None:
    """Run an eager job in the in-process pool (demo without a broker), closing its connection."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="maillage-job")

    def run() -> None:
        try:
            call()
        except Exception:  # the job row already says it failed; keep the pool alive
            logger.exception("background job failed in process")
        finally:
            connections.close_all()

    _executor.submit(run)


def _task(task: Any) -> Any:
    if isinstance(task, str):
        module, _dot, name = task.rpartition(".")
        return getattr(importlib.import_module(module), name)
    return task


def enqueue(task: Any, job: BackgroundJob, *, id_kwarg: str = "job_id") -> None:
    """Send `task(**{id_kwarg: job.pk})` to the job's territory queue once the caller commits.

    `task` is a Celery task or its dotted name (imported only then: no import cycle between
    a services module and its tasks). Eager (no broker): run in process, in a thread unless
    MAILLAGE_EAGER_JOBS_IN_THREAD is off.
    """
    queue = queue_for(job)
    kwargs = {id_kwarg: job.pk}

    def send() -> None:
        celery_task = _task(task)
        if celery_task.app.conf.task_always_eager:
            if getattr(settings, "MAILLAGE_EAGER_JOBS_IN_THREAD", True):
                _in_thread(lambda: celery_task.apply(kwargs=kwargs, queue=queue))
            else:
                celery_task.apply(kwargs=kwargs, queue=queue)
        else:
            try:
                celery_task.apply_async(kwargs=kwargs, queue=queue)
            except Exception:  # broker unreachable: say so on the job rather than wait forever
                logger.exception("%s %s could not be sent to %s", type(job).__name__, job.pk, queue)
                _unsent(job)

    transaction.on_commit(send)


def _unsent(job: BackgroundJob) -> None:
    with transaction.atomic():
        row = _locked(job)
        if row.status == JobStatus.QUEUED:
            _check(type(job), row, JobStatus.FAILED)
            _write(
                row,
                status=JobStatus.FAILED,
                finished_at=timezone.now(),
                message=gettext("The job could not be sent to the workers."),
            )


def run_claimed(
    task: Any,
    job: BackgroundJob,
    *,
    execute: Callable[..., BackgroundJob],
    id_kwarg: str = "job_id",
) -> str:
    """The body of a job task: execute it, or wait for the verdict on a job someone else runs.

    `execute(**{id_kwarg: pk}, queue=..., worker=..., beat=...)` is the service that claims
    and runs. A task that finds the job running and alive (a duplicate, or a redelivery
    after its worker died) retries once the heartbeat would be stale: then the job is either
    finished (nothing to do) or dead (this attempt takes it over).
    """
    request = task.request
    delivery = request.delivery_info or {}
    done = execute(
        **{id_kwarg: job.pk},
        queue=delivery.get("routing_key") or "",
        worker=f"{request.hostname or 'eager'} pid {os.getpid()}",
        beat=not request.is_eager,
    )
    if done.status in (JobStatus.RUNNING, JobStatus.INTERRUPTED) and not request.is_eager:
        # Bounded: each retry either finds the job closed, or stale and takes it over, or
        # alive because its worker still beats (then the job itself ends in finite time).
        wait = stale_after() - (timezone.now() - _last_sign(done))
        raise task.retry(countdown=max(1.0, wait.total_seconds() + 0.5), queue=queue_for(done))
    return done.status


__all__ = [
    "ACTIVE",
    "TRANSITIONS",
    "BackgroundJob",
    "JobStatus",
    "LostClaim",
    "ProgressRecorder",
    "claim",
    "effective_status",
    "enqueue",
    "fail",
    "finish",
    "heartbeat",
    "is_interrupted",
    "job_models",
    "queue_for",
    "reconcile",
    "run_claimed",
]
