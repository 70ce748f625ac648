"""Operations on plans: run the engine in the background, store versions, publish, respond."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from maillage.consolidation.access import can_restore_plan
from maillage.consolidation.engine import EngineInput, EngineResult, explain_assignment, solve
from maillage.consolidation.engine import validate as validate_plan
from maillage.consolidation.engine.tradeoff import FrontPoint, tradeoff_front
from maillage.consolidation.explanations import assignment_facts
from maillage.consolidation.instance import (
    PLANNABLE_STATES,
    BuiltInstance,
    build_instance,
    key_pk,
)
from maillage.consolidation.models import (
    AssignmentResponse,
    ConsolidationRun,
    Method,
    PairRule,
    PlanAssignment,
    PlanState,
    PlanUnassigned,
    PlanVersion,
    ReviewAnswer,
    ReviewOutcome,
    RunStatus,
)
from maillage.consolidation.selectors import PublicationCheck, publication_check
from maillage.consolidation.signals import plan_published
from maillage.core import jobs
from maillage.core.formatting import format_duration
from maillage.core.statemachine import IllegalTransition
from maillage.missions.access import coordinators_of
from maillage.missions.models import Mission, MissionState
from maillage.notifications.kinds import Kind
from maillage.notifications.services import notify
from maillage.people.access import coordinates, territories_coordinated_by
from maillage.people.models import User, WorkerProfile
from maillage.territory.models import Territory

logger = logging.getLogger(__name__)

MAX_TIME_LIMIT_SECONDS = 600
RUN_TASK = "maillage.consolidation.tasks.run_consolidation"


MAX_DAYS_FROM_TODAY = 3653
"""How far from today (ten years, either way) a plan's first day may be."""

MAX_PERIOD_DAYS = 366
"""The longest period a plan covers, in days (a school year, leap day included)."""


def start_run(
    *,
    territory: Territory,
    period_start: dt.date,
    period_end: dt.date,
    method: str,
    requested_by: User | None,
    time_limit_seconds: int = 30,
    seed: int = 1,
    enqueue: bool = True,
    explore_tradeoff: bool = False,
) -> ConsolidationRun:
    """Record a run request and enqueue it once the request is committed.

    `enqueue=False` leaves it queued for the caller to execute (a command that waits).
    `explore_tradeoff` (engine runs) also plans versions along the coverage / people at
    24 h front, in as much time again.
    """
    if period_end < period_start:
        raise ValidationError({"period_end": _("The last day cannot come before the first day.")})
    # A plan is for a term or a school year: a far-off date is a typing error (year 9999
    # made the engine's calendar overflow and the run fail after it had started).
    if abs((period_start - timezone.localdate()).days) > MAX_DAYS_FROM_TODAY:
        raise ValidationError(
            {"period_start": _("The first day must be within ten years of today.")}
        )
    if (period_end - period_start).days >= MAX_PERIOD_DAYS:
        raise ValidationError({"period_end": _("A plan covers at most a year (366 days).")})
    if not 1 <= time_limit_seconds <= MAX_TIME_LIMIT_SECONDS:
        raise ValidationError(
            {"time_limit_seconds": _("The time limit goes from 1 to 600 seconds.")}
        )
    with transaction.atomic():
        # One request at a time per territory: a double click finds the run the first made.
        Territory.objects.select_for_update().filter(pk=territory.pk).first()
        alive = [
            run
            for run in ConsolidationRun.objects.filter(
                territory=territory,
                period_start=period_start,
                period_end=period_end,
                method=method,
                status__in=jobs.ACTIVE,
            ).order_by("-pk")
            if not jobs.is_interrupted(run)
        ]
        if alive:
            return alive[0]
        run = ConsolidationRun.objects.create(
            territory=territory,
            period_start=period_start,
            period_end=period_end,
            method=method,
            requested_by=requested_by,
            time_limit_seconds=time_limit_seconds,
            seed=seed,
            explore_tradeoff=explore_tradeoff and method == Method.ENGINE,
        )
        if enqueue:
            # By name: the tasks module imports this one, never the reverse.
            jobs.enqueue(RUN_TASK, run, id_kwarg="run_id")
    return run


def execute_run(
    *, run_id: int, queue: str = "", worker: str = "", beat: bool = False
) -> ConsolidationRun:
    """Run the engine for a queued run and store its plan as a new version (idempotent).

    A run already finished, or running elsewhere and alive, is left alone. `beat` keeps the
    heartbeat from a side thread (the Celery task sets it; the engine may stay long in one
    solver call); `queue` and `worker` only say where the attempt ran.
    """
    run = jobs.claim(
        ConsolidationRun.objects.get(pk=run_id),
        message=_("Building the instance"),
        queue=queue,
        worker=worker,
    )
    if run is None:
        return ConsolidationRun.objects.get(pk=run_id)
    try:
        with jobs.heartbeat(run, enabled=beat):
            _plan(run)
    except jobs.LostClaim:
        logger.warning("consolidation run %s: taken over by another attempt", run.pk)
    except IntegrityError:  # a constraint's raw text is not for the coordinator
        logger.exception("consolidation run %s: a plan of the same period was stored", run.pk)
        jobs.fail(
            run,
            _("Another run of the same period stored its plan at the same time: run it again."),
        )
    except Exception as error:  # the previous plan stays as it is; the run says what happened
        logger.exception("consolidation run %s failed", run.pk)
        jobs.fail(run, _("The run failed: %(error)s") % {"error": error})
    run.refresh_from_db()
    return run


def _plan(run: ConsolidationRun) -> None:
    built = build_instance(
        territory=run.territory, period_start=run.period_start, period_end=run.period_end
    )
    instance = EngineInput.from_dict(built.data)
    result = solve(
        instance,
        method=run.method,
        time_limit_s=run.time_limit_seconds,
        seed=run.seed,
        progress=jobs.ProgressRecorder(run),
    )
    report = validate_plan(instance, result)
    if not report.ok:
        raise RuntimeError(f"the plan breaks {len(report.violations)} rule(s)")
    if result.status in ("infeasible", "timeout") and not result.assignments:
        jobs.finish(
            run,
            {"solver_status": result.status},
            status=RunStatus.TIMED_OUT,
            message=_("No plan was found within the time limit."),
        )
        return
    points = []
    if run.explore_tradeoff and result.assignments:
        jobs.ProgressRecorder(run, ceiling=99)(
            0.99, _("Planning the trade-off between coverage and jobs")
        )
        points = tradeoff_front(
            instance, base=result, time_limit_s=run.time_limit_seconds, seed=run.seed
        )
    with transaction.atomic():  # the versions and the run's success, or none
        version = _store_version(run, instance, result, built.missions_without_place)
        ConsolidationRun.objects.filter(pk=run.pk).update(
            engine_input=built.data, engine_result=result.to_dict()
        )
        outcome: dict = {"version": version.number, "solver_status": result.status}
        if points:
            outcome["front"] = _store_front(run, instance, built, points, version)
        jobs.finish(
            run,
            outcome,
            message=_("Plan version %(number)s is ready.") % {"number": version.number},
        )


def _derived_run(
    source: ConsolidationRun,
    *,
    message: str,
    result: dict,
    by: User | None,
    engine_input: dict | None,
    engine_result: dict | None,
) -> ConsolidationRun:
    """A finished run recording a version made from another run's work (a plan of its
    trade-off front, a restored version): each version has its own run, saying where it
    comes from in ``result``."""
    now = timezone.now()
    return ConsolidationRun.objects.create(
        territory_id=source.territory_id,
        period_start=source.period_start,
        period_end=source.period_end,
        method=source.method,
        time_limit_seconds=source.time_limit_seconds,
        seed=source.seed,
        status=RunStatus.SUCCEEDED,
        progress=100,
        message=message,
        result=result,
        requested_by=by,
        started_at=now,
        finished_at=now,
        engine_input=engine_input,
        engine_result=engine_result,
    )


def _store_front(
    run: ConsolidationRun,
    instance: EngineInput,
    built: BuiltInstance,
    points: list[FrontPoint],
    first: PlanVersion,
) -> list[dict]:
    """A draft version per plan of the front that brings more people to the threshold than
    the one before it (each with its own run, which records where it comes from); the
    figures of every plan kept, first the run's own."""
    front = []
    best = points[0].workers_at_threshold
    for point in points:
        if point.epsilon and point.workers_at_threshold <= best:
            continue  # no more jobs for the coverage given up: not a choice worth showing
        if point.epsilon:
            best = point.workers_at_threshold
            child = _derived_run(
                run,
                message=_("A trade-off plan of run %(run)s.") % {"run": run.pk},
                result={"tradeoff_of": run.pk, "epsilon": point.epsilon},
                by=run.requested_by,
                engine_input=built.data,
                engine_result=point.result.to_dict(),
            )
            version = _store_version(child, instance, point.result, built.missions_without_place)
        else:
            version = first
        metrics = point.result.metrics
        front.append(
            {
                "version": version.number,
                "version_id": version.pk,
                "epsilon": point.epsilon,
                "coverage": point.coverage,
                "covered_minutes_week": metrics.get("covered_minutes_week", point.covered_minutes),
                "workers_at_threshold": point.workers_at_threshold,
                "km_week": point.km_week,
            }
        )
    return front


def _store_version(
    run: ConsolidationRun, instance: EngineInput, result: EngineResult, without_place: list[int]
) -> PlanVersion:
    # The territory's row is the lock: two runs of one period would otherwise both read the
    # same last number (no row to lock before the first version exists).
    Territory.objects.select_for_update().filter(pk=run.territory_id).first()
    last = (
        PlanVersion.objects.filter(
            territory=run.territory, period_start=run.period_start, period_end=run.period_end
        )
        .order_by("-number")
        .first()
    )
    version = PlanVersion.objects.create(
        territory=run.territory,
        period_start=run.period_start,
        period_end=run.period_end,
        number=(last.number + 1) if last else 1,
        run=run,
        method=run.method,
        solver_status=result.status,
        objective=str(result.objective),
        bound=str(result.bound),
        metrics=result.metrics,
    )
    version.transitions.create(from_state="", to_state=PlanState.DRAFT, by=run.requested_by)
    pinned = {(p.mission, p.worker) for p in instance.pinned}
    previous = {(m, w.id) for w in instance.workers for m in w.previous}
    held_before = {m for m, _ in previous}
    week_minutes: dict[str, int] = {}
    for a in result.assignments:
        week_minutes[a.worker] = week_minutes.get(a.worker, 0) + sum(b.minutes for b in a.blocks)
    threshold = instance.rules.threshold_minutes
    rows = []
    for a in result.assignments:
        engine_explanation = explain_assignment(instance, result, a.mission, lang="en")
        minutes = sum(b.minutes for b in a.blocks)
        rows.append(
            PlanAssignment(
                version=version,
                mission_id=key_pk(a.mission),
                worker_id=key_pk(a.worker),
                blocks=[b.to_dict() for b in a.blocks],
                weekly_minutes=minutes,
                explanation={
                    "engine": engine_explanation,
                    "facts": assignment_facts(
                        engine_explanation=engine_explanation,
                        pinned=(a.mission, a.worker) in pinned,
                        previous=(a.mission, a.worker) in previous,
                        moved_from_previous=(
                            a.mission in held_before and (a.mission, a.worker) not in previous
                        ),
                        threshold_minutes=threshold,
                        week_minutes=week_minutes[a.worker],
                        mission_minutes=minutes,
                    ),
                },
            )
        )
    PlanAssignment.objects.bulk_create(rows)
    unassigned = [
        PlanUnassigned(
            version=version,
            mission_id=key_pk(u.mission),
            reason=u.reason,
            detail=u.detail,
            params=u.params,
        )
        for u in result.unassigned
    ]
    unassigned += [
        PlanUnassigned(
            version=version,
            mission_id=pk,
            reason="no_location",
            detail="The place of this mission has no coordinates.",
        )
        for pk in without_place
    ]
    PlanUnassigned.objects.bulk_create(unassigned)
    return version


def effective_status(run: ConsolidationRun, *, now: dt.datetime | None = None) -> str:
    """The run's status, or 'interrupted' when it has stopped giving signs of life."""
    return jobs.effective_status(run, now=now)


def publish_version(
    *, version: PlanVersion, by: User | None, confirm_worse: bool = False
) -> PlanVersion:
    """Publish a draft version; the previous published one is superseded; missions planned.

    A version worse than the plan in force on a level (demand covered, workers at the
    threshold) is published only when ``confirm_worse`` says the coordinator saw it.
    Publishing a version already published does nothing (a double click). Two publications
    of one period wait for each other on the territory's row; a constraint still refusing
    one answers with a sentence, not the database's words.
    """
    try:
        return _publish(version=version, by=by, confirm_worse=confirm_worse)
    except IllegalTransition as error:  # superseded meanwhile
        raise ValidationError(_("Only a draft version can be published.")) from error
    except IntegrityError as error:
        logger.warning("publishing plan version %s refused: %s", version.pk, error)
        raise ValidationError(
            _("Another version of this plan was published at the same time: reload the page.")
        ) from error


def worse_levels_text(check: PublicationCheck) -> str:
    """The levels a version loses against the plan in force, in words and figures."""
    assert check.in_force is not None
    parts = []
    for name in check.worse:
        if name == "covered_minutes":
            parts.append(
                _("demand covered a week %(before)s → %(after)s")
                % {
                    "before": format_duration(check.in_force.covered_minutes_week),
                    "after": format_duration(check.version.covered_minutes_week),
                }
            )
        else:
            parts.append(
                _("workers at the contract threshold %(before)s → %(after)s")
                % {
                    "before": check.in_force.figure(name) or 0,
                    "after": check.version.figure(name) or 0,
                }
            )
    return ", ".join(parts)


def _publish(*, version: PlanVersion, by: User | None, confirm_worse: bool) -> PlanVersion:
    with transaction.atomic():
        Territory.objects.select_for_update().filter(pk=version.territory_id).first()
        version = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if version.state == PlanState.PUBLISHED:
            return version
        check = publication_check(version)
        if check.needs_confirmation and not confirm_worse:
            assert check.in_force is not None  # nothing is worse than no plan
            worse = _(
                "This version is worse than the plan in force (v%(number)s): %(levels)s. "
                "Confirm to publish it anyway."
            ) % {"number": check.in_force.number, "levels": worse_levels_text(check)}
            raise ValidationError(
                {"confirm_worse": ValidationError(worse, code="confirmation_required")}
            )
        previous = PlanVersion.objects.select_for_update().filter(
            territory=version.territory,
            period_start=version.period_start,
            period_end=version.period_end,
            state=PlanState.PUBLISHED,
        )
        for old in previous:
            old.transition(PlanState.SUPERSEDED, by=by, reason=f"v{version.number}")
        version.transition(PlanState.PUBLISHED, by=by)
        assigned = set(version.assignments.values_list("mission_id", flat=True))
        for mission in Mission.objects.select_for_update().filter(pk__in=assigned).order_by("pk"):
            if mission.state == MissionState.ACCEPTED:
                mission.transition(MissionState.PLANNED, by=by, reason=f"plan v{version.number}")
        for mission in (
            Mission.objects.select_for_update()
            .filter(territory=version.territory, state=MissionState.PLANNED)
            .exclude(pk__in=assigned)
            .order_by("pk")
        ):
            if (
                mission.period_start <= version.period_end
                and mission.period_end >= version.period_start
            ):
                mission.transition(
                    MissionState.ACCEPTED, by=by, reason=f"not in plan v{version.number}"
                )
        # Layers above (execution dates the plan) listen; they commit with the publication.
        plan_published.send(sender=PlanVersion, version=version, by=by)
    return version


def add_pair_rule(
    *, mission: Mission, worker: WorkerProfile, kind: str, by: User, reason: str = ""
) -> PairRule:
    """Pin or forbid a pair; it replaces any active rule on the same pair (and pin on mission).

    A pin needs a worker who holds every skill of the need at its level: the engine would
    otherwise keep the pin and break the need's requirements, or drop the need. Forbidding
    is always possible.
    """
    if mission.territory_id != worker.territory_id:
        raise ValidationError({"worker": _("This worker is not on the mission's territory.")})
    if kind == PairRule.Kind.PIN:
        _check_qualified_for_pin(mission=mission, worker=worker)
    with transaction.atomic():
        # Rules of one mission change one request at a time: two posts of a double click
        # arriving together would otherwise both create a rule, and the second would hit
        # `pair_rule_one_pin_per_mission` or `pair_rule_one_active_rule_per_pair` (a 500).
        Mission.objects.select_for_update().filter(pk=mission.pk).first()
        # A double click sends the same rule twice: the active one stands, nothing revoked.
        same = PairRule.objects.filter(
            mission=mission, worker=worker, kind=kind, reason=reason, revoked_at__isnull=True
        ).first()
        if same is not None:
            return same
        now = timezone.now()
        PairRule.objects.filter(mission=mission, worker=worker, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by
        )
        if kind == PairRule.Kind.PIN:
            PairRule.objects.filter(
                mission=mission, kind=PairRule.Kind.PIN, revoked_at__isnull=True
            ).update(revoked_at=now, revoked_by=by)
        return PairRule.objects.create(
            mission=mission, worker=worker, kind=kind, created_by=by, reason=reason
        )


def _check_qualified_for_pin(*, mission: Mission, worker: WorkerProfile) -> None:
    """Raise a ValidationError on the worker field naming the first skill the worker lacks."""
    held = dict(worker.skills.values_list("skill_id", "level"))
    for required in mission.skills.select_related("skill").order_by("skill__code"):
        level = held.get(required.skill_id)
        if level is not None and level >= required.min_level:
            continue
        values = {
            "worker": worker.user.get_full_name(),
            "skill": required.skill.name,
            "level": required.min_level,
            "held": level,
        }
        if level is None:
            message = _(
                "%(worker)s cannot be pinned to this need: it requires %(skill)s at level "
                "%(level)s, and they do not have that skill."
            )
        else:
            message = _(
                "%(worker)s cannot be pinned to this need: it requires %(skill)s at level "
                "%(level)s, and they have level %(held)s."
            )
        raise ValidationError({"worker": message % values})


def revoke_pair_rule(*, rule: PairRule, by: User) -> PairRule:
    """Remove a pin or a prohibition from the next runs, keeping who removed it and when.

    The row stays (revoked, not deleted): a pair rule is a coordinator's instruction, or the
    trace of a worker's refusal, and past plan versions were computed under it.
    """
    with transaction.atomic():
        rule = PairRule.objects.select_for_update().get(pk=rule.pk)
        if rule.revoked_at is not None:
            raise ValidationError(_("This pin or prohibition was already removed."))
        rule.revoked_at = timezone.now()
        rule.revoked_by = by
        rule.save(update_fields=["revoked_at", "revoked_by"])
    return rule


def respond_to_assignment(
    *, assignment: PlanAssignment, by: User, decision: str, reason: str = ""
) -> AssignmentResponse:
    """A worker accepts, refuses (with a reason) or asks a person to review an assignment.

    A refusal also forbids the pair, so that the next run does not give it back. The same
    answer sent twice in a row (a double click) is recorded once: the second call returns
    the first answer.
    """
    if assignment.worker.user_id != by.pk:
        raise PermissionError("only the assigned worker answers")
    if decision != AssignmentResponse.Decision.ACCEPTED and not reason.strip():
        raise ValidationError({"reason": _("Say why you refuse or ask for a review.")})
    with transaction.atomic():
        PlanAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        latest = assignment.responses.order_by("-at", "-pk").first()
        if (
            latest is not None
            and latest.decision == decision
            and latest.reason == reason.strip()
            and latest.resolved_at is None
        ):
            return latest
        response = AssignmentResponse.objects.create(
            assignment=assignment, decision=decision, reason=reason.strip(), by=by
        )
        if decision != AssignmentResponse.Decision.ACCEPTED:
            notify(
                recipients=coordinators_of(assignment.version.territory_id),
                kind=Kind.REVIEW_REQUESTED,
                params={"worker": by.first_name or str(by), "need": assignment.mission.title},
                url=reverse("reviews:answer", args=[response.pk]),
            )
        if decision == AssignmentResponse.Decision.REFUSED:
            add_pair_rule(
                mission=assignment.mission,
                worker=assignment.worker,
                kind=PairRule.Kind.FORBID,
                by=by,
                # The whole reason stays on the answer; the rule keeps what its column holds.
                reason=Truncator(
                    _("Refused by the worker: %(reason)s") % {"reason": reason.strip()}
                ).chars(PairRule.REASON_MAX_LENGTH),
            )
    return response


def restore_version(*, version: PlanVersion, by: User) -> PlanVersion:
    """A superseded version comes back as a new draft, identical, to publish like any other.

    Versions are never edited in place: the restored one is a copy with the next number,
    whose run records what it restores. Refused when one of its missions can no longer be
    planned (cancelled or finished since): the engine must plan the period again instead.
    A double click restores once: the draft made from this version by its last restore is
    returned when it is still the newest version of the period.
    """
    if not can_restore_plan(by, version):
        raise PermissionDenied(_("Only a coordinator of the territory restores a version."))
    with transaction.atomic():
        Territory.objects.select_for_update().filter(pk=version.territory_id).first()
        version = PlanVersion.objects.select_related("run").get(pk=version.pk)
        if version.state != PlanState.SUPERSEDED:
            raise ValidationError(_("Only a superseded version can be restored."))
        same_period = PlanVersion.objects.filter(
            territory_id=version.territory_id,
            period_start=version.period_start,
            period_end=version.period_end,
        )
        newest = same_period.select_related("run").order_by("-number").first()
        assert newest is not None  # at least this version
        if newest.state == PlanState.DRAFT and newest.run.result == {"restored": version.number}:
            return newest
        assignments = list(version.assignments.select_related("mission"))
        gone = sorted(
            a.mission.title for a in assignments if a.mission.state not in PLANNABLE_STATES
        )
        if gone:
            raise ValidationError(
                _(
                    "These needs can no longer be planned: %(needs)s. Run the engine for the "
                    "period instead."
                )
                % {"needs": ", ".join(gone)}
            )
        run = _derived_run(
            version.run,
            message=_("Version %(number)s restored.") % {"number": version.number},
            result={"restored": version.number},
            by=by,
            engine_input=version.run.engine_input,
            engine_result=version.run.engine_result,
        )
        restored = PlanVersion.objects.create(
            territory_id=version.territory_id,
            period_start=version.period_start,
            period_end=version.period_end,
            number=newest.number + 1,
            run=run,
            method=version.method,
            solver_status=version.solver_status,
            objective=version.objective,
            bound=version.bound,
            metrics=version.metrics,
        )
        restored.transitions.create(
            from_state="", to_state=PlanState.DRAFT, by=by, reason=f"restored v{version.number}"
        )
        PlanAssignment.objects.bulk_create(
            PlanAssignment(
                version=restored,
                mission_id=a.mission_id,
                worker_id=a.worker_id,
                blocks=a.blocks,
                weekly_minutes=a.weekly_minutes,
                explanation=a.explanation,
            )
            for a in assignments
        )
        PlanUnassigned.objects.bulk_create(
            PlanUnassigned(
                version=restored,
                mission_id=u.mission_id,
                reason=u.reason,
                detail=u.detail,
                params=u.params,
            )
            for u in version.unassigned.all()
        )
    return restored


def compare_versions(current: PlanVersion, other: PlanVersion | None) -> dict:
    """Side-by-side metrics and the missions whose worker changed."""
    if other is None:
        return {"other": None, "changed": [], "rows": []}
    mine, theirs = current.worker_of_mission, other.worker_of_mission
    changed = sorted(m for m in mine.keys() | theirs.keys() if mine.get(m) != theirs.get(m))
    keys = [
        "covered_minutes",
        "workers_at_threshold",
        "workers_wishing_threshold",
        "active_workers",
        "km_week",
        "stability",
    ]
    rows = [(k, current.figure(k), other.figure(k)) for k in keys]
    return {"other": other, "changed": changed, "rows": rows}


__all__ = [
    "add_pair_rule",
    "compare_versions",
    "effective_status",
    "execute_run",
    "publish_version",
    "respond_to_assignment",
    "restore_version",
    "revoke_pair_rule",
    "start_run",
]


# Human review ---------------------------------------------------------------------------

REVIEWED_DECISIONS = (AssignmentResponse.Decision.REFUSED, AssignmentResponse.Decision.REVIEW)


def open_reviews(user: User) -> QuerySet[AssignmentResponse]:
    """Refusals and review requests awaiting a person, on the published plans of the
    territories the user coordinates, oldest first (the reviewer's inbox)."""
    return (
        AssignmentResponse.objects.filter(
            decision__in=REVIEWED_DECISIONS,
            resolved_at__isnull=True,
            assignment__version__state=PlanState.PUBLISHED,
            assignment__version__territory__in=territories_coordinated_by(user),
        )
        .select_related(
            "by",
            "assignment__mission__buyer",
            "assignment__worker__user",
            "assignment__version__territory",
        )
        .order_by("at", "pk")
    )


def reviewable_response(user: User, pk: int) -> AssignmentResponse | None:
    """A refusal or review request on a plan of a territory the user coordinates, or None."""
    return (
        AssignmentResponse.objects.filter(
            pk=pk,
            decision__in=REVIEWED_DECISIONS,
            assignment__version__territory__in=territories_coordinated_by(user),
        )
        .select_related(
            "by",
            "assignment__mission__buyer",
            "assignment__worker__user",
            "assignment__version__territory",
        )
        .first()
    )


def answer_review(
    *, response: AssignmentResponse, by: User, outcome: str, reason: str
) -> ReviewAnswer:
    """A coordinator of the plan's territory answers a refusal or a review request, once.

    The answer (kept or changed, with a written reason) is a new immutable row; the request
    is marked reviewed and the worker is told.
    """
    if not coordinates(by, response.assignment.version.territory_id):
        raise PermissionDenied(_("Only a coordinator of the territory answers this request."))
    if response.decision not in REVIEWED_DECISIONS:
        raise ValidationError(_("Only a refusal or a review request is answered."))
    errors: dict[str, list[str]] = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = [_("Say whether the assignment is kept or changed.")]
    if not reason.strip():
        errors["reason"] = [_("Write the reason of the answer: the worker reads it.")]
    elif len(reason.strip()) > ReviewAnswer.REASON_MAX_LENGTH:
        errors["reason"] = [
            _("The reason is at most %(count)s characters.")
            % {"count": ReviewAnswer.REASON_MAX_LENGTH}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = AssignmentResponse.objects.select_for_update().get(pk=response.pk)
        if locked.resolved_at is not None or ReviewAnswer.objects.filter(response=locked).exists():
            raise ValidationError(_("This request is already answered."))
        answer = ReviewAnswer.objects.create(
            response=locked, outcome=outcome, reason=reason.strip(), by=by
        )
        locked.resolved_at = answer.at
        locked.save(update_fields=["resolved_at"])
        notify(
            recipients=[locked.by],
            kind=Kind.REVIEW_ANSWERED,
            params={"need": response.assignment.mission.title, "outcome": outcome},
            url=reverse("plans:worker_week"),
        )
    return answer
