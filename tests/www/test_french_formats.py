"""Pages in French read as French: hours and minutes, localized decimals, money written one
way, skill and level names instead of codes, the engine's statuses in words."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maillage.consolidation.explanations import (
    describe_all_unassigned,
    describe_solver_status,
    describe_unassigned,
    skill_names,
)
from maillage.core.formatting import format_money
from maillage.people.models import Role
from maillage.pricing.services import default_terms, issue_charter, prepare_quote
from maillage.www.plans.periods import school_term_period
from tests.factories import MissionFactory, TerritoryFactory, member_with_role

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _text(response) -> str:
    """The page's main text, tags removed and blanks squeezed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", main))


def test_the_plan_page_shows_hours_km_and_skill_names_in_french(client, planned):
    client.force_login(planned.coordinator)
    with translation.override("fr"):
        url = reverse("plans:version", args=[planned.published.pk])
        status = describe_solver_status(planned.published.solver_status)
    text = _text(client.get(url))
    assert f"3{NBSP}h / 5{NBSP}h" in text  # demand covered, not "3 / 5 h" nor minutes
    assert status in text and "solver" not in text and ": optimal" not in text
    assert "Maintenance de sites web ≥ 3" in text and "web-upkeep" not in text
    assert f"15,9{NBSP}km" in text  # the comparison with the baseline
    assert "Minutes" not in text and "15.9" not in text


def test_the_engine_statuses_are_words_in_each_language():
    with translation.override("en"):
        assert describe_solver_status("feasible") == (
            "good plan, not proven to be the best in the time given"
        )
        assert describe_solver_status("optimal") == "best possible plan (proven)"
    assert describe_solver_status("something new") == "something new"


def test_skill_codes_become_names_in_the_reader_language(world):
    with translation.override("fr"):
        assert skill_names("web-upkeep ≥ 3, unknown-code ≥ 2") == (
            "Maintenance de sites web ≥ 3, unknown-code ≥ 2"
        )
    with translation.override("en"):
        assert skill_names("web-upkeep ≥ 3") == "Website upkeep ≥ 3"


def test_a_worker_week_reads_hours_and_minutes(client, planned):
    alice = planned.workers_by_name["Alice"]
    client.force_login(alice.user)
    text = _text(client.get(reverse("plans:worker_week")))
    assert f"1{NBSP}h{NBSP}30/semaine" in text
    assert "1,5 h" not in text


def test_the_coordinator_and_need_pages_read_hours(client, planned):
    client.force_login(planned.coordinator)
    text = _text(client.get(reverse("coordinator:home")))
    assert f"1{NBSP}h{NBSP}30" in text and " 1,5 " not in text
    need = planned.missions_by_name["M3"]
    text = _text(client.get(reverse("needs:detail", args=[need.pk])))
    assert f"Heures par semaine 2{NBSP}h" in text


def test_the_gpec_dashboard_uses_french_decimals(client, planned):
    client.force_login(planned.coordinator)
    text = _text(client.get(reverse("gpec:dashboard", args=[planned.slug])))
    assert f"60,0{NBSP}%" in text and "60.0 %" not in text
    assert "Maintenance de sites web 3-4 2,0 1 0,0" in text
    assert "Maintenance de sites web 1-2: Offre — 8,0" in text  # the chart's own labels
    assert "— 8.0" not in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_money_on_the_quote_page_is_written_the_language_way(client, planned, language):
    issue_charter(
        territory=planned, terms=default_terms(dt.date(2026, 1, 1)), by=planned.coordinator
    )
    need = planned.missions_by_name["M1"]
    client.force_login(planned.coordinator)
    with translation.override(language):
        url = reverse("pricing:quote_new", args=[need.pk])
    text = _text(client.get(url))
    price = prepare_quote(mission=need).breakdown.price
    expected = format_money(price, language)
    assert expected in text
    assert expected == (f"388,03{NBSP}€" if language == "fr" else "€388.03")
    band = "Fondamental (niveaux 1-2)" if language == "fr" else "Foundation (levels 1-2)"
    assert band in text and "foundation" not in text


def test_the_run_form_proposes_the_school_term_when_no_need_is_accepted(client):
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    client.force_login(coordinator)
    response = client.get(reverse("plans:list"))
    [section] = response.context["sections"]
    start, end = school_term_period(timezone.localdate())
    assert (section["form"].initial["period_start"], section["form"].initial["period_end"]) == (
        start,
        end,
    )
    assert dt.date(2026, 11, 2) != start  # not the demo's dates


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 30), (dt.date(2027, 1, 5), dt.date(2027, 2, 6))),
        (dt.date(2026, 9, 1), (dt.date(2026, 9, 7), dt.date(2026, 10, 17))),
        (dt.date(2026, 7, 20), (dt.date(2026, 9, 1), dt.date(2026, 10, 17))),
        (dt.date(2027, 5, 20), (dt.date(2027, 5, 24), dt.date(2027, 7, 3))),
    ],
)
def test_the_school_term_period(today, expected):
    assert school_term_period(today) == expected


def test_the_charter_reads_its_rates_the_french_way(client, planned):
    issue_charter(
        territory=planned, terms=default_terms(dt.date(2026, 1, 1)), by=planned.coordinator
    )
    client.force_login(planned.coordinator)
    text = _text(client.get(reverse("pricing:charter_overview")))
    assert f"(part du prix) 8{NBSP}%" in text
    assert "(€/km) 0,636 " in text and "0,6360" not in text and "0,0800" not in text
    assert "de l’employeur 1,05 " in text


def test_the_union_overview_gives_weekly_volumes_in_hours_and_minutes(client):
    territory = TerritoryFactory()
    MissionFactory(buyer__territory=territory, fixed=True, state="accepted")
    client.force_login(member_with_role(Role.UNION_REP, territory))
    text = _text(client.get(reverse("overview:home")))
    assert re.search(rf"\d+{NBSP}h( \d\d)?\b", text), text
    assert not re.search(r"\d+,\d\b", text)  # not "183,0" (decimal hours)


def test_the_reasons_of_many_unassigned_needs_read_their_skill_names_in_one_query(
    world, django_assert_num_queries
):
    items = [
        SimpleNamespace(reason="no_qualified_worker", params={"skills": skills}, detail="")
        for skills in ("web-upkeep ≥ 3", "web-upkeep ≥ 2, unknown-code ≥ 1", "web-upkeep ≥ 4")
    ] + [SimpleNamespace(reason="no_location", params={}, detail="")]
    with translation.override("fr"):
        expected = [describe_unassigned(i.reason, i.params, i.detail) for i in items]
        with django_assert_num_queries(1):
            reasons = describe_all_unassigned(items)

    assert reasons == expected
    assert "Maintenance de sites web ≥ 2, unknown-code ≥ 1" in reasons[1]
