"""The month's model from the database: volume sources, past months reproduced, command."""

import datetime as dt
import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maillage.economics.selectors import coordination_employer_cost, month_model
from maillage.invoicing.services import issue_draft
from maillage.payroll import monthly_hours, payroll_for_hours
from tests.factories.economics import assumptions
from tests.factories.invoicing import draft_for
from tests.factories.people import OrganisationFactory
from tests.factories.pricing import QuoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

OCTOBER = dt.date(2026, 10, 1)


def coordination(month: str) -> D:
    """Half a coordinator at 2,600 € gross a month, employer cost from OpenFisca."""
    payslip = payroll_for_hours(
        month=month,
        hours_per_week=35,
        hourly_gross=D("2600.00") / monthly_hours(35),
        company_size=10,
    )
    return (payslip.employer_cost * D("0.5")).quantize(D("0.01"))


def test_a_month_without_invoices_nor_quotes_takes_the_expected_volume(territory):
    version = assumptions(territory)
    model = month_model(territory, "seed", OCTOBER)
    assert model.volume.source == "assumption"
    result = model.result
    # 52 h a week = 225.33 h a month; a billed hour brings 38 x 0.20 / 0.80 = 9.50 of fee
    assert result.inputs.billed_hours == D("225.33")
    assert result.revenue_lines == {
        "fee": D("2140.64"),
        "certification": D("300.00"),
        "training": D("200.00"),
        "grants": D("1000.00"),
    }
    cost = coordination("2026-10")
    assert coordination_employer_cost(version, OCTOBER) == cost
    assert result.costs == cost + D("750.00")
    assert result.result == D("3640.64") - cost - D("750.00")
    # (cost + 750 - 1500) / 9.50 a month, x 12 / 52 a week
    per_month = (cost + D("750") - D("1500")) / D("9.50")
    assert result.break_even_hours_per_week == (per_month * 12 / 52).quantize(D("0.01"))


def test_a_past_month_is_reproduced_from_its_version(territory):
    assumptions(territory)
    before = month_model(territory, "seed", OCTOBER).result
    newer = assumptions(territory, fee_rate=D("0.25"), effective_month=dt.date(2026, 11, 1))
    after = month_model(territory, "seed", OCTOBER)
    assert after.assumptions.number == 1
    assert after.result == before
    november = month_model(territory, "seed", dt.date(2026, 11, 1))
    assert november.assumptions == newer
    assert november.result.fee_per_billed_hour == D("12.67")
    assert month_model(territory, "seed", dt.date(2026, 8, 1)) is None


def test_accepted_quotes_give_the_volume_and_the_price(territory):
    assumptions(territory)
    quote = QuoteFactory(accepted=True, mission__buyer=OrganisationFactory(territory=territory))
    mission = quote.mission
    model = month_model(territory, "seed", dt.date(2026, 12, 1))
    assert model.volume.source == "quotes"
    weekly = quote.delivered_hours / quote.working_weeks
    december_days = (min(mission.period_end, dt.date(2026, 12, 31)) - dt.date(2026, 12, 1)).days + 1
    expected = (weekly * 52 / 12 * D(december_days) / 31).quantize(D("0.01"))
    assert model.volume.billed_hours == expected
    assert model.volume.hourly_price_before_fee == (
        (quote.price - quote.cooperative_fee) / quote.delivered_hours
    ).quantize(D("0.01"))


def test_issued_invoices_come_first(territory):
    assumptions(territory)
    buyer = OrganisationFactory(territory=territory)
    issue_draft(draft=draft_for(buyer, minutes=120, unit_price=D("30.00")), by=None)
    model = month_model(territory, "seed", dt.date(2026, 11, 1))
    assert model.volume.source == "invoices"
    assert (model.volume.billed_hours, model.volume.hourly_price_before_fee) == (
        D("2.00"),
        D("30.00"),
    )


def test_the_command_prints_the_month_as_json(territory):
    assumptions(territory)
    out = StringIO()
    call_command(
        "economics",
        territory=territory.slug,
        phase="seed",
        format="json",
        month="2026-10",
        stdout=out,
    )
    document = json.loads(out.getvalue())
    expected = month_model(territory, "seed", OCTOBER).result
    assert (
        document["revenue"],
        document["costs"],
        document["result"],
        document["break_even_hours_per_week"],
        document["volume_source"],
    ) == (
        "3640.64",
        str(expected.costs),
        str(expected.result),
        str(expected.break_even_hours_per_week),
        "assumption",
    )


def test_the_command_refuses_an_unknown_territory_or_a_month_without_version(territory):
    with pytest.raises(CommandError, match="No territory"):
        call_command("economics", territory="nowhere", phase="seed")
    with pytest.raises(CommandError, match="No seed assumptions"):
        call_command("economics", territory=territory.slug, phase="seed", month="2026-10")


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2026-13", "looks like 2026-11"),
        ("0000-05", "between 1970 and 2199"),
        ("9999-12", "between"),
    ],
)
def test_the_command_refuses_a_month_it_cannot_read_or_reach(territory, month, message):
    with pytest.raises(CommandError, match=message):
        call_command("economics", territory=territory.slug, phase="seed", month=month)


def _session(territory, *, ends_on, hours, amount, funding="opco", state="planned"):
    from maillage.skills.models import Skill
    from maillage.training.models import TrainingSession
    from tests.factories.people import UserFactory

    trainer = UserFactory()
    return TrainingSession.objects.create(
        territory=territory,
        skill=Skill.objects.order_by("pk").first(),
        target_level=3,
        title="Atelier",
        trainer=trainer,
        starts_on=ends_on - dt.timedelta(days=2),
        ends_on=ends_on,
        hours=hours,
        place_kind="remote",
        funding=funding,
        funding_amount=amount,
        predicted_weekly_minutes=60,
        state=state,
        created_by=trainer,
    )


def test_training_revenue_comes_from_the_sessions_funded_that_month(territory):
    assumptions(territory)
    _session(territory, ends_on=dt.date(2026, 10, 9), hours=D("14"), amount=D("980.00"))
    _session(territory, ends_on=dt.date(2026, 10, 20), hours=D("7"), amount=D("333.33"),
             funding="other")  # fmt: skip
    # Not revenue: paid by the cooperative itself, cancelled, or ending another month.
    _session(territory, ends_on=dt.date(2026, 10, 21), hours=D("7"), amount=D("500.00"),
             funding="cooperative")  # fmt: skip
    _session(territory, ends_on=dt.date(2026, 10, 22), hours=D("7"), amount=D("500.00"),
             state="cancelled")  # fmt: skip
    _session(territory, ends_on=dt.date(2026, 11, 2), hours=D("7"), amount=D("500.00"))

    result = month_model(territory, "seed", OCTOBER).result

    assert result.revenue_lines["training"] == D("1313.33")
    # A month without any session keeps the phase's assumption (10 h x 20 €).
    assert month_model(territory, "seed", dt.date(2026, 9, 1)).result.revenue_lines[
        "training"
    ] == D("200.00")
