"""Issuing a new version of a phase's assumptions (the only way they change)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from maillage.economics.defaults import DEFAULT_GRANTS, DEFAULTS, LINE_FIELDS, REQUIRED_LINES
from maillage.economics.models import (
    MAX_ANNUAL_GRANT,
    MAX_FTE,
    MAX_HOURLY_PRICE,
    MAX_MONTHLY_COST,
    MAX_WEEKLY_HOURS,
    Assumptions,
    Grant,
    Phase,
)
from maillage.people.models import User
from maillage.territory.models import Territory

#: Upper bound of each line (inclusive unless said): anything above is absurd.
UPPER: dict[str, Decimal] = {
    "fee_rate": Decimal("0.4999"),
    "hourly_price_before_fee": MAX_HOURLY_PRICE,
    "expected_billed_hours_per_week": MAX_WEEKLY_HOURS,
    "coordination_fte": MAX_FTE,
    "coordination_gross_monthly": Decimal("20000"),
    "premises_monthly": MAX_MONTHLY_COST,
    "third_place_rent_monthly": MAX_MONTHLY_COST,
    "software_hosting_monthly": MAX_MONTHLY_COST,
    "insurance_monthly": MAX_MONTHLY_COST,
    "certifications_per_month": Decimal("10000"),
    "certification_fee": Decimal("10000"),
    "training_hours_per_month": Decimal("100000"),
    "training_funding_per_hour": Decimal("500"),
    "unbilled_hours_per_billed_hour": Decimal("2"),
    "hours_below_24_per_week": Decimal("23.99"),
}
#: Places of each line (what the database keeps).
PLACES: dict[str, int] = {
    "fee_rate": 4,
    "unbilled_hours_per_billed_hour": 4,
}
MAX_GRANTS = 20
MAX_NOTE = 4000


def _decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def check_lines(
    *, phase: str, lines: Mapping[str, object], grants: Sequence[tuple[str, object]]
) -> tuple[dict[str, Decimal], list[tuple[str, Decimal]]]:
    """The lines and grants as Decimals, or a ValidationError naming each wrong line."""
    errors: dict[str, list[str]] = {}
    if phase not in Phase.values:
        raise ValidationError({"phase": [_("Unknown phase.")]})
    checked: dict[str, Decimal] = {}
    for name in LINE_FIELDS:
        number = _decimal(lines.get(name, ""))
        if number is None:
            errors.setdefault(name, []).append(_("Enter a number."))
            continue
        if number < 0:
            errors.setdefault(name, []).append(_("This cannot be negative."))
            continue
        if number > UPPER[name]:
            errors.setdefault(name, []).append(
                _("This is more than %(max)s: please check it.") % {"max": UPPER[name]}
            )
            continue
        places = PLACES.get(name, 2)
        if number != number.quantize(Decimal(1).scaleb(-places)):
            errors.setdefault(name, []).append(
                _("At most %(places)s decimal places.") % {"places": places}
            )
            continue
        checked[name] = number
    seen: set[str] = set()
    checked_grants: list[tuple[str, Decimal]] = []
    if len(grants) > MAX_GRANTS:
        errors.setdefault("grants", []).append(
            _("At most %(count)s grant lines.") % {"count": MAX_GRANTS}
        )
    for funder, amount in grants[:MAX_GRANTS]:
        funder = " ".join(str(funder).split())
        number = _decimal(amount)
        if not funder or len(funder) > 200:
            errors.setdefault("grants", []).append(
                _("Each grant names its funder (at most 200 characters).")
            )
        elif funder.casefold() in seen:
            errors.setdefault("grants", []).append(
                _("The funder %(funder)s is listed twice.") % {"funder": funder}
            )
        elif number is None or number <= 0 or number > MAX_ANNUAL_GRANT:
            errors.setdefault("grants", []).append(
                _("The grant of %(funder)s is more than 0 and at most 10,000,000 a year.")
                % {"funder": funder}
            )
        elif number != number.quantize(Decimal("0.01")):
            errors.setdefault("grants", []).append(_("At most 2 decimal places."))
        else:
            seen.add(funder.casefold())
            checked_grants.append((funder, number))
    for name in REQUIRED_LINES[phase]:
        if name == "grants":
            if not checked_grants and "grants" not in errors:
                errors.setdefault("grants", []).append(
                    _("This phase needs at least one grant line.")
                )
        elif name in checked and checked[name] == 0:
            errors.setdefault(name, []).append(_("This phase needs this line (more than 0)."))
    if errors:
        raise ValidationError(errors)
    return checked, checked_grants


def issue_assumptions(
    *,
    territory: Territory,
    phase: str,
    effective_month: dt.date,
    lines: Mapping[str, object],
    grants: Sequence[tuple[str, object]],
    note: str = "",
    by: User | None,
) -> Assumptions:
    """A new version of the phase's assumptions, effective from ``effective_month``."""
    checked, checked_grants = check_lines(phase=phase, lines=lines, grants=grants)
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": [_("At most 4000 characters.")]})
    with transaction.atomic():
        # Lock the territory row: two coordinators saving at once get numbers one after the other.
        Territory.objects.select_for_update().filter(pk=territory.pk).first()
        last = Assumptions.objects.filter(territory=territory, phase=phase).aggregate(
            last=Max("number")
        )["last"]
        assumptions = Assumptions.objects.create(
            territory=territory,
            phase=phase,
            number=(last or 0) + 1,
            effective_month=effective_month.replace(day=1),
            note=note,
            created_by=by,
            **checked,
        )
        Grant.objects.bulk_create(
            Grant(assumptions=assumptions, funder=funder, annual_amount=amount)
            for funder, amount in checked_grants
        )
    return assumptions


def ensure_default_assumptions(
    *, territory: Territory, effective_month: dt.date, by: User | None = None
) -> list[Assumptions]:
    """A first version of each phase from its defaults, for the phases that have none."""
    created = []
    for phase in Phase.values:
        if not Assumptions.objects.filter(territory=territory, phase=phase).exists():
            created.append(
                issue_assumptions(
                    territory=territory,
                    phase=phase,
                    effective_month=effective_month,
                    lines=DEFAULTS[phase],
                    grants=DEFAULT_GRANTS[phase],
                    note=_("Default assumptions of the phase."),
                    by=by,
                )
            )
    return created


def lines_of(assumptions: Assumptions) -> dict[str, Decimal]:
    """The lines of a version, to start the next one from."""
    return {name: getattr(assumptions, name) for name in LINE_FIELDS}
