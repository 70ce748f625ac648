"""The one rule every path keeps: an unpaid placement never covers a paid need.

``check_placement`` is called by the service and by the admin's form; the database trigger
installed by the app's migration (``TRIGGER_SQL``) refuses the same rows whatever writes them
(a script, the API, a shell).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from maillage.missions.models import Mission, MissionState
from maillage.people.models import Organisation
from maillage.pricing.models import Quote, QuoteState

#: Needs in these states were bought: a quote was accepted.
PAID_STATES = frozenset(
    {MissionState.ACCEPTED, MissionState.PLANNED, MissionState.RUNNING, MissionState.DONE}
)
ERROR_PREFIX = "unpaid_on_paid_need"


class UnpaidEngagementRefused(ValidationError):
    """A placement the rules refuse (field-level messages)."""


def is_paid_need(mission: Mission) -> bool:
    """Whether the need was bought: an accepted quote, or a state only a bought need reaches."""
    return (
        mission.state in PAID_STATES
        or Quote.objects.filter(mission=mission, state=QuoteState.ACCEPTED).exists()
    )


def check_placement(
    *,
    offer,
    beneficiary: Organisation,
    mission: Mission | None,
    hours: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    exclude_pk: int | None = None,
) -> None:
    """Refuse a placement on a paid need, of another territory, beyond the offer's hours or
    outside its period; the messages name the field."""
    errors: dict[str, list[str]] = {}
    if beneficiary.territory_id != offer.territory_id:
        errors["beneficiary"] = [_("The beneficiary is not on the offer's territory.")]
    if mission is not None:
        if mission.buyer_id != beneficiary.pk:
            errors.setdefault("mission", []).append(_("This need is not the beneficiary's."))
        elif is_paid_need(mission):
            errors.setdefault("mission", []).append(
                _(
                    "This need is bought (its quote is accepted): sponsorship and volunteering "
                    "never cover paid work."
                )
            )
        elif mission.state == MissionState.CANCELLED:
            errors.setdefault("mission", []).append(_("This need is cancelled."))
    if hours is None or hours <= 0:
        errors["hours"] = [_("Give the hours (more than 0).")]
    else:
        placed = (
            offer.placements.exclude(pk=exclude_pk).aggregate(total=Sum("hours"))["total"]
            if offer.pk
            else None
        ) or Decimal(0)
        if placed + hours > offer.hours_offered:
            errors["hours"] = [
                _("Only %(left)s hours of this offer are left.")
                % {"left": max(offer.hours_offered - placed, Decimal(0))}
            ]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The placement ends after it starts.")]
    elif starts_on < offer.starts_on or ends_on > offer.ends_on:
        errors["starts_on"] = [_("The placement is within the offer's dates.")]
    if errors:
        raise UnpaidEngagementRefused(errors)


SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER engagement_placement_never_paid_{event.lower()}
    BEFORE {event} ON engagement_placement
    FOR EACH ROW WHEN NEW.mission_id IS NOT NULL AND (
        EXISTS (SELECT 1 FROM pricing_quote
                WHERE mission_id = NEW.mission_id AND state = 'accepted')
        OR EXISTS (SELECT 1 FROM missions_mission WHERE id = NEW.mission_id
                   AND state IN ('accepted', 'planned', 'running', 'done'))
    )
    BEGIN
        SELECT RAISE(ABORT, '{ERROR_PREFIX}: a paid need cannot be covered by unpaid work');
    END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS engagement_placement_never_paid_{event}"
    for event in ("insert", "update")
]
POSTGRESQL_TRIGGERS = [
    f"""
    CREATE OR REPLACE FUNCTION engagement_placement_never_paid() RETURNS trigger AS $$
    BEGIN
        IF NEW.mission_id IS NOT NULL AND (
            EXISTS (SELECT 1 FROM pricing_quote
                    WHERE mission_id = NEW.mission_id AND state = 'accepted')
            OR EXISTS (SELECT 1 FROM missions_mission WHERE id = NEW.mission_id
                       AND state IN ('accepted', 'planned', 'running', 'done'))
        ) THEN
            RAISE EXCEPTION '{ERROR_PREFIX}: a paid need cannot be covered by unpaid work'
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER engagement_placement_never_paid
    BEFORE INSERT OR UPDATE ON engagement_placement
    FOR EACH ROW EXECUTE FUNCTION engagement_placement_never_paid();
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS engagement_placement_never_paid ON engagement_placement",
    "DROP FUNCTION IF EXISTS engagement_placement_never_paid()",
]


def install_trigger(apps, schema_editor) -> None:
    """Migration step: the database refuses a placement on a paid need."""
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def remove_trigger(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(vendor, []):
        schema_editor.execute(statement)
