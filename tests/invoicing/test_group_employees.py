"""An employer group's employee working for one of its members is billed once: by the group's
monthly statement (wages), not by the cooperative's invoice as well."""

from __future__ import annotations

from decimal import Decimal

import pytest

from maillage.invoicing.models import Invoice
from maillage.invoicing.services import build_drafts, issue_month
from tests.factories import BuyerGroupFactory
from tests.factories.invoicing import ISSUE_DAY, NOVEMBER
from tests.factories.wages import GroupEmploymentFactory

pytestmark = pytest.mark.django_db


def employer_group(month, *members, **traits):
    group = BuyerGroupFactory(employer=True, territory=month.territory, members=list(members))
    return GroupEmploymentFactory(worker=month.alice, group=group, **traits)


def drafted(month) -> dict[str, list[tuple[int, Decimal]]]:
    report = build_drafts(territory=month.territory, month=NOVEMBER)
    return {
        draft.buyer.name: [(line.minutes, line.quantity) for line in draft.lines.all()]
        for draft in report.drafts
    }


def test_a_members_hours_by_the_groups_employee_are_not_invoiced(month):
    employer_group(month, month.school)

    report = build_drafts(territory=month.territory, month=NOVEMBER)

    # Alice's four Tuesdays at the school (4 × 90 min) go on the group's statement only.
    assert [draft.buyer.name for draft in report.drafts] == ["Mairie de Talence"]
    assert report.via_group_statements_minutes == 360


def test_work_for_a_buyer_outside_the_group_is_still_invoiced(month):
    employer_group(month, month.town_hall)

    assert drafted(month) == {
        "École Jules Ferry": [(360, Decimal("6.00"))],
        "Mairie de Talence": [(480, Decimal("8.00"))],
    }


def test_an_employment_that_ended_before_the_month_leaves_the_invoice_alone(month):
    employer_group(month, month.school, ended=True)

    assert drafted(month)["École Jules Ferry"] == [(360, Decimal("6.00"))]


def test_hours_invoiced_before_the_group_employed_the_worker_are_credited(month):
    build_drafts(territory=month.territory, month=NOVEMBER)
    issue_month(territory=month.territory, month=NOVEMBER, by=month.coordinator, today=ISSUE_DAY)
    employer_group(month, month.school)

    build_drafts(territory=month.territory, month=NOVEMBER)
    [credit] = issue_month(
        territory=month.territory, month=NOVEMBER, by=month.coordinator, today=ISSUE_DAY
    )

    # The school was invoiced for hours its group now bills: a credit note takes them back.
    assert (credit.is_credit_note, credit.buyer_name) == (True, "École Jules Ferry")
    school_invoice = Invoice.objects.get(buyer_name="École Jules Ferry", corrects__isnull=True)
    assert (credit.corrects, credit.total_incl_tax) == (
        school_invoice,
        school_invoice.total_incl_tax,
    )
