"""Who sees which timesheet, and who may declare, validate, dispute, settle or correct it.

A worker sees all their own timesheets; a buyer those of the organisations they buy for
(never the worker's other buyers: one timesheet per organisation); a coordinator those of
the territories they coordinate. Pages and services ask the same questions.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.people.access import (
    Viewer,
    coordinates,
    is_worker,
    organisations_buying_for,
    territories_coordinated_by,
)
from maillage.timesheets.models import Timesheet, TimesheetState


def own_timesheets(user: Viewer) -> QuerySet[Timesheet]:
    """The user's own timesheets, as a worker."""
    if not user.is_authenticated:
        return Timesheet.objects.none()
    return Timesheet.objects.filter(worker__user=user)


def buyer_timesheets(user: Viewer) -> QuerySet[Timesheet]:
    """The timesheets of the organisations the user buys for."""
    if not user.is_authenticated:
        return Timesheet.objects.none()
    return Timesheet.objects.filter(organisation__in=organisations_buying_for(user))


def territory_timesheets(user: Viewer) -> QuerySet[Timesheet]:
    """The timesheets of the territories the user coordinates (admins: all)."""
    if not user.is_authenticated:
        return Timesheet.objects.none()
    return Timesheet.objects.filter(organisation__territory__in=territories_coordinated_by(user))


def timesheets_visible_to(user: Viewer) -> QuerySet[Timesheet]:
    """Every timesheet the user may see, whatever the role they see it through."""
    if not user.is_authenticated:
        return Timesheet.objects.none()
    return Timesheet.objects.filter(
        Q(worker__user=user)
        | Q(organisation__in=organisations_buying_for(user))
        | Q(organisation__territory__in=territories_coordinated_by(user))
    )


def can_declare(user: Viewer, timesheet: Timesheet) -> bool:
    """The worker whose week it is (and nobody else) declares or corrects it."""
    return user.is_authenticated and is_worker(user) and timesheet.worker.user_id == user.pk


def can_answer(user: Viewer, timesheet: Timesheet) -> bool:
    """A buyer of the timesheet's organisation validates or disputes a declared timesheet."""
    return (
        user.is_authenticated
        and organisations_buying_for(user).filter(pk=timesheet.organisation_id).exists()
    )


def can_settle(user: Viewer, timesheet: Timesheet) -> bool:
    """A coordinator of the organisation's territory settles a dispute."""
    return coordinates(user, timesheet.organisation.territory_id)


def may_validate_now(user: Viewer, timesheet: Timesheet) -> bool:
    return timesheet.state == TimesheetState.DECLARED and can_answer(user, timesheet)


def may_settle_now(user: Viewer, timesheet: Timesheet) -> bool:
    return timesheet.state == TimesheetState.DISPUTED and can_settle(user, timesheet)


def may_correct_now(user: Viewer, timesheet: Timesheet) -> bool:
    return timesheet.state != TimesheetState.TO_DECLARE and can_declare(user, timesheet)
