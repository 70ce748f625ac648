"""Training pages: a coordinator plans a session from a recommendation, the trainer takes
attendance and assesses; strangers are refused."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import strategies as st

from maillage.people.models import Role
from maillage.skills.models import SkillEvidence
from maillage.training.models import TrainingSession
from tests.factories import TerritoryFactory, ThirdPlaceFactory, member_with_role
from tests.www.test_form_fuzz import post_as_every_role, values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def setup(planned):
    world = planned
    trainer = member_with_role(Role.TRAINER, world)
    place = ThirdPlaceFactory(territory=world, name="La Fabrique")
    return world, trainer, place


def new_url(world):
    return reverse("training:new", args=[world.slug, "web-upkeep", 3])


def valid(trainer, place, chloe):
    return {
        "trainer": trainer.pk,
        "starts_on": "2026-10-05",
        "ends_on": "2026-10-09",
        "hours": "21",
        "place_kind": "third_place",
        "third_place": place.pk,
        "funding": "cooperative",
        "funding_amount": "840.00",
        "workers": [chloe.pk],
    }


def test_a_coordinator_plans_and_the_trainer_runs_a_session(
    client, setup, django_assert_max_num_queries
):
    world, trainer, place = setup
    chloe = world.workers_by_name["Chloé"]
    client.force_login(world.coordinator)
    home = client.get("/en/training/")
    assert new_url(world) in home.content.decode()
    assert client.get(new_url(world)).status_code == 200
    response = client.post(new_url(world), valid(trainer, place, chloe))
    session = TrainingSession.objects.get()
    assert response["Location"] == f"/en/training/{session.pk}/"
    assert (session.third_place, session.funding, session.funding_amount) == (
        place,
        "cooperative",
        Decimal("840.00"),
    )
    client.force_login(trainer)
    with django_assert_max_num_queries(20):
        assert client.get("/en/training/").status_code == 200
    participant = session.participants.get()
    client.post(f"/en/training/{session.pk}/attendance/", {"present": [participant.pk]})
    participant.refresh_from_db()
    assert participant.attended is True
    client.post(
        f"/en/training/{session.pk}/assess/{participant.pk}/", {"level": 3, "comment": "ok"}
    )
    assert SkillEvidence.objects.get(kind="trainer_assessment").worker_skill.worker == chloe


def test_strangers_are_refused(client, setup):
    world, trainer, place = setup
    chloe = world.workers_by_name["Chloé"]
    other = member_with_role(Role.COORDINATOR, TerritoryFactory())
    client.force_login(other)
    assert client.get(new_url(world)).status_code == 404
    assert client.post(new_url(world), valid(trainer, place, chloe)).status_code == 404
    client.force_login(chloe.user)
    assert client.get("/en/training/").status_code == 403
    assert TrainingSession.objects.count() == 0


def test_a_worker_not_recommended_is_refused_at_the_form(client, setup):
    world, trainer, place = setup
    client.force_login(world.coordinator)
    data = valid(trainer, place, world.workers_by_name["Alice"])
    response = client.post(new_url(world), data)
    assert response.status_code == 400
    assert TrainingSession.objects.count() == 0


def test_the_form_never_fails_with_a_server_error(client, setup):
    world, trainer, place = setup
    users = {
        "coordinator": world.coordinator,
        "trainer": trainer,
        "worker": world.workers_by_name["Chloé"].user,
    }
    names = list(valid(trainer, place, world.workers_by_name["Chloé"]))
    post_as_every_role(
        client,
        url=new_url(world),
        users=users,
        roles=tuple(users),
        strategy=st.dictionaries(st.sampled_from(names), values, max_size=6),
        examples=10,
    )
