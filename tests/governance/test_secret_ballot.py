"""The ballot is secret: no table links a person to a choice."""

import pytest
from django.apps import apps
from django.db import models

from maillage.governance import services
from maillage.governance.models import Ballot, Participation
from maillage.people.models import User
from tests.factories import governance as gov
from tests.governance.test_votes import DURING, OPENED

pytestmark = pytest.mark.django_db


def test_no_model_holds_both_a_person_and_a_choice():
    """Every model of every app: none has a choice column beside a key to a person or a
    time precise enough to line it up with the participations."""
    for model in apps.get_models():
        fields = model._meta.get_fields()
        choice_columns = [
            f
            for f in fields
            if (isinstance(f, models.CharField) and f.name == "choice") or f.name == "ballot"
        ]
        if not choice_columns:
            continue
        people = [
            f.name for f in fields if f.is_relation and f.concrete and f.related_model is User
        ]
        times = [f.name for f in fields if isinstance(f, models.DateTimeField)]
        assert people == [], f"{model._meta.label} links a person to a choice: {people}"
        assert times == [], f"{model._meta.label} times its choices: {times}"


def test_the_ballot_table_has_no_person_no_time_and_a_random_key():
    columns = {f.column for f in Ballot._meta.concrete_fields}
    assert columns == {"id", "proposal_id", "college_id", "choice"}
    assert isinstance(Ballot._meta.pk, models.UUIDField)


def test_the_participation_table_has_no_choice():
    columns = {f.column for f in Participation._meta.concrete_fields}
    assert columns == {"id", "proposal_id", "user_id", "college_id", "voted_at"}


def test_ballots_cannot_be_lined_up_with_voters(steering):
    vote = gov.voting(steering.territory, by=steering.coordinator, opened=OPENED)
    voters = gov.seats(steering.territory, "workers", 6)
    for user, choice in zip(
        voters, ["for", "against", "for", "abstain", "for", "against"], strict=True
    ):
        services.cast_vote(proposal=vote, user=user, choice=choice, now=DURING)
    assert Participation.objects.filter(proposal=vote).count() == 6
    # What is stored: who voted (in order), and the choices with nothing to order them by.
    assert sorted(Ballot.objects.filter(proposal=vote).values_list("choice", flat=True)) == [
        "abstain",
        "against",
        "against",
        "for",
        "for",
        "for",
    ]
    assert all(not hasattr(b, "user_id") for b in Ballot.objects.filter(proposal=vote))
