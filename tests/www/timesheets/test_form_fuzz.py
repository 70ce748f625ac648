"""Arbitrary input to every timesheet form, as every role, never gets a server error.

Modelled on tests/www/test_form_fuzz.py: Hypothesis draws dictionaries of the real field
names (and random ones) to arbitrary values, or a correct post with a few fields spoilt.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.timesheets.models import Timesheet
from maillage.timesheets.services import dispute_timesheet
from tests.factories.timesheets import declared
from tests.timesheets.conftest import FIRST_WEEK
from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = pytest.mark.django_db

ROLES = ("worker", "buyer_member", "coordinator", "other_buyer", "stranger")
EXAMPLES_PER_ENDPOINT = 12


def _lines(occurrences, valid_outcome="as_planned"):
    fields, valid = [], {}
    for occurrence in occurrences:
        for name in ("outcome", "actual_start", "actual_end", "reason"):
            fields.append(f"o{occurrence.pk}-{name}")
        valid[f"o{occurrence.pk}-outcome"] = valid_outcome
    return fields, valid


@pytest.fixture
def seeded(dated, roles):
    declared(dated.alice, FIRST_WEEK)
    disputed = Timesheet.objects.get(organisation=dated.school, week=FIRST_WEEK)
    dispute_timesheet(timesheet=disputed, by=dated.school_buyer, comment="Non")
    week_fields, week_valid = _lines(
        [dated.occurrence(m) for m in (dated.help_desk, dated.workshop, dated.late_workshop)]
    )
    school_fields, school_valid = _lines(
        [
            dated.occurrence(m, FIRST_WEEK.replace(day=10))
            for m in (dated.workshop, dated.late_workshop)
        ]
    )
    library = Timesheet.objects.get(organisation=dated.library, week=FIRST_WEEK)
    known = [str(pk) for pk in (disputed.pk, library.pk, dated.alice.pk)]
    endpoints = {
        "declare": Endpoint("timesheets:declare", fields=week_fields, valid=week_valid),
        "line_extra": Endpoint(
            "timesheets:line_extra",
            fields=["occurrence", *week_fields],
            method="get",
            valid={"occurrence": str(dated.occurrence(dated.workshop).pk)},
        ),
        "correct": Endpoint(
            "timesheets:correct",
            (disputed.pk,),
            [*school_fields, "reason"],
            valid={**school_valid, "reason": "Oubli"},
        ),
        "settle": Endpoint(
            "timesheets:settle",
            (disputed.pk,),
            [*school_fields, "reason"],
            valid={**school_valid, "reason": "Vu"},
        ),
        "validate": Endpoint(
            "timesheets:validate", (library.pk,), ["version", "comment"], valid={"version": "1"}
        ),
        "dispute": Endpoint(
            "timesheets:dispute",
            (library.pk,),
            ["version", "comment"],
            valid={"version": "1", "comment": "Non"},
        ),
        "to_validate": Endpoint("timesheets:to_validate", fields=["state", "page"], method="get"),
        "declare_week": Endpoint(
            "timesheets:declare", fields=["week"], method="get", valid={"week": "2026-W47"}
        ),
    }
    return roles, endpoints, known


@pytest.mark.parametrize(
    "endpoint_key",
    [
        "declare",
        "line_extra",
        "correct",
        "settle",
        "validate",
        "dispute",
        "to_validate",
        "declare_week",
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
        method=endpoint.method,
    )
