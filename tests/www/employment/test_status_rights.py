"""Each status column explains the rights of that status, not the salaried ones."""

import pytest
from django.urls import reverse
from django.utils.translation import override

pytestmark = pytest.mark.django_db


SALARIED_SICK_PAY = (
    "Daily allowances from the 4th day off sick (at least 150 hours worked over 3 "
    "months); the employer tops them up after one year."
)
SALARIED_PENSION = (
    "Quarters counted for your pension: one for each 150 hours of SMIC earned in the "
    "year, 4 at most."
)
MICRO_SICK_PAY = (
    "Daily allowances from the 4th day off sick, because your income (turnover after the "
    "flat allowance) reaches 10 % of the social security ceiling; no employer tops them up."
)
MICRO_PENSION = (
    "Quarters counted for your pension from the turnover you declare, after the flat "
    "allowance: about one for each 150 hours of SMIC, 4 at most."
)
MICRO_NO_SICK_PAY = (
    "No sick pay: your income (turnover after the flat allowance) is under 10 % of the "
    "social security ceiling."
)
MICRO_NO_PENSION = (
    "No pension quarter this year: the turnover after the flat allowance is under about "
    "150 hours of SMIC."
)


def _explanations(client, worker, hours):
    client.force_login(worker.user)
    with override("en"):
        url = reverse("employment:comparison")
    response = client.get(url, {"hours_per_week": hours, "hourly_budget": "20", "activity": "bnc"})
    assert response.status_code == 200
    return [
        {r["code"]: (r["granted"], str(r["explanation"])) for r in entry["rights"]}
        for entry in response.context["columns"]
    ], response.content.decode()


def test_a_micro_entrepreneur_reads_the_micro_rules_for_sick_pay_and_pension(client, worker):
    (salaried, micro), page = _explanations(client, worker, "24")
    assert salaried["sick_pay"] == (True, SALARIED_SICK_PAY)
    assert salaried["pension_quarters"] == (True, SALARIED_PENSION)
    assert micro["sick_pay"] == (True, MICRO_SICK_PAY)
    assert micro["pension_quarters"] == (True, MICRO_PENSION)
    assert page.count("the employer tops them up after one year") == 1


def test_a_small_micro_income_gets_neither_sick_pay_nor_quarters(client, worker):
    (_salaried, micro), _page = _explanations(client, worker, "1")
    assert micro["sick_pay"] == (False, MICRO_NO_SICK_PAY)
    assert micro["pension_quarters"] == (False, MICRO_NO_PENSION)


def test_the_comparison_writes_money_the_french_way(client, worker):
    client.force_login(worker.user)
    with override("fr"):
        url = reverse("employment:comparison")
    response = client.get(url, {"hours_per_week": "24", "hourly_budget": "20", "activity": "bnc"})
    page = response.content.decode()
    # 24 h x 52 / 12 x 20 € = 2,080 € a month, 24,960 € a year paid by the buyers.
    assert "<td>2\u00a0080,00\u00a0€</td><td>24\u00a0960,00\u00a0€</td>" in page
    assert "20,00\u00a0€" in page and "2080.00" not in page
