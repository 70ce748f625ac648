"""Supply and demand by skill, band, area and month, with the small-cell rule."""

import pytest
from django.utils import translation

from maillage.gpec.supply_demand import band_label, merged_minutes, supply_and_demand
from maillage.gpec.tables import AGGREGATE, COORDINATOR, cell_text, skills_table
from maillage.people.privacy import Cell
from maillage.skills.models import Skill
from tests.factories import AvailabilityFactory, WorkerProfileFactory, WorkerSkillFactory
from tests.scenarios import plan

pytestmark = pytest.mark.django_db


def rows_of(report):
    return {
        (r.skill_code, r.band): (
            r.demand_hours,
            r.missions,
            r.supply_hours,
            r.workers,
            r.unmet_hours,
        )
        for r in report.skills
    }


def test_levels_fall_in_their_band():
    assert [band_label(level) for level in range(1, 9)] == [
        "1-2", "1-2", "3-4", "3-4", "5-6", "5-6", "7-8", "7-8",
    ]  # fmt: skip


def test_overlapping_windows_of_a_day_count_once():
    assert merged_minutes([(0, 540, 720), (0, 600, 780), (0, 840, 900), (1, 0, 60)]) == 360


def test_supply_and_demand_by_skill_and_band_before_any_plan(world):
    report = supply_and_demand(territory=world)
    assert report.period.start is None  # no published plan: every active need counts
    assert rows_of(report) == {
        # demand 2 x 90 min; Alice and Bruno (level 4) offer 22 h each to bands 1-2 and 3-4
        ("workshop-children", "1-2"): (3.0, 2, 44.0, 2, 0.0),
        ("workshop-children", "3-4"): (0.0, 0, 44.0, 2, 0.0),
        # Chloé (level 2) offers 8 h in band 1-2; the need asks level 3
        ("web-upkeep", "1-2"): (0.0, 0, 8.0, 1, 0.0),
        ("web-upkeep", "3-4"): (2.0, 1, 0.0, 0, 0.0),
    }
    assert (report.total_demand_minutes, report.total_supply_minutes) == (300, 52 * 60)
    epci = report.epcis[0]
    assert (len(report.epcis), epci.name, epci.demand_hours, epci.supply_hours, epci.workers) == (
        1,
        "Bordeaux Métropole",
        5.0,
        52.0,
        3,
    )
    assert [(c.name, c.demand_hours, c.supply_hours, c.workers) for c in report.communes] == [
        ("Bordeaux", 3.5, 0.0, 0),
        ("Mérignac", 1.5, 52.0, 3),
    ]
    assert [(m.month, m.demand_hours, m.missions, m.change_minutes) for m in report.months] == [
        ("2026-11", 5.0, 3, None),
        ("2026-12", 5.0, 3, 0),
    ]


def test_unmet_demand_after_the_published_plan(world, django_capture_on_commit_callbacks):
    plan(world, django_capture_on_commit_callbacks)
    report = supply_and_demand(territory=world)
    assert (report.period.start.isoformat(), report.unmet_minutes) == ("2026-11-02", 120)
    rows = rows_of(report)
    assert rows[("web-upkeep", "3-4")] == (2.0, 1, 0.0, 0, 2.0)
    assert rows[("workshop-children", "1-2")][4] == 0.0


def test_a_group_of_4_is_hidden_and_a_group_of_5_shown(world):
    video = Skill.objects.get(code="video")
    # 5 workers without video (the world's 3 and these 2): that group is not small either.
    WorkerProfileFactory.create_batch(2, territory=world)
    for _ in range(4):
        worker = WorkerProfileFactory(territory=world)
        AvailabilityFactory(worker=worker, weekday=4, start_minute=540, end_minute=600)
        WorkerSkillFactory(worker=worker, skill=video, level=1)

    def video_row(audience):
        table = skills_table(supply_and_demand(territory=world), audience)
        return next(r for r in table.rows if r[0] == video.name and r[1] == "1-2")

    hidden = video_row(AGGREGATE)
    assert (hidden[4], hidden[5]) == (Cell(None), Cell(None))
    with translation.override("en"):
        assert cell_text(hidden[5]) == "fewer than 5"
    assert video_row(COORDINATOR)[4:6] == [4.0, Cell(4)]  # the coordinator sees everything
    worker = WorkerProfileFactory(territory=world)
    AvailabilityFactory(worker=worker, weekday=4, start_minute=540, end_minute=600)
    WorkerSkillFactory(worker=worker, skill=video, level=1)
    assert video_row(AGGREGATE)[4:6] == [5.0, Cell(5)]
