"""A buyer's own moves on a need: change a draft, copy it for the next term, ask for a quote.

Only a draft is changed in place. Once a quote is issued, the price depends on what the need
says: a priced or accepted need is changed by refusing its quote (back to draft) or by a new
need, never behind the quote's back.
"""

from __future__ import annotations

import datetime as dt
import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.missions.access import can_change_need, coordinators_of
from maillage.missions.models import Mission, MissionState
from maillage.missions.services import (
    NeedDescription,
    apply_description,
    check_need,
    clip_excluded,
    create_need,
    describe,
    save_parts,
)
from maillage.notifications.kinds import Kind
from maillage.notifications.services import notify
from maillage.people.models import User

#: A need longer than this is a school-year or yearly need: its next term is a year later.
YEARLY_FROM_DAYS = 183
#: A year later on the same weekdays (52 weeks), so that the weekly slots keep their days.
YEAR_OF_WEEKS = 52


def not_editable_message(mission: Mission) -> str:
    """Why a need that is no longer a draft cannot be changed, and what to do instead."""
    if mission.state == MissionState.PRICED:
        return _(
            "This need is priced: it can no longer be changed. Refuse the quote to change "
            "the need, or describe a new need."
        )
    return _(
        "Only a draft need can be changed. This one is “%(state)s”: describe a new need "
        "(you may copy this one)."
    ) % {"state": mission.get_state_display()}


def _own(mission: Mission, by: User) -> None:
    if not can_change_need(by, mission):
        raise PermissionDenied(_("Only a buyer of this organisation changes its needs."))


def update_need(
    *, mission: Mission, by: User, need: NeedDescription, today: dt.date | None = None
) -> Mission:
    """Replace a draft need's description (all or nothing), logged in its history."""
    _own(mission, by)
    clip_excluded(need)
    with transaction.atomic():
        locked = Mission.objects.select_for_update().get(pk=mission.pk)
        if locked.state != MissionState.DRAFT:
            raise ValidationError(not_editable_message(locked))
        check_need(buyer=locked.buyer, need=need, today=today)
        apply_description(locked, need)
        locked.full_clean()
        locked.save()
        locked.skills.all().delete()
        locked.slots.all().delete()
        locked.windows.all().delete()
        locked.excluded_periods.all().delete()
        save_parts(locked, need)
        locked.transitions.create(
            from_state=MissionState.DRAFT,
            to_state=MissionState.DRAFT,
            by=by,
            reason=_("Changed by the buyer."),
        )
    return locked


def next_term(mission: Mission) -> tuple[dt.date, dt.date]:
    """The dates a copy for the next term is offered with (the buyer confirms them).

    A school-year need comes back 52 weeks later; a shorter one starts right after, shifted
    by whole weeks (so does one of a year or more). Either way each date keeps its weekday.
    """
    days = (mission.period_end - mission.period_start).days + 1
    weeks = math.ceil(days / 7)  # the next whole weeks after the need
    if days >= YEARLY_FROM_DAYS:  # a year later, unless the need itself is a year or longer
        weeks = max(weeks, YEAR_OF_WEEKS)
    shift = dt.timedelta(weeks=weeks)
    return mission.period_start + shift, mission.period_end + shift


def next_term_description(mission: Mission) -> NeedDescription:
    """What the copy form is pre-filled with: the same need at the next term's dates.

    Excluded dates are not carried over: holidays fall on other dates every year.
    """
    need = describe(mission)
    need.period_start, need.period_end = next_term(mission)
    need.excluded = []
    return need


def duplicate_need(
    *, mission: Mission, by: User, need: NeedDescription, today: dt.date | None = None
) -> Mission:
    """A new draft from the description the buyer confirmed, noting which need it copies.

    A copy for a period after the need's own renews it: it ``replaces`` the need, so that
    planning that period offers the renewed need first to the worker who holds it in the
    last published plan (decision 0043, across terms). A copy within the same period is a
    need of its own (a second group, another slot).
    """
    _own(mission, by)
    renews = need.period_start > mission.period_end
    names = {"title": mission.title, "number": mission.pk}
    return create_need(
        buyer=mission.buyer,
        created_by=by,
        need=need,
        today=today,
        reason=(
            _("Renews the need “%(title)s” (no. %(number)s) for a later period.") % names
            if renews
            else _("Copied from the need “%(title)s” (no. %(number)s).") % names
        ),
        replaces=mission if renews else None,
    )


def request_quote(*, mission: Mission, by: User) -> Mission:
    """The buyer submits a draft for pricing: the territory's coordinators are told.

    Asking again while the request is pending changes nothing and tells no one twice.
    """
    _own(mission, by)
    with transaction.atomic():
        locked = Mission.objects.select_for_update().get(pk=mission.pk)
        if locked.state != MissionState.DRAFT:
            raise ValidationError(
                _("A quote is asked for a draft need only; this one is “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        if locked.quote_requested:
            return locked
        locked.quote_requested_at = timezone.now()
        locked.quote_requested_by = by
        locked.save(update_fields=["quote_requested_at", "quote_requested_by", "updated_at"])
        locked.transitions.create(
            from_state=MissionState.DRAFT,
            to_state=MissionState.DRAFT,
            by=by,
            reason=_("Quote requested."),
        )
        notify(
            recipients=coordinators_of(locked.territory_id),
            kind=Kind.QUOTE_REQUESTED,
            params={"need": locked.title, "organisation": locked.buyer.name},
            url=reverse("needs:detail", args=[locked.pk]),
        )
    return locked


def withdraw_need(*, mission: Mission, by: User, reason: str) -> Mission:
    """The buyer withdraws a draft need (cancelled, with the reason). A need whose quote is
    out is answered by refusing the quote; an accepted one is cancelled with its dated work
    (absences.services.cancel_need)."""
    _own(mission, by)
    with transaction.atomic():
        locked = Mission.objects.select_for_update().get(pk=mission.pk)
        if locked.state != MissionState.DRAFT:
            raise ValidationError(
                _("Only a draft need is withdrawn; this one is “%(state)s”.")
                % {"state": locked.get_state_display()}
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the mission is cancelled.")})
        locked.transition(MissionState.CANCELLED, by=by, reason=reason.strip())
    return locked
