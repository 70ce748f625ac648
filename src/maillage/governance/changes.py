"""The structured changes a proposal carries, read and checked before anything is written.

A charter (or fee) change is a JSON object of the charter terms that change, on top of the
version in force when the proposal is adopted::

    {"starts_on": "2027-01-01", "floors": {"after_school_workshop:foundation": "14.20"},
     "preparation": {"training": "0.80"}, "cooperative_fee_rate": "0.07", ...}

Every term is validated against the charter's own fields and the legal floor (the SMIC check
of ``pricing.services.check_charter_terms``); a weights change is ``{college kind: basis
points}``, checked against the statutes in force.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.governance.models import FULL, CollegeKind, Statutes
from maillage.missions.models import MissionKind
from maillage.pricing.models import Charter, LevelBand
from maillage.pricing.services import CharterTerms, check_charter_terms, default_terms, terms_of

DECIMAL_TERMS = (
    "mileage_rate",
    "cooperative_fee_rate",
    "overhead_coefficient",
    "unpaid_engagement_threshold",
    "coverage_points_per_job",
)
#: Whole-number terms and their bounds (the charter's database constraints).
INTEGER_TERMS: dict[str, tuple[int, int]] = {
    "employer_headcount": (0, 1_000_000),
    "timesheet_validation_days": (1, 60),
    "late_cancellation_hours": (0, 336),
    "need_cancellation_notice_days": (0, 90),
}
CHARTER_KEYS = frozenset(
    {"starts_on", "floors", "preparation", "travel_time_paid", "note"}
    | set(DECIMAL_TERMS)
    | set(INTEGER_TERMS)
)
FEE_KEYS = frozenset({"starts_on", "cooperative_fee_rate"})


def _decimal(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise ValidationError({field: [_("Enter a number.")]})
    return number


def _start(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({"starts_on": [_("Enter a valid date.")]}) from None


def charter_terms(
    change: Mapping[str, Any], *, base: Charter | None, fee_only: bool = False
) -> CharterTerms:
    """The full terms of the charter version ``change`` would issue over ``base``.

    Raise ValidationError (nothing is written) for an unknown term, a value out of the
    charter's bounds, or a floor below the SMIC in force on the start date.
    """
    if not isinstance(change, Mapping):
        raise ValidationError(_("The change must be an object of charter terms."))
    allowed = FEE_KEYS if fee_only else CHARTER_KEYS
    unknown = sorted(set(change) - allowed)
    if unknown:
        raise ValidationError(
            _("Unknown charter terms: %(terms)s.") % {"terms": ", ".join(unknown)}
        )
    if "starts_on" not in change:
        raise ValidationError({"starts_on": [_("Give the day the new charter starts.")]})
    starts_on = _start(change["starts_on"])
    terms = terms_of(base) if base is not None else default_terms(starts_on)
    updates: dict[str, Any] = {"starts_on": starts_on, "note": ""}
    for field in DECIMAL_TERMS:
        if field in change:
            updates[field] = _decimal(change[field], field)
    for field, (low, high) in INTEGER_TERMS.items():
        if field in change:
            value = change[field]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValidationError(
                    {
                        field: [
                            _("A whole number between %(low)s and %(high)s.")
                            % {"low": low, "high": high}
                        ]
                    }
                )
            updates[field] = value
    if "travel_time_paid" in change:
        if not isinstance(change["travel_time_paid"], bool):
            raise ValidationError({"travel_time_paid": [_("Yes or no.")]})
        updates["travel_time_paid"] = change["travel_time_paid"]
    if "note" in change:
        updates["note"] = str(change["note"])
    if "floors" in change:
        updates["floors"] = {**terms.floors, **_floors(change["floors"])}
    if "preparation" in change:
        updates["preparation"] = {**terms.preparation, **_preparation(change["preparation"])}
    terms = dataclasses.replace(terms, **updates)
    check_charter_terms(terms)  # the SMIC and every bound of the charter
    return terms


def _floors(value: Any) -> dict[tuple[str, str], Decimal]:
    if not isinstance(value, Mapping):
        raise ValidationError({"floors": [_("The floors must be an object.")]})
    floors = {}
    for key, floor in value.items():
        kind, _sep, band = str(key).partition(":")
        if kind not in MissionKind.values or band not in LevelBand.values:
            raise ValidationError({"floors": [_("Unknown kind or band: %(key)s.") % {"key": key}]})
        floors[(kind, band)] = _decimal(floor, "floors")
    return floors


def _preparation(value: Any) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise ValidationError({"preparation": [_("The preparation times must be an object.")]})
    preparation = {}
    for kind, hours in value.items():
        if kind not in MissionKind.values:
            raise ValidationError(
                {"preparation": [_("Unknown kind of mission: %(kind)s.") % {"kind": kind}]}
            )
        preparation[kind] = _decimal(hours, "preparation")
    return preparation


def floors_change(terms: CharterTerms, base: Charter | None) -> bool:
    """Whether ``terms`` set a pay floor other than the one of ``base``."""
    if base is None:
        return True
    current = {(r.kind, r.band): r.floor_hourly_gross for r in base.rates.all()}
    return any(current.get(key) != floor for key, floor in terms.floors.items())


def terms_as_change(terms: CharterTerms, base: Charter | None) -> dict[str, Any]:
    """The JSON change that turns ``base`` into ``terms`` (only what differs, and the date)."""
    old = terms_of(base) if base is not None else None
    change: dict[str, Any] = {"starts_on": terms.starts_on.isoformat()}
    floors = {
        f"{kind}:{band}": str(floor)
        for (kind, band), floor in sorted(terms.floors.items())
        if old is None or old.floors.get((kind, band)) != floor
    }
    if floors:
        change["floors"] = floors
    preparation = {
        kind: str(hours)
        for kind, hours in sorted(terms.preparation.items())
        if old is None or old.preparation.get(kind) != hours
    }
    if preparation:
        change["preparation"] = preparation
    for field in (*DECIMAL_TERMS, *INTEGER_TERMS, "travel_time_paid"):
        value = getattr(terms, field)
        if old is None or getattr(old, field) != value:
            change[field] = str(value) if isinstance(value, Decimal) else value
    if terms.note:
        change["note"] = terms.note
    return change


def check_weights(weights: Any, statutes: Statutes) -> dict[str, int]:
    """The weights, if the statutes' rules hold; else ValidationError naming the rule broken.

    Each college between the least and the greatest weight, the weights adding up to 100 %,
    at least the statutes' number of colleges.
    """
    if not isinstance(weights, Mapping) or not weights:
        raise ValidationError(_("Give the weight of each college."))
    checked: dict[str, int] = {}
    for kind, weight in weights.items():
        if kind not in CollegeKind.values:
            raise ValidationError(_("Unknown kind of college: %(kind)s.") % {"kind": kind})
        if not isinstance(weight, int) or isinstance(weight, bool):
            raise ValidationError(_("A weight is a whole number of basis points."))
        if not statutes.min_weight_bp <= weight <= statutes.max_weight_bp:
            raise ValidationError(
                _(
                    "Each college weighs between %(low)s %% and %(high)s %% of the votes: "
                    "%(kind)s would weigh %(weight)s %%."
                )
                % {
                    "low": _percent(statutes.min_weight_bp),
                    "high": _percent(statutes.max_weight_bp),
                    "kind": CollegeKind(kind).label,
                    "weight": _percent(weight),
                }
            )
        checked[kind] = weight
    if sum(checked.values()) != FULL:
        raise ValidationError(
            _("The weights add up to %(total)s %%, not 100 %%.")
            % {"total": _percent(sum(checked.values()))}
        )
    if len(checked) < statutes.min_colleges:
        raise ValidationError(
            _("The statutes ask for at least %(count)s colleges.")
            % {"count": statutes.min_colleges}
        )
    return checked


def _percent(basis_points: int) -> str:
    return f"{Decimal(basis_points) / 100:.2f}".rstrip("0").rstrip(".")
