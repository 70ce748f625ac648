"""The money figures from what happened: issued invoices (and their payments) and payroll
exports; the GPEC indicator switches to them when they exist and says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from maillage.consolidation.models import PlanVersion
from maillage.gpec.money import actual_money_share, invoice_figures, money_dashboard
from maillage.gpec.sustainability import current_money_share
from maillage.invoicing.models import Invoice, InvoiceLine, Payment
from maillage.payroll import tax_benefit_system
from maillage.wages.services import run_payroll_export
from tests.factories import (
    ContractProposalFactory,
    OrganisationFactory,
    PlanVersionFactory,
    QuoteFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db

NOVEMBER = dt.date(2026, 11, 1)
TODAY = dt.date(2026, 12, 20)


@pytest.fixture(scope="module", autouse=True)
def france_system():
    return tax_benefit_system()


def invoice(territory, buyer, total, *, number=1, due_on=dt.date(2026, 12, 15), corrects=None):
    """An issued invoice of November (VAT exempt: incl. tax = excl. tax), or a credit note
    when it ``corrects`` one."""
    return Invoice.objects.create(
        kind="credit_note" if corrects else "invoice",
        corrects=corrects,
        number=f"F-2026-{number:05d}",
        sequence_year=2026,
        sequence_number=number,
        territory=territory,
        month=NOVEMBER,
        buyer=buyer,
        issued_on=dt.date(2026, 12, 1),
        due_on=due_on,
        service_start=NOVEMBER,
        service_end=dt.date(2026, 11, 30),
        seller_name="Coopérative",
        seller_siret="73282932000074",
        seller_address="1 rue",
        seller_postcode="33000",
        seller_city="Bordeaux",
        buyer_name=buyer.name,
        vat_rate=Decimal("0"),
        vat_exemption="TVA non applicable",
        payment_days=30,
        penalty_rate=Decimal("10"),
        recovery_indemnity=Decimal("40"),
        total_excl_tax=Decimal(total),
        vat_amount=Decimal("0"),
        total_incl_tax=Decimal(total),
        issued_at=timezone.now(),
    )


def line(document, mission, amount):
    return InvoiceLine.objects.create(
        invoice=document,
        mission=mission,
        kind="work",
        member=mission.buyer,
        description=mission.title,
        minutes=60,
        quantity=Decimal("1"),
        unit_price=Decimal(amount),
        amount=Decimal(amount),
        first_date=NOVEMBER,
        last_date=NOVEMBER,
        position=1,
    )


@pytest.fixture
def invoiced(territory, charter):
    school = OrganisationFactory(territory=territory)
    quote = QuoteFactory(mission__buyer=school, accepted=True)
    first = invoice(territory, school, "1000.00", number=1)
    line(first, quote.mission, "1000.00")
    Payment.objects.create(invoice=first, amount=Decimal("400.00"), received_on=TODAY)
    second = invoice(territory, school, "500.00", number=2, due_on=dt.date(2027, 1, 5))
    line(second, quote.mission, "500.00")
    credit = invoice(territory, school, "100.00", number=3, corrects=first)
    line(credit, quote.mission, "100.00")
    return quote


def test_invoiced_paid_overdue_and_the_cooperatives_fee(territory, invoiced):
    figures = invoice_figures(territory, NOVEMBER, today=TODAY)

    fee_share = invoiced.cooperative_fee / invoiced.price
    assert figures.invoices == 3
    assert figures.invoiced_excl_tax == Decimal("1400.00")  # the credit note deducted
    assert figures.paid == Decimal("400.00")
    # Only the first is past due (15 December): 1000 - 400 still owed.
    assert (figures.overdue, figures.overdue_invoices) == (Decimal("600.00"), 1)
    assert figures.fee_revenue == (Decimal("1400") * fee_share).quantize(Decimal("0.01"))


def employees(territory, count):
    """``count`` workers under contract for the whole of November (24 h, 1404 € gross)."""
    version = PlanVersionFactory(territory=territory, published=True)
    for _ in range(count):
        ContractProposalFactory(
            worker=WorkerProfileFactory(territory=territory),
            plan_version=version,
            signed=True,
            start_date=dt.date(2026, 10, 1),
        )
    return run_payroll_export(territory=territory, month=NOVEMBER, by=None, check_access=False)


def test_the_indicator_uses_invoices_and_payroll_once_they_exist(territory, invoiced):
    export = employees(territory, 5)

    share = actual_money_share(territory)
    money = current_money_share(territory=territory)

    assert (share.months, share.invoiced, share.employees) == (1, Decimal("1400.00"), 5)
    assert share.net_pay == export.net_pay == Decimal("5557.00")  # 5 x 1111.40
    assert money.source == "actual"
    assert money.share_to_pay == (export.net_pay / Decimal("1400")).quantize(Decimal("0.0001"))
    assert money.share_to_employment == (export.employer_cost / Decimal("1400")).quantize(
        Decimal("0.0001")
    )


def test_the_indicator_stays_on_quotes_without_payroll_or_below_five_people(territory, invoiced):
    assert actual_money_share(territory) is None
    assert current_money_share(territory=territory).source == "quotes"

    employees(territory, 4)

    assert actual_money_share(territory) is None
    assert current_money_share(territory=territory).source == "quotes"


def test_the_indicator_needs_invoices_of_the_payrolls_months(territory, charter):
    employees(territory, 5)

    assert actual_money_share(territory) is None


def test_the_dashboard_hides_the_pay_of_fewer_than_five_outside_the_coordinator(
    territory, invoiced
):
    export = employees(territory, 4)

    mine = money_dashboard(territory=territory, month=NOVEMBER, audience="coordinator", today=TODAY)
    theirs = money_dashboard(territory=territory, month=NOVEMBER, audience="aggregate", today=TODAY)

    assert (mine.pay.net_pay, mine.pay.employees) == (export.net_pay, 4)
    assert mine.share_to_net_pay == (export.net_pay / Decimal("1400")).quantize(Decimal("0.0001"))
    assert theirs.pay.hidden
    assert (theirs.pay.net_pay, theirs.share_to_net_pay, theirs.share_to_employer_cost) == (
        None,
        None,
        None,
    )
    # Invoices are about organisations, not people: shown to both.
    assert theirs.invoices == mine.invoices


def test_the_dashboard_shows_five_employees_to_everyone_and_uses_the_latest_version(
    territory, invoiced
):
    first = employees(territory, 4)
    # One more employee under contract: the re-run is a second version.
    ContractProposalFactory(
        worker=WorkerProfileFactory(territory=territory),
        plan_version=PlanVersion.objects.get(territory=territory),
        signed=True,
        start_date=dt.date(2026, 10, 1),
    )
    latest = run_payroll_export(territory=territory, month=NOVEMBER, by=None, check_access=False)

    board = money_dashboard(territory=territory, month=NOVEMBER, audience="aggregate", today=TODAY)

    assert (first.number, latest.number) == (1, 2)
    assert board.pay.export == latest
    assert board.pay.employees == 5


def test_the_indicators_table_says_which_source_it_used(territory, invoiced):
    from maillage.gpec.sustainability import indicators
    from maillage.gpec.tables import indicators_table

    def source() -> str:
        rows = indicators_table(indicators(territory=territory), "aggregate").rows
        return next(value for label, value in rows if label == "Money shares computed from")

    with translation.override("en"):
        assert source() == "accepted quotes"
        employees(territory, 5)
        assert source() == "issued invoices and payroll exports"
        assert indicators(territory=territory).as_dict()["money_source"] == "actual"
