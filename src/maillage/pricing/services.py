"""Operations on the pricing charter and quotes: issue a charter version, issue a quote,
accept or refuse it. Every floor is checked against the SMIC read from OpenFisca here,
and again by the database constraints of ``models.py`` (anti-dumping on every path).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.missions.models import Mission, MissionKind, MissionState
from maillage.missions.services import move_mission
from maillage.notifications.kinds import Kind
from maillage.notifications.services import notify
from maillage.payroll import iso_month, smic_hourly
from maillage.people.models import Role, User
from maillage.pricing.breakdown import Breakdown, QuoteHours, compute_breakdown, to_cents
from maillage.pricing.models import (
    BAND_OF_LEVEL,
    Charter,
    CharterPreparation,
    CharterRate,
    LevelBand,
    Quote,
    QuoteState,
)
from maillage.pricing.travel import TravelEstimate, estimate_travel, mission_volume
from maillage.territory.models import Territory


def legal_minimum_on(day: dt.date) -> Decimal:
    """The gross hourly SMIC in force on the first day of ``day``'s month (OpenFisca)."""
    return smic_hourly(iso_month(day))


# Charter ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CharterTerms:
    """Everything a charter version says, before it is saved."""

    starts_on: dt.date
    floors: Mapping[tuple[str, str], Decimal]
    preparation: Mapping[str, Decimal]
    mileage_rate: Decimal
    cooperative_fee_rate: Decimal
    overhead_coefficient: Decimal
    travel_time_paid: bool = True
    employer_headcount: int = 10
    timesheet_validation_days: int = 7
    late_cancellation_hours: int = 48
    need_cancellation_notice_days: int = 14
    # Above this share of a buyer's hours given as sponsorship or volunteering, the paid
    # versus unpaid indicator warns (maillage.engagement).
    unpaid_engagement_threshold: Decimal = Decimal("0.25")
    coverage_points_per_job: Decimal = Decimal("0.5")
    note: str = ""


def charter_in_force(territory: Territory, *, on: dt.date | None = None) -> Charter | None:
    """The charter version in force on ``on`` (today by default): a version applies from its
    start date, so one issued today for next month leaves the current one in force."""
    return Charter.objects.in_force_on(territory, on or timezone.localdate())


def upcoming_charters(territory: Territory, *, on: dt.date | None = None) -> list[Charter]:
    """The versions that will come into force after ``on`` (today by default), soonest first."""
    return Charter.objects.upcoming_on(territory, on or timezone.localdate())


def check_charter_terms(terms: CharterTerms) -> Decimal:
    """Raise ValidationError for anything wrong; return the legal minimum of the start date.

    Every floor must be at least the gross hourly SMIC in force on the start date.
    """
    errors: dict[str, list[str]] = {}
    legal_minimum = legal_minimum_on(terms.starts_on)
    missing = [
        (kind, band)
        for kind in MissionKind.values
        for band in LevelBand.values
        if (kind, band) not in terms.floors
    ]
    if missing:
        errors.setdefault("floors", []).append(
            _("Give a floor for every kind of mission and level band.")
        )
    for (kind, band), floor in terms.floors.items():
        if floor is None or floor < legal_minimum:
            errors.setdefault(f"floor_{kind}_{band}", []).append(
                _(
                    "A pay floor cannot be below the SMIC: %(floor)s € < %(smic)s € gross an "
                    "hour on %(day)s."
                )
                % {"floor": floor, "smic": legal_minimum, "day": terms.starts_on}
            )
    for kind in MissionKind.values:
        hours = terms.preparation.get(kind)
        if hours is None or not Decimal(0) <= hours <= Decimal(2):
            errors.setdefault(f"preparation_{kind}", []).append(
                _("Preparation time is between 0 and 2 hours per hour delivered.")
            )
    if not Decimal(0) <= terms.cooperative_fee_rate < Decimal("0.5"):
        errors.setdefault("cooperative_fee_rate", []).append(
            _("The cooperative's fee is between 0 and 50 %.")
        )
    if not Decimal(0) <= terms.coverage_points_per_job <= Decimal(10):
        errors.setdefault("coverage_points_per_job", []).append(
            _("The coverage given up for one more job is between 0 and 10 points.")
        )
    if not Decimal(0) <= terms.unpaid_engagement_threshold <= Decimal(1):
        errors.setdefault("unpaid_engagement_threshold", []).append(
            _("The unpaid engagement threshold is a share between 0 and 100 %.")
        )
    if not Decimal(1) <= terms.overhead_coefficient <= Decimal(2):
        errors.setdefault("overhead_coefficient", []).append(
            _("The overhead coefficient is between 1 and 2.")
        )
    if not Decimal(0) <= terms.mileage_rate <= Decimal(2):
        errors.setdefault("mileage_rate", []).append(
            _("The mileage allowance is between 0 and 2 € per km.")
        )
    if errors:
        raise ValidationError(errors)
    return legal_minimum


def issue_charter(*, territory: Territory, terms: CharterTerms, by: User | None) -> Charter:
    """Issue a new charter version, in force from ``terms.starts_on``.

    The previous versions are kept; the latest one is marked superseded (issued over), while
    it stays in force until the new version's start date.
    """
    legal_minimum = check_charter_terms(terms)
    with transaction.atomic():
        previous = (
            Charter.objects.select_for_update()
            .filter(territory=territory, superseded_at__isnull=True)
            .first()
        )
        if previous is not None:
            previous.superseded_at = timezone.now()
            previous.save(update_fields=["superseded_at"])
        number = (
            Charter.objects.filter(territory=territory).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        charter = Charter.objects.create(
            territory=territory,
            number=number,
            starts_on=terms.starts_on,
            legal_minimum_hourly=legal_minimum,
            travel_time_paid=terms.travel_time_paid,
            mileage_rate=terms.mileage_rate,
            cooperative_fee_rate=terms.cooperative_fee_rate,
            overhead_coefficient=terms.overhead_coefficient,
            employer_headcount=terms.employer_headcount,
            timesheet_validation_days=terms.timesheet_validation_days,
            late_cancellation_hours=terms.late_cancellation_hours,
            need_cancellation_notice_days=terms.need_cancellation_notice_days,
            unpaid_engagement_threshold=terms.unpaid_engagement_threshold,
            coverage_points_per_job=terms.coverage_points_per_job,
            note=terms.note,
            created_by=by,
        )
        CharterRate.objects.bulk_create(
            CharterRate(
                charter=charter,
                kind=kind,
                band=band,
                floor_hourly_gross=floor,
                legal_minimum_hourly=legal_minimum,
            )
            for (kind, band), floor in sorted(terms.floors.items())
        )
        CharterPreparation.objects.bulk_create(
            CharterPreparation(charter=charter, kind=kind, hours_per_hour=hours)
            for kind, hours in sorted(terms.preparation.items())
        )
    return charter


def terms_of(charter: Charter) -> CharterTerms:
    """The terms of a saved charter (to start a new version from it)."""
    return CharterTerms(
        starts_on=charter.starts_on,
        floors={(r.kind, r.band): r.floor_hourly_gross for r in charter.rates.all()},
        preparation={p.kind: p.hours_per_hour for p in charter.preparations.all()},
        mileage_rate=charter.mileage_rate,
        cooperative_fee_rate=charter.cooperative_fee_rate,
        overhead_coefficient=charter.overhead_coefficient,
        travel_time_paid=charter.travel_time_paid,
        employer_headcount=charter.employer_headcount,
        timesheet_validation_days=charter.timesheet_validation_days,
        late_cancellation_hours=charter.late_cancellation_hours,
        need_cancellation_notice_days=charter.need_cancellation_notice_days,
        unpaid_engagement_threshold=charter.unpaid_engagement_threshold,
        coverage_points_per_job=charter.coverage_points_per_job,
        note=charter.note,
    )


def default_terms(starts_on: dt.date) -> CharterTerms:
    """A sensible first charter (see ``terms.py``)."""
    from maillage.pricing import terms as reference

    return CharterTerms(
        starts_on=starts_on,
        floors=reference.default_floors(),
        preparation=dict(reference.DEFAULT_PREPARATION),
        mileage_rate=reference.MILEAGE_RATE_5CV,
        cooperative_fee_rate=reference.DEFAULT_FEE_RATE,
        overhead_coefficient=reference.DEFAULT_OVERHEAD,
    )


# Quotes -------------------------------------------------------------------------------


def mission_band(mission: Mission) -> str:
    """The band of the highest level the need requires (foundation when none)."""
    levels = [s.min_level for s in mission.skills.all()]
    return BAND_OF_LEVEL[max(levels)] if levels else LevelBand.FOUNDATION


@dataclass(frozen=True)
class QuoteDraft:
    """A quote computed but not saved: what the coordinator sees before issuing it."""

    mission: Mission
    charter: Charter
    band: str
    floor_hourly_gross: Decimal
    hourly_gross: Decimal
    hours: QuoteHours
    travel: TravelEstimate
    breakdown: Breakdown


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Give an amount in euros.")}) from exc


def prepare_quote(*, mission: Mission, hourly_gross: Decimal | None = None) -> QuoteDraft:
    """Compute the quote of a need under the charter in force (nothing is saved).

    ``hourly_gross`` defaults to the charter's floor; a lower one is refused.
    """
    charter = charter_in_force(mission.territory)
    if charter is None:
        raise ValidationError(
            _("The territory has no pricing charter in force: issue one before any quote.")
        )
    band = mission_band(mission)
    rate = charter.rates.get(kind=mission.kind, band=band)
    floor = rate.floor_hourly_gross
    hourly = floor if hourly_gross is None else _decimal(hourly_gross, "hourly_gross")
    if hourly < floor:
        raise ValidationError(
            {
                "hourly_gross": _(
                    "The hourly pay cannot be below the floor of the pricing charter: "
                    "%(pay)s € < %(floor)s € gross an hour (%(kind)s, %(band)s)."
                )
                % {
                    "pay": hourly,
                    "floor": floor,
                    "kind": rate.get_kind_display(),
                    "band": rate.get_band_display(),
                }
            }
        )
    smic = legal_minimum_on(mission.period_start)
    if hourly < smic:
        raise ValidationError(
            {
                "hourly_gross": _(
                    "The hourly pay cannot be below the SMIC in force when the mission starts "
                    "(%(smic)s € gross an hour): the charter needs a new version."
                )
                % {"smic": smic}
            }
        )
    volume = mission_volume(mission)
    if volume.delivered_hours <= 0 or volume.working_weeks <= 0:
        raise ValidationError(_("The need has no hours to deliver over its period."))
    travel = estimate_travel(mission)
    preparation_ratio = charter.preparations.get(kind=mission.kind).hours_per_hour
    preparation = to_cents(volume.delivered_hours * preparation_ratio)
    round_trips = volume.trips if travel.km_one_way > 0 else 0
    travel_hours = (
        to_cents(Decimal(round_trips * 2) * travel.minutes_one_way / 60)
        if charter.travel_time_paid
        else Decimal("0.00")
    )
    km = (
        to_cents(Decimal(round_trips * 2) * travel.km_one_way)
        if travel.mode == "car"
        else Decimal(0)
    )
    hours = QuoteHours(
        working_weeks=volume.working_weeks,
        delivered_hours=volume.delivered_hours,
        preparation_hours=preparation,
        travel_hours=travel_hours,
        travel_km=to_cents(km),
        trips=round_trips,
    )
    breakdown = compute_breakdown(
        month=iso_month(mission.period_start),
        hours=hours,
        hourly_gross=hourly,
        fee_rate=charter.cooperative_fee_rate,
        overhead_coefficient=charter.overhead_coefficient,
        mileage_rate=charter.mileage_rate,
        company_size=charter.employer_headcount,
    )
    return QuoteDraft(mission, charter, band, floor, hourly, hours, travel, breakdown)


def issue_quote(*, mission: Mission, by: User | None, hourly_gross: Decimal | None = None) -> Quote:
    """Issue a quote for a draft (or already priced) need; the need moves to "priced".

    A pending quote of the same need is superseded (never edited).
    """
    if mission.state not in (MissionState.DRAFT, MissionState.PRICED):
        raise ValidationError(_("Only a draft or priced need can receive a quote."))
    draft = prepare_quote(mission=mission, hourly_gross=hourly_gross)
    b = draft.breakdown
    with transaction.atomic():
        locked = Mission.objects.select_for_update().get(pk=mission.pk)
        for pending in Quote.objects.select_for_update().filter(
            mission=locked, state=QuoteState.ISSUED
        ):
            pending.transition(QuoteState.SUPERSEDED, by=by, reason=_("A newer quote was issued."))
        number = (Quote.objects.filter(mission=locked).aggregate(n=Max("number"))["n"] or 0) + 1
        quote = Quote(
            mission=locked,
            number=number,
            charter=draft.charter,
            kind=locked.kind,
            band=draft.band,
            floor_hourly_gross=draft.floor_hourly_gross,
            hourly_gross=draft.hourly_gross,
            working_weeks=draft.hours.working_weeks,
            delivered_hours=draft.hours.delivered_hours,
            preparation_hours=draft.hours.preparation_hours,
            travel_hours=draft.hours.travel_hours,
            travel_km=draft.hours.travel_km,
            paid_hours=draft.hours.paid_hours,
            gross_pay=b.gross_pay,
            net_pay=b.net_pay,
            employee_contributions=b.employee_contributions,
            employer_contributions=b.employer_contributions,
            general_reduction=b.general_reduction,
            overhead=b.overhead,
            mileage_allowance=b.mileage_allowance,
            cooperative_fee=b.cooperative_fee,
            price=b.price,
            computation={
                **b.computation,
                "travel": {
                    "basis": draft.travel.basis,
                    "km_one_way": str(draft.travel.km_one_way),
                    "minutes_one_way": str(draft.travel.minutes_one_way),
                    "mode": str(draft.travel.mode),
                    "workers_counted": draft.travel.workers_counted,
                },
            },
            issued_by=by,
        )
        quote.full_clean()
        quote.save()
        quote.transitions.create(from_state="", to_state=QuoteState.ISSUED, by=by)
        if locked.state == MissionState.DRAFT:
            move_mission(mission=locked, to_state=MissionState.PRICED, by=by, reason=str(quote))
        notify(
            recipients=User.objects.filter(
                memberships__role=Role.BUYER_MEMBER,
                memberships__organisation_id=locked.buyer_id,
                is_active=True,
            ).distinct(),
            kind=Kind.QUOTE_ISSUED,
            params={"need": locked.title, "amount": quote.price},
            url=reverse("pricing:quote_detail", args=[quote.pk]),
        )
    return quote


def accept_quote(*, quote: Quote, by: User) -> Quote:
    """The buyer accepts the quote: the need moves to "accepted"."""
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        locked.transition(QuoteState.ACCEPTED, by=by)
        move_mission(
            mission=locked.mission, to_state=MissionState.ACCEPTED, by=by, reason=str(locked)
        )
        notify(
            recipients=User.objects.filter(
                memberships__role=Role.COORDINATOR,
                memberships__territory_id=locked.mission.territory_id,
                is_active=True,
            ).distinct(),
            kind=Kind.QUOTE_ACCEPTED,
            params={"need": locked.mission.title, "organisation": locked.mission.buyer.name},
            url=reverse("pricing:quote_detail", args=[locked.pk]),
        )
    return locked


def refuse_quote(*, quote: Quote, by: User, reason: str = "") -> Quote:
    """The buyer refuses the quote: the need goes back to draft."""
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        locked.transition(QuoteState.REFUSED, by=by, reason=reason)
        move_mission(
            mission=locked.mission, to_state=MissionState.DRAFT, by=by, reason=reason or str(locked)
        )
    return locked
