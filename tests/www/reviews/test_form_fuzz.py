"""Arbitrary input posted to the forms of the need lifecycle, the human review and the
worker's contract answer, as every role, never gets a 500 (see tests/www/test_form_fuzz.py,
whose strategies this module reuses)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.consolidation.services import respond_to_assignment
from maillage.employment.services import move_contract, propose_contract
from maillage.people.models import Role
from maillage.www.needs.forms import (
    ExcludedDatesForm,
    NeedForm,
    SkillRequirementForm,
    WeeklySpanForm,
)
from maillage.www.reviews.forms import ReviewAnswerForm
from tests.factories import MissionFactory, member_with_role
from tests.www.needs.test_need_form import form_data as need_form_data
from tests.www.test_form_fuzz import Endpoint, _fields, _formset, data_for, post_as_every_role

pytestmark = pytest.mark.django_db

ROLES = ("worker", "buyer", "coordinator", "union_rep", "other_coordinator", "stranger")
EXAMPLES_PER_ENDPOINT = 12


@pytest.fixture
def seeded(territory, coordinator, charter, school, buyer, worker, people, publish_plan):
    version = publish_plan(territory, worker, [24 * 60])
    assignment = version.assignments.get()
    review = respond_to_assignment(
        assignment=assignment, by=worker.user, decision="review", reason="Trop loin"
    )
    proposal = move_contract(
        proposal=propose_contract(worker=worker, by=coordinator), to_state="issued", by=coordinator
    )
    need = MissionFactory(buyer=school, fixed=True)
    users = {
        "worker": worker.user,
        "buyer": buyer,
        "coordinator": coordinator,
        "union_rep": member_with_role(Role.UNION_REP, territory),
        "other_coordinator": people["other_coordinator"],
        "stranger": people["stranger"],
    }
    need_fields = (
        _fields(NeedForm, "need", territory=territory)
        + _formset("skills", SkillRequirementForm)
        + _formset("slots", WeeklySpanForm)
        + _formset("windows", WeeklySpanForm)
        + _formset("excluded", ExcludedDatesForm)
    )
    endpoints = {
        "needs:edit": Endpoint("needs:edit", (need.pk,), need_fields, valid=need_form_data()),
        "needs:duplicate": Endpoint(
            "needs:duplicate", (need.pk,), need_fields, valid=need_form_data()
        ),
        "needs:request_quote": Endpoint("needs:request_quote", (need.pk,)),
        "reviews:answer": Endpoint(
            "reviews:answer",
            (review.pk,),
            _fields(ReviewAnswerForm),
            valid={"outcome": "changed", "reason": "Épinglée sur le jeudi"},
        ),
        "employment:my_contract_accept": Endpoint("employment:my_contract_accept", (proposal.pk,)),
        "employment:my_contract_decline": Endpoint(
            "employment:my_contract_decline",
            (proposal.pk,),
            ["reason"],
            valid={"reason": "Je reste indépendante"},
        ),
    }
    known_ids = [str(pk) for pk in (need.pk, review.pk, proposal.pk, assignment.pk, worker.pk)]
    return users, endpoints, known_ids


@pytest.mark.parametrize(
    "endpoint_key",
    [
        "needs:edit",
        "needs:duplicate",
        "needs:request_quote",
        "reviews:answer",
        "employment:my_contract_accept",
        "employment:my_contract_decline",
    ],
)
def test_no_input_gets_a_server_error(client, seeded, endpoint_key):
    users, endpoints, known_ids = seeded
    endpoint = endpoints[endpoint_key]
    post_as_every_role(
        client,
        url=reverse(endpoint.name, args=endpoint.args),
        users=users,
        roles=ROLES,
        strategy=data_for(endpoint, known_ids),
        examples=EXAMPLES_PER_ENDPOINT,
        method="post",
    )
