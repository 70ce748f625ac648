"""Small groups stay hidden in the GPEC tables and the overview, pages and exports alike.

The GPEC world of tests/scenarios.py has 3 workers in Mérignac (Alice and Bruno: workshops at
level 4; Chloé: web upkeep at level 2).
"""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from maillage.gpec.overview import territory_overview
from maillage.gpec.supply_demand import supply_and_demand
from maillage.gpec.tables import AGGREGATE, COORDINATOR, cell_text, skills_table
from maillage.people.models import Role
from maillage.people.privacy import Cell
from maillage.skills.models import Skill
from tests.factories import (
    BORDEAUX,
    AvailabilityFactory,
    GpecJobFactory,
    HouseholdSituationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    WorkerSkillFactory,
    commune,
    member_with_role,
)

pytestmark = pytest.mark.django_db


def video_workers(territory, levels):
    video = Skill.objects.get(code="video")
    for level in levels:
        worker = WorkerProfileFactory(territory=territory)
        AvailabilityFactory(worker=worker, weekday=4, start_minute=540, end_minute=600)
        WorkerSkillFactory(worker=worker, skill=video, level=level)
    return video


def rows_of(table, skill):
    return {r[1]: r for r in table.rows if r[0] == skill.name}


def test_one_worker_between_two_cumulative_bands_is_not_given_away(world):
    # Band 1-2 counts the 7 video workers, band 3-4 the 6 at level 3: one person is exactly
    # at level 1, and 7 h - 6 h would be their hours. 5 more workers do no video at all.
    WorkerProfileFactory.create_batch(5, territory=world)
    video = video_workers(world, [1, 3, 3, 3, 3, 3, 3])
    report = supply_and_demand(territory=world)
    rows = rows_of(skills_table(report, AGGREGATE), video)
    assert rows["1-2"][4:6] == [7.0, Cell(7)]
    assert rows["3-4"][4:6] == [Cell(None, complementary=True), Cell(None, complementary=True)]
    with translation.override("en"):
        assert cell_text(rows["3-4"][5]) == "hidden"
    assert rows_of(skills_table(report, COORDINATOR), video)["3-4"][4:6] == [6.0, Cell(6)]


def test_the_skills_export_hides_the_same_cells(client, world):
    WorkerProfileFactory.create_batch(5, territory=world)
    video = video_workers(world, [1, 3, 3, 3, 3, 3, 3])
    client.force_login(member_with_role(Role.UNION_REP, world))
    with translation.override("en"):
        csv_url = reverse("gpec:export", args=["gpec-test", "skills", "csv"])
        xlsx_url = reverse("gpec:export", args=["gpec-test", "skills", "xlsx"])
        lines = client.get(csv_url).content.decode("utf-8-sig").splitlines()
        sheet = load_workbook(io.BytesIO(client.get(xlsx_url).content)).active
        name = video.name
    assert "Video;3-4;0.0;0;hidden;hidden;0.0" in lines
    assert "Video;1-2;0.0;0;7.0;7;0.0" in lines
    rows = {(r[0], r[1]): r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[(name, "3-4")][4:6] == ("hidden", "hidden")


def test_a_commune_is_not_its_epci_minus_the_communes_shown(world):
    # Mérignac has 3 workers (hidden); with Bordeaux's 6 and the EPCI's 9 shown, 9 - 6 = 3.
    for _ in range(6):
        WorkerProfileFactory(territory=world, home_commune=commune(BORDEAUX))
    report = supply_and_demand(territory=world)
    cells = {area.name: area.workers_cell for area in report.communes}
    assert cells == {"Bordeaux": Cell(None, complementary=True), "Mérignac": Cell(None)}
    assert [e.workers_cell for e in report.epcis] == [Cell(9)]


def test_the_overview_hides_a_second_status_and_a_nearly_whole_group(client):
    territory = TerritoryFactory()
    for status, count in (
        ("job_seeker", 13),
        ("micro_entrepreneur", 9),
        ("employee_elsewhere", 8),
        ("student", 7),
        ("other", 1),
    ):
        WorkerProfileFactory.create_batch(count, territory=territory, status=status)
    # 38 of the 40 wish 24 h or more: the 2 others are a small group.
    WorkerProfileFactory.create_batch(2, territory=territory, wished_weekly_minutes=60)
    with translation.override("en"):
        overview = territory_overview(territory=territory)
    statuses = dict(overview.workers_by_status)
    assert overview.workers == Cell(40)
    assert statuses == {
        "Job seeker": Cell(15),
        "Micro-entrepreneur": Cell(9),
        "Employee elsewhere": Cell(8),
        "Employee of the cooperative": Cell(0),
        "Student": Cell(None, complementary=True),
        "Other": Cell(None),
    }
    assert overview.workers_wishing_threshold == Cell(None, complementary=True)
    client.force_login(member_with_role(Role.UNION_REP, territory))
    with translation.override("en"):
        page = client.get(reverse("overview:home")).content.decode()
    assert page.count(">hidden</span>") == 2 and page.count(">fewer than 5</span>") == 1


CONSENTED = {
    "month": "2026-11",
    "hourly_gross": "12.02",
    "benefits_before": "635.69",
    "benefits_after": "584.83",
    "avoided_per_month": "50.86",
}


@pytest.mark.parametrize("households", [1, 4])
def test_a_coordinator_never_sees_one_households_figures(client, world, households):
    for worker in list(world.workers_by_name.values())[:households]:
        HouseholdSituationFactory(worker=worker, consented=True)
    GpecJobFactory(
        territory=world,
        public_costs=True,
        succeeded=True,
        result={**CONSENTED, "households": households},
    )
    client.force_login(world.coordinator)
    pages = [
        client.get(reverse("gpec:dashboard", args=["gpec-test"])).content.decode(),
        client.get(reverse("gpec:report", args=["gpec-test"])).content.decode(),
        client.get(
            reverse("gpec:export", args=["gpec-test", "public_costs", "csv"])
        ).content.decode("utf-8-sig"),
    ]
    sheet = load_workbook(
        io.BytesIO(
            client.get(reverse("gpec:export", args=["gpec-test", "public_costs", "xlsx"])).content
        )
    ).active
    pages.append(repr(list(sheet.iter_rows(values_only=True))))
    for text in pages:
        # The text a reader sees: tags and their attributes (links, form tokens) left out, so a
        # random token or a row id that happens to contain "584" is not mistaken for a figure.
        shown = re.sub(r"<[^>]*>", " ", text)
        for figure in ("635", "584", "50,86", "50.86"):
            assert figure not in shown
    assert "moins de 5" in pages[2]


def test_five_households_are_shown_to_the_coordinator_as_totals(client, world):
    GpecJobFactory(
        territory=world, public_costs=True, succeeded=True, result={**CONSENTED, "households": 5}
    )
    client.force_login(world.coordinator)
    url = reverse("gpec:export", args=["gpec-test", "public_costs", "csv"])
    lines = client.get(url).content.decode("utf-8-sig").splitlines()
    assert lines[1:] == [
        "Foyers ayant consenti;5",
        "Mois calculé;2026-11",
        "Prestations avant (€ par mois);635,69",
        "Prestations après (€ par mois);584,83",
        "Évité (€ par mois);50,86",
    ]


def test_a_worker_still_sees_their_own_household(client, world):
    chloe = world.workers_by_name["Chloé"]
    HouseholdSituationFactory(worker=chloe, consented=True, monthly_gross_earnings=321)
    client.force_login(chloe.user)
    page = client.get(reverse("gpec:me")).content.decode()
    assert 'value="321' in page
