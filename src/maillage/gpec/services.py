"""GPEC operations: start heavy computations in the background and run them."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.consolidation.instance import build_instance
from maillage.core import jobs
from maillage.gpec.engine_runs import run_diagnosis, what_if_trained
from maillage.gpec.models import GpecJob, HouseholdSituation, JobKind
from maillage.people.models import User, WorkerProfile
from maillage.skills.models import MAX_LEVEL, Skill
from maillage.territory.models import Territory

logger = logging.getLogger(__name__)

#: Short, fixed settings so that every what-if is compared on the same footing.
WHAT_IF_TIME_LIMIT_SECONDS = 5
DIAGNOSIS_TIME_LIMIT_SECONDS = 20  # per scale, shared among the scale's areas
SEED = 1
JOB_TASK = "maillage.gpec.tasks.run_gpec_job"


def start_job(
    *,
    kind: str,
    territory: Territory,
    period_start: dt.date,
    period_end: dt.date,
    requested_by: User | None,
    params: dict | None = None,
) -> GpecJob:
    """Record a computation and enqueue it once the request is committed."""
    params = dict(params or {})
    if kind == JobKind.WHAT_IF:
        params = _checked_what_if(territory, params)
    params.setdefault("seed", SEED)
    params.setdefault(
        "time_limit_s",
        WHAT_IF_TIME_LIMIT_SECONDS if kind == JobKind.WHAT_IF else DIAGNOSIS_TIME_LIMIT_SECONDS,
    )
    with transaction.atomic():
        job = GpecJob.objects.create(
            kind=kind,
            territory=territory,
            period_start=period_start,
            period_end=period_end,
            params=params,
            requested_by=requested_by,
        )
        # By name: the tasks module imports this one, never the reverse.
        jobs.enqueue(JOB_TASK, job, id_kwarg="job_id")
    return job


def _checked_what_if(territory: Territory, params: dict) -> dict:
    unknown = _("Unknown worker or skill for this territory.")
    try:
        worker_id, skill_code, level = (
            int(params["worker_id"]),
            str(params["skill"]),
            int(params["level"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(unknown) from error
    # A code no skill can have is not looked up: PostgreSQL refuses a NUL in a query's text.
    if not slug_re.fullmatch(skill_code):
        raise ValidationError(unknown)
    try:
        worker = WorkerProfile.objects.get(pk=worker_id, territory=territory)
        skill = Skill.objects.get(code=skill_code)
    except (WorkerProfile.DoesNotExist, Skill.DoesNotExist) as error:
        raise ValidationError(unknown) from error
    if not 1 <= level <= MAX_LEVEL:
        raise ValidationError(_("A level goes from 1 to 8."))
    return {"worker_id": worker.pk, "skill": skill.code, "level": level}


def execute_job(*, job_id: int, queue: str = "", worker: str = "", beat: bool = False) -> GpecJob:
    """Run a queued computation and store its result (idempotent: a started job is left)."""
    job = jobs.claim(
        GpecJob.objects.get(pk=job_id), message=_("Starting"), queue=queue, worker=worker
    )
    if job is None:
        return GpecJob.objects.get(pk=job_id)
    try:
        with jobs.heartbeat(job, enabled=beat):
            # 99 at most until the result is stored: 100 % means it is there.
            result = _compute(job, jobs.ProgressRecorder(job, ceiling=99))
            jobs.finish(job, result, message=_("Done"))
    except jobs.LostClaim:
        logger.warning("GPEC job %s: taken over by another attempt", job.pk)
    except Exception as error:  # the job says what happened; nothing else changes
        logger.exception("GPEC job %s failed", job.pk)
        jobs.fail(job, _("The computation failed: %(error)s") % {"error": error})
    job.refresh_from_db()
    return job


def _compute(job: GpecJob, progress) -> dict:
    params = job.params
    if job.kind == JobKind.DIAGNOSIS:
        return run_diagnosis(
            territory=job.territory,
            period_start=job.period_start,
            period_end=job.period_end,
            time_limit_s=float(params["time_limit_s"]),
            seed=int(params["seed"]),
            progress=progress,
        )
    if job.kind == JobKind.WHAT_IF:
        data = build_instance(
            territory=job.territory, period_start=job.period_start, period_end=job.period_end
        ).data
        return what_if_trained(
            data,
            worker_id=int(params["worker_id"]),
            skill_code=params["skill"],
            level=int(params["level"]),
            time_limit_s=float(params["time_limit_s"]),
            seed=int(params["seed"]),
            progress=progress,
        )
    if job.kind == JobKind.PUBLIC_COSTS:
        from maillage.gpec.public_costs import public_costs_avoided
        from maillage.gpec.supply_demand import studied_period

        progress(0.1, "OpenFisca-France")
        _period, published = studied_period(job.territory)
        if published is None:
            return {"households": 0}
        costs = public_costs_avoided(published=published)
        return {
            "month": costs.month,
            "households": costs.households,
            "hourly_gross": str(costs.hourly_gross),
            "benefits_before": str(costs.benefits_before),
            "benefits_after": str(costs.benefits_after),
            "avoided_per_month": str(costs.avoided_per_month),
        }
    raise ValueError(f"unknown job kind {job.kind!r}")


def latest_job(*, territory: Territory, kind: str, **params) -> GpecJob | None:
    jobs = GpecJob.objects.filter(territory=territory, kind=kind)
    for key, value in params.items():
        jobs = jobs.filter(**{f"params__{key}": value})
    return jobs.first()


def declare_household(
    *,
    worker: WorkerProfile,
    kind: str,
    children: int,
    birth_year: int,
    monthly_gross_earnings: Decimal,
    partner_monthly_gross_earnings: Decimal,
    consent: bool,
    today: dt.date | None = None,
) -> HouseholdSituation:
    """Record a worker's declared household; consent is dated, withdrawing it clears the date."""
    today = today or timezone.localdate()
    with transaction.atomic():
        situation, _created = HouseholdSituation.objects.select_for_update().get_or_create(
            worker=worker,
            defaults={"kind": kind, "birth_year": birth_year},
        )
        keep_date = situation.consent and consent and situation.consented_on
        situation.kind = kind
        situation.children = children
        situation.birth_year = birth_year
        situation.monthly_gross_earnings = monthly_gross_earnings
        situation.partner_monthly_gross_earnings = partner_monthly_gross_earnings
        situation.consent = consent
        situation.consented_on = (
            (situation.consented_on if keep_date else today) if consent else None
        )
        situation.full_clean()
        situation.save()
    return situation
