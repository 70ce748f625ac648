import pytest
from django.utils import translation

from maillage.core.statemachine import IllegalTransition
from maillage.missions.models import MISSION_TRANSITIONS, MissionState
from maillage.missions.services import cancel_mission, move_mission
from tests.factories import MissionFactory, UserFactory

pytestmark = pytest.mark.django_db

HAPPY_PATH = ["priced", "accepted", "planned", "running", "done"]


def test_a_mission_goes_through_its_whole_lifecycle_with_a_log_row_per_move():
    mission, coordinator = MissionFactory(), UserFactory()
    for state in HAPPY_PATH:
        mission = move_mission(mission=mission, to_state=state, by=coordinator)
    assert mission.state == "done"
    log = list(mission.transitions.values_list("from_state", "to_state", "by"))
    assert log == [
        ("draft", "priced", coordinator.pk),
        ("priced", "accepted", coordinator.pk),
        ("accepted", "planned", coordinator.pk),
        ("planned", "running", coordinator.pk),
        ("running", "done", coordinator.pk),
    ]


def test_a_logged_move_names_its_state_in_the_reader_s_language():
    mission = move_mission(mission=MissionFactory(), to_state="priced", by=None)
    step = mission.transitions.get()
    with translation.override("en"):
        assert step.to_state_label == "Priced (quote issued)"
    with translation.override("fr"):
        assert step.to_state_label == "Chiffré (devis émis)"
    step.to_state = "no-longer-a-state"  # a code from an older version reads as itself
    assert step.to_state_label == "no-longer-a-state"


@pytest.mark.parametrize(
    ("start", "illegal"),
    [("draft", "planned"), ("draft", "done"), ("accepted", "running"), ("done", "running")],
)
def test_an_illegal_move_is_refused_and_changes_nothing(start, illegal):
    mission = MissionFactory(state=start)
    with pytest.raises(IllegalTransition):
        move_mission(mission=mission, to_state=illegal, by=None)
    mission.refresh_from_db()
    assert mission.state == start
    assert mission.transitions.count() == 0


def test_done_and_cancelled_are_final():
    assert MISSION_TRANSITIONS[MissionState.DONE] == frozenset()
    assert MISSION_TRANSITIONS[MissionState.CANCELLED] == frozenset()


def test_every_state_but_the_final_ones_can_be_cancelled():
    cancellable = {state for state, nexts in MISSION_TRANSITIONS.items() if "cancelled" in nexts}
    assert cancellable == {"draft", "priced", "accepted", "planned", "running"}


def test_cancelling_requires_a_reason_which_is_logged():
    mission, coordinator = MissionFactory(state="accepted"), UserFactory()
    with pytest.raises(Exception, match="pourquoi"):
        cancel_mission(mission=mission, by=coordinator, reason="  ")
    mission = cancel_mission(mission=mission, by=coordinator, reason="École fermée pour travaux")
    assert mission.state == "cancelled"
    assert mission.transitions.get().reason == "École fermée pour travaux"
