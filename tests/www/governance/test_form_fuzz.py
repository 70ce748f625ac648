"""No input to the steering's and the audit log's forms gets a server error."""

import pytest
from django.urls import reverse

from maillage.governance import services
from tests.factories import governance as gov
from tests.www.test_form_fuzz import Endpoint, data_for, post_as_every_role

pytestmark = pytest.mark.django_db

EXAMPLES = 10


@pytest.fixture
def endpoints(steering):
    t = steering.territory
    coordinator = steering.users["coordinator"]
    draft = gov.proposal(t, by=coordinator)
    discussed = gov.proposal(t, by=coordinator, title="Under discussion")
    services.start_discussion(proposal=discussed, by=coordinator)
    voting = gov.voting(t, by=coordinator)
    proposal_fields = [
        "kind",
        "title",
        "text",
        "starts_on",
        "fee_percent",
        "union_opinion_due",
        "weight_workers",
        "weight_buyers",
        "weight_unions",
        "weight_third_places",
        "weight_local_authorities",
        "weight_training_bodies",
        "weight_founders",
    ]
    return {
        "proposal_new": Endpoint(
            "governance:proposal_new",
            (t.pk,),
            proposal_fields,
            valid={
                "kind": "fee",
                "title": "Fee",
                "text": "Lower it",
                "starts_on": "2027-01-01",
                "fee_percent": "7",
            },
        ),
        "open_vote": Endpoint(
            "governance:proposal_open_vote",
            (discussed.pk,),
            ["closes_at"],
            valid={"closes_at": "2030-01-01T10:00"},
        ),
        "opinion": Endpoint(
            "governance:proposal_opinion",
            (draft.pk,),
            ["position", "text"],
            valid={"position": "favourable", "text": "Yes"},
        ),
        "vote": Endpoint(
            "governance:proposal_vote", (voting.pk,), ["choice"], valid={"choice": "for"}
        ),
        "withdraw": Endpoint("governance:proposal_withdraw", (draft.pk,), ["reason"], valid={}),
        "discuss": Endpoint("governance:proposal_discuss", (draft.pk,), [], valid={}),
        "close": Endpoint("governance:proposal_close", (voting.pk,), [], valid={}),
        "members": Endpoint(
            "governance:members",
            (t.pk,),
            ["email", "college"],
            valid={"email": steering.users["stranger"].email, "college": "buyers"},
        ),
        "audit": Endpoint(
            "audit:log",
            (),
            ["since", "until", "actor", "action", "territory"],
            valid={"since": "2026-01-01"},
            method="get",
        ),
        "audit_export": Endpoint(
            "audit:export",
            (),
            ["since", "until", "actor", "action", "territory"],
            valid={"actor": "a"},
            method="get",
        ),
    }


@pytest.mark.parametrize(
    "key",
    [
        "proposal_new",
        "open_vote",
        "opinion",
        "vote",
        "withdraw",
        "discuss",
        "close",
        "members",
        "audit",
        "audit_export",
    ],
)
def test_no_input_gets_a_server_error(client, steering, endpoints, key):
    endpoint = endpoints[key]
    post_as_every_role(
        client,
        url=reverse(endpoint.name, args=endpoint.args),
        users=steering.users,
        roles=sorted(steering.users),
        strategy=data_for(endpoint, [str(steering.territory.pk), "1", "0"]),
        examples=EXAMPLES,
        method=endpoint.method,
    )
