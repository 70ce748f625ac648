"""Arbitrary input to every wages form, as every role, never gets a server error.

Modelled on tests/www/test_form_fuzz.py: Hypothesis draws dictionaries of the real field
names (and random ones) to arbitrary values, or a correct post with a few fields spoilt.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = pytest.mark.django_db

ROLES = ("coordinator", "union_rep", "buyer_member", "other_coordinator", "stranger")
EXAMPLES_PER_ENDPOINT = 10


@pytest.fixture
def seeded(exported):
    world = exported
    endpoints = {
        "run": Endpoint(
            "wages:run_export",
            fields=["territory", "month"],
            valid={"territory": str(world.territory.pk), "month": "2026-10"},
        ),
        "employ": Endpoint(
            "wages:employ",
            fields=["group", "worker", "first_month", "fee_percent"],
            valid={
                "group": str(world.group.pk),
                "worker": str(world.bruno.pk),
                "first_month": "2026-12",
                "fee_percent": "5",
            },
        ),
        "end": Endpoint(
            "wages:end_employment",
            (world.employment.pk,),
            ["last_month"],
            valid={"last_month": "2027-01"},
        ),
        "dashboard": Endpoint(
            "wages:dashboard",
            fields=["territory", "month"],
            method="get",
            valid={"territory": world.territory.slug, "month": "2026-11"},
        ),
        "home": Endpoint(
            "wages:home", fields=["exports", "statements", "employments"], method="get"
        ),
    }
    known = [str(pk) for pk in (world.territory.pk, world.group.pk, world.alice.pk)]
    return world.users, endpoints, known


@pytest.mark.parametrize("endpoint_key", ["run", "employ", "end", "dashboard", "home"])
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
