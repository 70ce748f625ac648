"""Real engine runs: what-if trainings, the intervention-scale diagnosis, km by mode."""

import pytest
from django.core.exceptions import ValidationError

from maillage.consolidation.instance import build_instance
from maillage.gpec.engine_runs import area_keys, diagnose_scales, km_by_mode, what_if_trained
from maillage.gpec.models import GpecJob, JobKind, JobStatus
from maillage.gpec.recommendations import skill_gaps
from maillage.gpec.services import start_job
from maillage.territory.geo import road_km
from maillage.territory.models import Commune
from tests.factories import BORDEAUX, MERIGNAC
from tests.scenarios import END, START, plan

pytestmark = pytest.mark.django_db


def km_merignac_bordeaux() -> float:
    a, b = Commune.objects.get(insee_code=MERIGNAC), Commune.objects.get(insee_code=BORDEAUX)
    return road_km(a.latitude, a.longitude, b.latitude, b.longitude)


def test_the_gap_names_the_worker_one_level_away_and_the_training(
    world, django_capture_on_commit_callbacks
):
    plan(world, django_capture_on_commit_callbacks)
    [gap] = skill_gaps(territory=world)
    chloe = world.workers_by_name["Chloé"]
    assert (gap.skill.code, gap.level, gap.weekly_minutes, gap.candidates_total) == (
        "web-upkeep",
        3,
        120,
        1,
    )
    [candidate] = gap.candidates
    assert (candidate.worker, candidate.current_level, candidate.available_hours) == (chloe, 2, 8.0)
    assert candidate.km == round(km_merignac_bordeaux(), 1)
    assert (str(gap.training.name), gap.training.hours) == (
        "Maintenir un site WordPress ou SPIP",
        35,
    )


def test_training_the_worker_one_level_away_covers_the_mission(world, settings):
    # A 2 h threshold: the two workshops (3 h) make one job; Chloé's 2 h would make another.
    settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES = 120
    data = build_instance(territory=world, period_start=START, period_end=END).data
    chloe = world.workers_by_name["Chloé"]
    outcome = what_if_trained(
        data, worker_id=chloe.pk, skill_code="web-upkeep", level=3, time_limit_s=2, seed=1
    )
    assert (outcome["before"]["covered_minutes"], outcome["after"]["covered_minutes"]) == (180, 300)
    assert (outcome["covered_minutes_gained"], outcome["workers_at_threshold_gained"]) == (120, 1)
    assert (outcome["worker_minutes_before"], outcome["worker_minutes_after"]) == (0, 120)
    assert outcome["newly_covered"] == [world.missions_by_name["M3"].pk]
    # The input itself is untouched: the change lives in a copy.
    assert next(w for w in data["workers"] if w["id"] == f"w{chloe.pk}")["skills"] == {
        "web-upkeep": 2
    }


def test_a_what_if_job_runs_in_the_background_and_stores_its_result(
    world, django_capture_on_commit_callbacks
):
    chloe = world.workers_by_name["Chloé"]
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            kind=JobKind.WHAT_IF,
            territory=world,
            period_start=START,
            period_end=END,
            requested_by=world.coordinator,
            params={"worker_id": chloe.pk, "skill": "web-upkeep", "level": 3, "time_limit_s": 1},
        )
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.SUCCEEDED, 100)
    assert job.result["covered_minutes_gained"] == 120


@pytest.mark.parametrize(
    "params",
    [
        {"skill": "web-upkeep\x00", "level": 3},
        {"skill": "web upkeep", "level": 3},
        {"skill": "web-upkeep", "level": "3\x00"},
        {"skill": "web-upkeep", "level": 3, "worker_id": 2**70},
        {"skill": ["web-upkeep"], "level": 3},
        {"skill": "web-upkeep", "level": None},
        {"level": 3},
    ],
    ids=["nul-in-skill", "not-a-code", "nul-in-level", "huge-id", "a-list", "no-level", "no-skill"],
)
def test_a_what_if_on_input_no_skill_can_match_is_refused_and_records_nothing(world, params):
    chloe = world.workers_by_name["Chloé"]
    with pytest.raises(ValidationError) as refused:
        start_job(
            kind=JobKind.WHAT_IF,
            territory=world,
            period_start=START,
            period_end=END,
            requested_by=world.coordinator,
            params={"worker_id": chloe.pk, **params},
        )
    assert refused.value.messages == ["Personne ou compétence inconnue sur ce territoire."]
    assert not GpecJob.objects.exists()


def test_the_scale_diagnosis_on_a_tiny_case(world):
    data = build_instance(territory=world, period_start=START, period_end=END).data
    missions, workers = area_keys(data)
    scales = diagnose_scales(data, missions, workers, time_limit_s=1, seed=1)
    figures = {
        scale: (f["areas"], f["areas_planned"], f["covered_minutes"], f["coverage"])
        for scale, f in scales.items()
    }
    assert figures == {
        # Bordeaux's needs have nobody living in Bordeaux; Mérignac's workshop is covered.
        "commune": (2, 1, 90, 0.3),
        # Bordeaux Métropole: both workshops (the web need has nobody qualified).
        "epci": (1, 1, 180, 0.6),
        "departement": (1, 1, 180, 0.6),
    }
    assert scales["commune"]["km_week"] == 0.0  # Mérignac to Mérignac
    # One worker does both workshops: a return trip to Bordeaux on Tuesday only.
    assert scales["epci"]["km_week"] == round(2 * km_merignac_bordeaux(), 1)
    assert scales["epci"]["active_workers"] == 1


def test_a_diagnosis_job_with_progress(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            kind=JobKind.DIAGNOSIS,
            territory=world,
            period_start=START,
            period_end=END,
            requested_by=world.coordinator,
            params={"time_limit_s": 1},
        )
    job = GpecJob.objects.get(pk=job.pk)
    assert (job.status, job.progress, sorted(job.result)) == (
        JobStatus.SUCCEEDED,
        100,
        ["commune", "departement", "epci"],
    )


def test_km_of_a_plan_split_by_travel_mode(world, django_capture_on_commit_callbacks):
    version = plan(world, django_capture_on_commit_callbacks)
    run = version.run
    assert km_by_mode(run.engine_input, run.engine_result) == {
        "car": round(2 * km_merignac_bordeaux(), 1)
    }
