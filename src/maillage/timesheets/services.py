"""Operations on timesheets: declare a week, correct, validate, dispute, settle; and the
periodic upkeep (implied validation, reminders, finished missions).

Every operation checks everything first and writes in one transaction: a refusal
(ValidationError with field messages, or PermissionDenied) writes nothing. Field names of
the errors are ``line_field(occurrence_id, name)`` (the week form uses the same names).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maillage.execution.dates import PARIS, week_monday
from maillage.execution.models import Occurrence, OccurrenceState
from maillage.missions.models import Mission, MissionState
from maillage.notifications.services import notify
from maillage.people.models import Organisation, Role, User, WorkerProfile
from maillage.pricing.models import Charter
from maillage.timesheets.access import can_answer, can_declare, can_settle
from maillage.timesheets.models import (
    MAX_DAY_MINUTES,
    MAX_WEEK_MINUTES,
    REASON_MAX_LENGTH,
    Outcome,
    Timesheet,
    TimesheetLine,
    TimesheetState,
    TimesheetTransition,
    TimesheetVersion,
)

S = TimesheetState
# Occurrences a worker declares: still standing for their uid and not cancelled.
DECLARABLE_STATES = (OccurrenceState.PLANNED, OccurrenceState.DONE)
# Without a charter (never in practice), the buyer has this many days to answer.
DEFAULT_VALIDATION_DAYS = 7
# How many past weeks the reminders look at.
REMINDER_WEEKS = 4


@dataclass(frozen=True)
class LineInput:
    """What the worker (or the coordinator settling) says of one occurrence."""

    occurrence_id: int
    outcome: str
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    reason: str = ""


def line_field(occurrence_id: int, name: str) -> str:
    """The error key (and form field name) of one line's value."""
    return f"o{occurrence_id}-{name}"


def week_of(day: dt.date) -> dt.date:
    return week_monday(day)


def declarable_occurrences(
    worker: WorkerProfile, monday: dt.date, *, now: dt.datetime, organisation_id: int | None = None
):
    """The worker's occurrences of that week that are over and still to be accounted for."""
    rows = Occurrence.objects.filter(
        worker=worker,
        date__gte=monday,
        date__lte=monday + dt.timedelta(days=6),
        state__in=DECLARABLE_STATES,
        ends_at__lte=now,
    )
    if organisation_id is not None:
        rows = rows.filter(mission__buyer_id=organisation_id)
    return rows.select_related("mission__buyer").order_by("starts_at", "pk")


# Checks ---------------------------------------------------------------------------------------


@dataclass
class _Checked:
    occurrence: Occurrence
    line: LineInput
    minutes: int
    span: tuple[dt.datetime, dt.datetime] | None


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(PARIS).date()


def _when(occurrence: Occurrence) -> str:
    local = occurrence.starts_at.astimezone(PARIS)
    return f"{date_format(occurrence.date, 'DATE_FORMAT')} {local:%H:%M}"


def _check_lines(
    *,
    worker: WorkerProfile,
    monday: dt.date,
    lines: Sequence[LineInput],
    now: dt.datetime,
    organisation_ids: set[int] | None,
    replacing: Iterable[int] = (),
) -> dict[int, list[_Checked]]:
    """Every line checked against the plan, the clock, each other and the law; grouped by
    organisation. Raises one ValidationError with every problem found."""
    errors: dict[str, list[str]] = defaultdict(list)
    sunday = monday + dt.timedelta(days=6)
    if not lines:
        raise ValidationError({"lines": [_("Declare at least one occurrence.")]})
    ids = [line.occurrence_id for line in lines]
    if len(set(ids)) != len(ids):
        raise ValidationError({"lines": [_("An occurrence is declared twice.")]})
    occurrences = {
        o.pk: o for o in Occurrence.objects.filter(pk__in=ids).select_related("mission__buyer")
    }
    checked: list[_Checked] = []
    for line in lines:
        key = line.occurrence_id
        occurrence = occurrences.get(key)
        if occurrence is None or occurrence.worker_id != worker.pk:
            errors[line_field(key, "outcome")].append(_("This is not one of your occurrences."))
            continue
        if not monday <= occurrence.date <= sunday:
            errors[line_field(key, "outcome")].append(
                _("This occurrence is not in the week of %(monday)s.")
                % {"monday": date_format(monday, "DATE_FORMAT")}
            )
            continue
        if organisation_ids is not None and occurrence.mission.buyer_id not in organisation_ids:
            errors[line_field(key, "outcome")].append(
                _("This occurrence is not work for this organisation.")
            )
            continue
        if occurrence.state not in DECLARABLE_STATES:
            errors[line_field(key, "outcome")].append(
                _("This occurrence was cancelled or replaced in the plan: it is not declared.")
            )
            continue
        if occurrence.ends_at > now:
            errors[line_field(key, "outcome")].append(
                _("This occurrence is not over yet: declare it once it has ended.")
            )
            continue
        item = _check_line(occurrence, line, now, errors)
        if item is not None:
            checked.append(item)
    if errors:
        raise ValidationError(dict(errors))

    by_organisation: dict[int, list[_Checked]] = defaultdict(list)
    for item in checked:
        by_organisation[item.occurrence.mission.buyer_id].append(item)
    # Every occurrence of a declared organisation's week is accounted for, once.
    expected = declarable_occurrences(worker, monday, now=now).filter(
        mission__buyer_id__in=list(by_organisation)
    )
    for occurrence in expected:
        if occurrence.pk not in occurrences:
            errors["lines"].append(
                _("“%(need)s” on %(when)s is missing: say whether it was done.")
                % {"need": occurrence.mission.title, "when": _when(occurrence)}
            )
    if errors:
        raise ValidationError(dict(errors))

    _check_overlaps_and_limits(
        worker=worker,
        monday=monday,
        checked=checked,
        replacing=replacing,
        organisation_ids=set(by_organisation),
        errors=errors,
    )
    if errors:
        raise ValidationError(dict(errors))
    return by_organisation


def _check_line(
    occurrence: Occurrence, line: LineInput, now: dt.datetime, errors: dict[str, list[str]]
) -> _Checked | None:
    key = occurrence.pk
    if len(line.reason) > REASON_MAX_LENGTH:
        errors[line_field(key, "reason")].append(
            _("At most %(count)d characters.") % {"count": REASON_MAX_LENGTH}
        )
        return None
    if line.outcome == Outcome.AS_PLANNED:
        return _Checked(
            occurrence, line, occurrence.minutes, (occurrence.starts_at, occurrence.ends_at)
        )
    if line.outcome == Outcome.NOT_DONE:
        if not line.reason.strip():
            errors[line_field(key, "reason")].append(_("Say why it was not done."))
            return None
        return _Checked(occurrence, line, 0, None)
    if line.outcome != Outcome.OTHER_TIMES:
        errors[line_field(key, "outcome")].append(_("Choose what became of this occurrence."))
        return None
    start, end = line.actual_start, line.actual_end
    if start is None:
        errors[line_field(key, "actual_start")].append(_("Give the time you started."))
    if end is None:
        errors[line_field(key, "actual_end")].append(_("Give the time you finished."))
    if start is None or end is None:
        return None
    if timezone.is_naive(start) or timezone.is_naive(end):
        errors[line_field(key, "actual_start")].append(_("Times need their time zone."))
        return None
    on_date = date_format(occurrence.date, "DATE_FORMAT")
    if _local_date(start) != occurrence.date:
        errors[line_field(key, "actual_start")].append(
            _("The times worked are on the occurrence's date, %(date)s.") % {"date": on_date}
        )
    if _local_date(end) != occurrence.date:
        errors[line_field(key, "actual_end")].append(
            _("The times worked are on the occurrence's date, %(date)s.") % {"date": on_date}
        )
    if end <= start:
        errors[line_field(key, "actual_end")].append(_("The end comes after the start."))
    elif end > now:
        errors[line_field(key, "actual_end")].append(_("This time has not come yet."))
    if errors.get(line_field(key, "actual_start")) or errors.get(line_field(key, "actual_end")):
        return None
    minutes = int((end - start).total_seconds() // 60)
    if minutes == 0:
        errors[line_field(key, "actual_end")].append(_("Work a minute at least."))
        return None
    return _Checked(occurrence, line, minutes, (start, end))


def _check_overlaps_and_limits(
    *,
    worker: WorkerProfile,
    monday: dt.date,
    checked: list[_Checked],
    replacing: Iterable[int],
    organisation_ids: set[int],
    errors: dict[str, list[str]],
) -> None:
    """No two spans of work overlap, with each other or with the worker's other declared
    lines; at most MAX_DAY_MINUTES a day and MAX_WEEK_MINUTES a week (Code du travail)."""
    others = (
        TimesheetLine.objects.filter(
            version__timesheet__worker=worker,
            version__superseded_at__isnull=True,
            occurrence__date__gte=monday,
            occurrence__date__lte=monday + dt.timedelta(days=6),
        )
        .exclude(version__timesheet__in=list(replacing))
        .exclude(
            version__timesheet__week=monday,
            version__timesheet__organisation_id__in=organisation_ids,
        )
        .select_related("occurrence__mission")
    )
    spans: list[tuple[dt.datetime, dt.datetime, int | None, str]] = []
    per_day: dict[dt.date, int] = defaultdict(int)
    for line in others:
        per_day[line.occurrence.date] += line.minutes
        if line.outcome == Outcome.OTHER_TIMES and line.actual_start and line.actual_end:
            spans.append((line.actual_start, line.actual_end, None, line.occurrence.mission.title))
        elif line.outcome == Outcome.AS_PLANNED:
            occurrence = line.occurrence
            spans.append((occurrence.starts_at, occurrence.ends_at, None, occurrence.mission.title))
    for item in checked:
        per_day[item.occurrence.date] += item.minutes
        if item.span is not None:
            spans.append((*item.span, item.occurrence.pk, item.occurrence.mission.title))
    spans.sort(key=lambda span: (span[0], span[1]))
    latest: tuple[dt.datetime, int | None, str] | None = None  # the span reaching furthest
    for start, end, occurrence_id, title in spans:
        if latest is not None and start < latest[0]:
            key = occurrence_id if occurrence_id is not None else latest[1]
            other = latest[2] if occurrence_id is not None else title
            if key is not None:  # two lines declared before: not this submission's doing
                errors[line_field(key, "actual_start")].append(
                    _("These times overlap other work declared the same day (“%(need)s”).")
                    % {"need": other}
                )
        if latest is None or end > latest[0]:
            latest = (end, occurrence_id, title)
    for day, minutes in sorted(per_day.items()):
        if minutes > MAX_DAY_MINUTES:
            errors["lines"].append(
                _("%(hours)s of work on %(date)s: the law allows at most %(limit)d hours a day.")
                % {
                    "hours": _hours(minutes),
                    "date": date_format(day, "DATE_FORMAT"),
                    "limit": MAX_DAY_MINUTES // 60,
                }
            )
    week_total = sum(per_day.values())
    if week_total > MAX_WEEK_MINUTES:
        errors["lines"].append(
            _("%(hours)s of work this week: the law allows at most %(limit)d hours a week.")
            % {"hours": _hours(week_total), "limit": MAX_WEEK_MINUTES // 60}
        )


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d}"


# Writes ---------------------------------------------------------------------------------------


def _move(
    timesheet: Timesheet,
    to_state: str,
    *,
    by: User | None,
    reason: str = "",
    implied_after_days: int | None = None,
) -> TimesheetTransition:
    """`transition()`, with the implied-validation delay on the log row when there is one."""
    from_state = timesheet.state
    if not timesheet.can_transition(to_state):
        raise ValidationError(
            _("This timesheet is “%(state)s”: it cannot be “%(to)s” now.")
            % {"state": timesheet.get_state_display(), "to": S(to_state).label}
        )
    timesheet.state = to_state
    timesheet.save(update_fields=["state", "updated_at"])
    return TimesheetTransition.objects.create(
        timesheet=timesheet,
        from_state=from_state,
        to_state=to_state,
        by=by,
        reason=reason,
        implied_after_days=implied_after_days,
    )


def _write_version(
    timesheet: Timesheet,
    items: list[_Checked],
    *,
    by: User | None,
    reason: str,
    now: dt.datetime,
) -> TimesheetVersion:
    previous = timesheet.versions.filter(superseded_at__isnull=True).first()
    number = 1
    if previous is not None:
        number = previous.number + 1
        previous.superseded_at = now
        previous.save(update_fields=["superseded_at"])
    version = TimesheetVersion.objects.create(
        timesheet=timesheet, number=number, by=by, at=now, reason=reason
    )
    TimesheetLine.objects.bulk_create(
        TimesheetLine(
            version=version,
            occurrence=item.occurrence,
            outcome=item.line.outcome,
            actual_start=item.line.actual_start
            if item.line.outcome == Outcome.OTHER_TIMES
            else None,
            actual_end=item.line.actual_end if item.line.outcome == Outcome.OTHER_TIMES else None,
            reason=item.line.reason.strip(),
            minutes=item.minutes,
        )
        for item in items
    )
    return version


def _buyer_members(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.BUYER_MEMBER,
            memberships__organisation_id=organisation_id,
        ).distinct()
    )


def _coordinators(territory_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.COORDINATOR,
            memberships__territory_id=territory_id,
        ).distinct()
    )


def _notify(
    *, recipients: Sequence[User], kind: str, params: Mapping, timesheet: Timesheet | None = None
) -> None:
    """Tell people, inside the caller's transaction (the emails go after commit)."""
    if not recipients:
        return
    url = reverse("timesheets:detail", args=[timesheet.pk]) if timesheet is not None else ""
    notify(recipients=recipients, kind=kind, params=params, url=url)


def _reason(text: str, field: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({field: [_("Say why.")]})
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            {field: [_("At most %(count)d characters.") % {"count": REASON_MAX_LENGTH}]}
        )
    return text


def declare_week(
    *,
    worker: WorkerProfile,
    week: dt.date,
    lines: Sequence[LineInput],
    by: User,
    now: dt.datetime | None = None,
) -> list[Timesheet]:
    """The worker declares a past week: one timesheet per organisation, in one transaction.

    Each organisation of the lines is declared whole (every occurrence of its week that is
    over); a timesheet already declared is corrected instead (``correct_timesheet``).
    """
    now = now or timezone.now()
    if by.pk != worker.user_id or not can_declare(by, Timesheet(worker=worker)):
        raise PermissionDenied(_("Only the worker declares their own week."))
    monday = week_of(week)
    with transaction.atomic():
        existing = {
            t.organisation_id: t
            for t in Timesheet.objects.select_for_update().filter(worker=worker, week=monday)
        }
        grouped = _check_lines(
            worker=worker, monday=monday, lines=lines, now=now, organisation_ids=None
        )
        already = [
            existing[org_id]
            for org_id in grouped
            if org_id in existing and existing[org_id].state != S.TO_DECLARE
        ]
        if already:
            raise ValidationError(
                {
                    "lines": [
                        _("The week for %(organisation)s is already declared: correct it instead.")
                        % {"organisation": t.organisation.name}
                        for t in already
                    ]
                }
            )
        timesheets = []
        for org_id, items in sorted(grouped.items()):
            timesheet = existing.get(org_id)
            if timesheet is None:
                timesheet = Timesheet.objects.create(
                    worker=worker, organisation_id=org_id, week=monday
                )
            _write_version(timesheet, items, by=by, reason="", now=now)
            _move(timesheet, S.DECLARED, by=by)
            _notify(
                recipients=_buyer_members(org_id),
                kind="timesheet_to_validate",
                params={
                    "worker": worker.user.first_name,
                    "week": monday,
                    "organisation": items[0].occurrence.mission.buyer.name,
                },
                timesheet=timesheet,
            )
            timesheets.append(timesheet)
    return timesheets


def correct_timesheet(
    *,
    timesheet: Timesheet,
    lines: Sequence[LineInput],
    by: User,
    reason: str,
    now: dt.datetime | None = None,
) -> Timesheet:
    """The worker corrects their declaration: a new version, to validate again."""
    now = now or timezone.now()
    if not can_declare(by, timesheet):
        raise PermissionDenied(_("Only the worker corrects their own timesheet."))
    reason = _reason(reason, "reason", required=True)
    with transaction.atomic():
        timesheet = (
            Timesheet.objects.select_for_update()
            .select_related("worker__user")
            .get(pk=timesheet.pk)
        )
        if timesheet.state == S.TO_DECLARE:
            raise ValidationError(_("This week is not declared yet: declare it first."))
        grouped = _check_lines(
            worker=timesheet.worker,
            monday=timesheet.week,
            lines=lines,
            now=now,
            organisation_ids={timesheet.organisation_id},
            replacing=[timesheet.pk],
        )
        _write_version(timesheet, grouped[timesheet.organisation_id], by=by, reason=reason, now=now)
        _move(timesheet, S.DECLARED, by=by, reason=reason)
        _notify(
            recipients=_buyer_members(timesheet.organisation_id),
            kind="timesheet_to_validate",
            params={
                "worker": timesheet.worker.user.first_name,
                "week": timesheet.week,
                "organisation": timesheet.organisation.name,
            },
            timesheet=timesheet,
        )
    return timesheet


def _locked_for_answer(timesheet: Timesheet, by: User, version_number: int | None) -> Timesheet:
    if not can_answer(by, timesheet):
        raise PermissionDenied(
            _("Only a buyer of %(organisation)s answers its timesheets.")
            % {"organisation": timesheet.organisation.name}
        )
    locked = (
        Timesheet.objects.select_for_update()
        .select_related("worker__user", "organisation")
        .get(pk=timesheet.pk)
    )
    if locked.state != S.DECLARED:
        raise ValidationError(
            _("This timesheet is “%(state)s”: it is not awaiting an answer.")
            % {"state": locked.get_state_display()}
        )
    if version_number is not None:
        current = locked.versions.filter(superseded_at__isnull=True).first()
        if current is None or current.number != version_number:
            raise ValidationError(
                _("The worker corrected this timesheet since you opened it: read it again.")
            )
    return locked


def validate_timesheet(
    *, timesheet: Timesheet, by: User, comment: str = "", version_number: int | None = None
) -> Timesheet:
    """The buyer validates the declared week (of the version they read, when given)."""
    comment = _reason(comment, "comment", required=False)
    with transaction.atomic():
        locked = _locked_for_answer(timesheet, by, version_number)
        _move(locked, S.VALIDATED, by=by, reason=comment)
    return locked


def dispute_timesheet(
    *, timesheet: Timesheet, by: User, comment: str, version_number: int | None = None
) -> Timesheet:
    """The buyer disputes the declared week; the comment says what is wrong."""
    comment = _reason(comment, "comment", required=True)
    with transaction.atomic():
        locked = _locked_for_answer(timesheet, by, version_number)
        _move(locked, S.DISPUTED, by=by, reason=comment)
        territory_id = locked.organisation.territory_id
        _notify(
            recipients=[locked.worker.user, *_coordinators(territory_id)],
            kind="timesheet_disputed",
            params={
                "worker": locked.worker.user.first_name,
                "week": locked.week,
                "organisation": locked.organisation.name,
            },
            timesheet=locked,
        )
    return locked


def settle_timesheet(
    *,
    timesheet: Timesheet,
    lines: Sequence[LineInput],
    by: User,
    reason: str,
    now: dt.datetime | None = None,
) -> Timesheet:
    """The coordinator settles a dispute: the times they choose become a new version (by
    them, with their reason), validated at once."""
    now = now or timezone.now()
    if not can_settle(by, timesheet):
        raise PermissionDenied(_("Only a coordinator of the territory settles a dispute."))
    reason = _reason(reason, "reason", required=True)
    with transaction.atomic():
        locked = (
            Timesheet.objects.select_for_update()
            .select_related("worker__user", "organisation")
            .get(pk=timesheet.pk)
        )
        if locked.state != S.DISPUTED:
            raise ValidationError(
                _("This timesheet is “%(state)s”: there is no dispute to settle.")
                % {"state": locked.get_state_display()}
            )
        grouped = _check_lines(
            worker=locked.worker,
            monday=locked.week,
            lines=lines,
            now=now,
            organisation_ids={locked.organisation_id},
            replacing=[locked.pk],
        )
        _write_version(locked, grouped[locked.organisation_id], by=by, reason=reason, now=now)
        _move(locked, S.VALIDATED, by=by, reason=reason)
        _notify(
            recipients=[locked.worker.user, *_buyer_members(locked.organisation_id)],
            kind="timesheet_settled",
            params={"week": locked.week, "organisation": locked.organisation.name},
            timesheet=locked,
        )
    return locked


# Periodic upkeep --------------------------------------------------------------------------------


def validation_days(organisation: Organisation, week: dt.date) -> int:
    """The charter's delay for the buyer to answer, from the charter in force that week."""
    charter = Charter.objects.in_force_on(organisation.territory, week)
    return charter.timesheet_validation_days if charter else DEFAULT_VALIDATION_DAYS


def validate_overdue(*, now: dt.datetime | None = None) -> int:
    """Validate, by nobody, the declared timesheets left unanswered past the charter's delay."""
    now = now or timezone.now()
    count = 0
    delays: dict[tuple[int, dt.date], int] = {}
    candidates = (
        Timesheet.objects.filter(state=S.DECLARED)
        .select_related("organisation__territory")
        .prefetch_related("versions")
        .order_by("pk")
    )
    for timesheet in candidates:
        current = next((v for v in timesheet.versions.all() if v.superseded_at is None), None)
        if current is None:
            continue
        key = (timesheet.organisation.territory_id, timesheet.week)
        if key not in delays:
            delays[key] = validation_days(timesheet.organisation, timesheet.week)
        days = delays[key]
        if current.at + dt.timedelta(days=days) > now:
            continue
        with transaction.atomic():
            locked = Timesheet.objects.select_for_update().get(pk=timesheet.pk)
            if locked.state != S.DECLARED:
                continue
            _move(
                locked,
                S.VALIDATED,
                by=None,
                reason=f"implied after {days} days",
                implied_after_days=days,
            )
        count += 1
    return count


def remind_to_declare(*, now: dt.datetime | None = None) -> int:
    """Open the past weeks' timesheets still to declare and remind each worker, once per week.

    Looks at the REMINDER_WEEKS weeks before the current one. Returns how many reminders.
    """
    now = now or timezone.now()
    this_monday = week_of(now.astimezone(PARIS).date())
    first = this_monday - dt.timedelta(weeks=REMINDER_WEEKS)
    pending = (
        Occurrence.objects.filter(
            date__gte=first,
            date__lt=this_monday,
            state__in=DECLARABLE_STATES,
            ends_at__lte=now,
        )
        .values_list("worker_id", "mission__buyer_id", "date")
        .distinct()
    )
    weeks: dict[tuple[int, int], set[int]] = defaultdict(set)
    for worker_id, organisation_id, day in pending:
        weeks[(worker_id, week_of(day).toordinal())].add(organisation_id)
    reminded = 0
    with transaction.atomic():
        existing = {
            (t.worker_id, t.organisation_id, t.week): t
            for t in Timesheet.objects.filter(week__gte=first, week__lt=this_monday)
        }
        workers = {
            w.pk: w
            for w in WorkerProfile.objects.filter(
                pk__in={worker_id for worker_id, _week in weeks}
            ).select_related("user")
        }
        for (worker_id, ordinal), organisation_ids in sorted(weeks.items()):
            monday = dt.date.fromordinal(ordinal)
            to_declare = False
            for organisation_id in organisation_ids:
                timesheet = existing.get((worker_id, organisation_id, monday))
                if timesheet is None:
                    Timesheet.objects.create(
                        worker_id=worker_id, organisation_id=organisation_id, week=monday
                    )
                    to_declare = True
                elif timesheet.state == S.TO_DECLARE:
                    to_declare = True
            if to_declare:
                _notify(
                    recipients=[workers[worker_id].user],
                    kind="timesheet_to_declare",
                    params={"week": monday},
                )
                reminded += 1
    return reminded


def close_finished_missions(*, today: dt.date | None = None) -> int:
    """A need whose period is over and whose dated work is all in validated timesheets is
    done (a need still "planned" because nobody started it goes through "running")."""
    today = today or timezone.localdate()
    candidates = Mission.objects.filter(
        state__in=[MissionState.PLANNED, MissionState.RUNNING], period_end__lt=today
    ).annotate(
        dated=Count(
            "occurrences",
            filter=Q(
                occurrences__state__in=[
                    OccurrenceState.PLANNED,
                    OccurrenceState.TO_REPLACE,
                    OccurrenceState.DONE,
                ]
            ),
            distinct=True,
        )
    )
    closed = 0
    for mission in candidates.filter(dated__gt=0).order_by("pk"):
        validated = (
            TimesheetLine.objects.filter(
                occurrence__mission=mission,
                occurrence__state__in=DECLARABLE_STATES,
                version__superseded_at__isnull=True,
                version__timesheet__state=S.VALIDATED,
            )
            .values("occurrence")
            .distinct()
            .count()
        )
        if validated < mission.dated:
            continue
        with transaction.atomic():
            locked = Mission.objects.select_for_update().get(pk=mission.pk)
            reason = "period over, timesheets validated"
            if locked.state == MissionState.PLANNED:
                locked.transition(MissionState.RUNNING, by=None, reason=reason)
            if locked.state == MissionState.RUNNING:
                locked.transition(MissionState.DONE, by=None, reason=reason)
                closed += 1
    return closed


__all__ = [
    "LineInput",
    "close_finished_missions",
    "correct_timesheet",
    "declare_week",
    "dispute_timesheet",
    "line_field",
    "remind_to_declare",
    "settle_timesheet",
    "validate_overdue",
    "validate_timesheet",
]
