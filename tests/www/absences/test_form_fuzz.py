"""Arbitrary input posted to the absences' forms, as every role, never gets a 500 (modelled
on tests/www/test_form_fuzz.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import strategies as st

from maillage.absences.services import declare_absence, request_proposal
from tests.absences.conftest import NOW, TUESDAY_24
from tests.www.test_form_fuzz import post_as_every_role

pytestmark = pytest.mark.django_db

ROLES = ("worker", "buyer_member", "coordinator", "other_buyer", "stranger")
HUGE = "é" * 70_000
scalars = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.sampled_from(["", "on", "sickness", "leave", "other", "2026-02-30", "99999999999"]),
    st.text(max_size=10).map(lambda s: s + "\x00"),
    st.just(HUGE),
)
values = st.one_of(scalars, st.lists(scalars, min_size=2, max_size=3))


@pytest.fixture
def endpoints(world, django_capture_on_commit_callbacks):
    absence = declare_absence(
        worker=world.alice,
        kind="sickness",
        first_day=TUESDAY_24,
        last_day=TUESDAY_24,
        by=world.alice.user,
        now=NOW,
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal = request_proposal(absence=absence, by=world.people["coordinator"], now=NOW)
    occurrence = world.workshop.occurrences.order_by("-starts_at").first()
    return {
        ("absences:declare", ()): ["worker", "kind", "first_day", "last_day", "note"],
        ("absences:withdraw", (absence.pk,)): [],
        ("absences:propose", (absence.pk,)): [],
        ("absences:confirm", (proposal.pk,)): ["line"],
        ("absences:cancel_occurrence", (occurrence.pk,)): ["reason"],
        ("absences:cancel_need", (world.workshop.pk,)): ["reason"],
    }


@pytest.mark.parametrize(
    "name",
    [
        "absences:declare",
        "absences:withdraw",
        "absences:propose",
        "absences:confirm",
        "absences:cancel_occurrence",
        "absences:cancel_need",
    ],
)
def test_no_input_gets_a_server_error(client, world, endpoints, name):
    (key, fields) = next((k, f) for k, f in endpoints.items() if k[0] == name)
    url = reverse(key[0], args=key[1])
    names = [*fields, "idempotency_key"]

    post_as_every_role(
        client,
        url=url,
        users=world.people,
        roles=ROLES,
        strategy=st.dictionaries(st.sampled_from(names), values, max_size=len(names)),
        examples=10,
    )
