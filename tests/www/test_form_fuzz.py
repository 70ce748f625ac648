"""Arbitrary input posted to every form of the platform, as every role, never gets a 500.

For each endpoint that takes a form (a URL name with arguments from a small seeded
territory) and each role, Hypothesis draws dictionaries of field names (the real form's
names plus random ones) to arbitrary text, integers, dates, huge strings and NUL bytes, and
posts them; half the examples start from a correct post and spoil a few of its fields, so
that the input gets past the first checks down to the services and the database.

The test client raises on a server error, so an error fails the test with its traceback.
Each example runs in a savepoint rolled back afterwards: examples do not leak.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.consolidation.models import PairRule
from maillage.employment.services import propose_contract
from maillage.people.models import Role
from maillage.pricing.services import issue_quote, terms_of
from maillage.skills.services import claim_skill
from maillage.www.employment.forms import ComparisonForm
from maillage.www.gpec.forms import HouseholdForm
from maillage.www.needs.forms import (
    ExcludedDatesForm,
    NeedForm,
    SkillRequirementForm,
    WeeklySpanForm,
)
from maillage.www.plans.forms import PairRuleForm, ResponseForm, RunForm
from maillage.www.pricing.forms import CharterForm
from maillage.www.workers.forms import AvailabilityForm, WorkerProfileForm
from tests.factories import (
    AvailabilityFactory,
    MissionFactory,
    PlanAssignmentFactory,
    member_with_role,
    skill,
)
from tests.scenarios import upcoming_term
from tests.www.needs.test_need_form import form_data as need_form_data

pytestmark = pytest.mark.django_db

ROLES = ("worker", "buyer", "coordinator", "union_rep", "stranger")
EXAMPLES_PER_ENDPOINT = 15  # each example is posted once per role


@dataclass
class Endpoint:
    """A form's URL (name and arguments from the seeded world) and its field names."""

    name: str
    args: tuple = ()
    fields: list[str] = field(default_factory=list)
    method: str = "post"
    valid: dict = field(default_factory=dict)  # a correct post, that examples then spoil


def _formset(prefix: str, form_class, rows: int = 2) -> list[str]:
    management = [f"{prefix}-{name}" for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MAX_NUM_FORMS")]
    return management + [
        f"{prefix}-{i}-{name}" for i in range(rows) for name in form_class.base_fields
    ]


def _fields(form_class, prefix: str = "", **form_kwargs) -> list[str]:
    names = list(form_class(**form_kwargs).fields) if form_kwargs else list(form_class.base_fields)
    return [f"{prefix}-{name}" if prefix else name for name in names]


@pytest.fixture
def seeded(territory, coordinator, charter, school, buyer, worker, people, publish_plan):
    """A need with a quote, a published plan with an assignment and a pin, a contract
    proposal, an availability window: something for every form to act on."""
    version = publish_plan(territory, worker, [24 * 60])
    need = MissionFactory(buyer=school, fixed=True)
    quote = issue_quote(mission=need, by=coordinator)
    assignment = PlanAssignmentFactory(version=version, worker=worker)
    rule = PairRule.objects.create(
        mission=assignment.mission, worker=worker, kind="forbid", created_by=coordinator
    )
    proposal = propose_contract(worker=worker, by=coordinator)
    window = AvailabilityFactory(worker=worker, weekday=4, start_minute=600, end_minute=660)
    pending = claim_skill(
        worker=worker, skill=skill("video"), level=7, by=worker.user, on=dt.date(2026, 10, 1)
    )
    users = {
        "worker": worker.user,
        "buyer": buyer,
        "coordinator": coordinator,
        "union_rep": member_with_role(Role.UNION_REP, territory),
        "stranger": people["stranger"],
    }
    need_fields = (
        _fields(NeedForm, "need", territory=territory)
        + _formset("skills", SkillRequirementForm)
        + _formset("slots", WeeklySpanForm)
        + _formset("windows", WeeklySpanForm)
        + _formset("excluded", ExcludedDatesForm)
        + ["buyer"]
    )
    charter_post = {
        name: str(value).lower() if isinstance(value, bool) else str(value)
        for name, value in CharterForm.initial_from(terms_of(charter)).items()
    }
    charter_post["starts_on"] = upcoming_term().start.isoformat()  # not before the real today
    run = f"t{territory.pk}"
    answer = f"a{assignment.pk}"
    endpoints = {
        "needs:create": Endpoint("needs:create", fields=need_fields, valid=need_form_data()),
        "pricing:charter_new": Endpoint(
            "pricing:charter_new", (territory.pk,), _fields(CharterForm), valid=charter_post
        ),
        "pricing:quote_new": Endpoint(
            "pricing:quote_new", (need.pk,), ["hourly_gross"], valid={"hourly_gross": "14.50"}
        ),
        "pricing:quote_accept": Endpoint("pricing:quote_accept", (quote.pk,)),
        "pricing:quote_refuse": Endpoint(
            "pricing:quote_refuse", (quote.pk,), ["reason"], valid={"reason": "Trop cher"}
        ),
        "employment:comparison": Endpoint(
            "employment:comparison",
            fields=_fields(ComparisonForm),
            method="get",
            valid={"hours_per_week": "24", "hourly_budget": "30", "activity": "bnc"},
        ),
        "employment:contract_propose": Endpoint("employment:contract_propose", (worker.pk,)),
        "employment:contract_move": Endpoint(
            "employment:contract_move",
            (proposal.pk,),
            ["to_state", "reason"],
            valid={"to_state": "issued", "reason": "Signé en mairie"},
        ),
        "plans:run": Endpoint(
            "plans:run",
            (territory.pk,),
            _fields(RunForm, run),
            valid={
                f"{run}-period_start": "2026-11-02",
                f"{run}-period_end": "2026-12-18",
                f"{run}-method": "baseline",
                f"{run}-time_limit_seconds": "1",
            },
        ),
        "plans:publish": Endpoint("plans:publish", (version.pk,)),
        "plans:pair_rule": Endpoint(
            "plans:pair_rule",
            (version.pk,),
            _fields(PairRuleForm),
            valid={
                "mission": str(assignment.mission.pk),
                "worker": str(worker.pk),
                "kind": "pin",
                "reason": "Connaît l'école",
            },
        ),
        "plans:pair_rule_remove": Endpoint("plans:pair_rule_remove", (version.pk, rule.pk)),
        "plans:worker_respond": Endpoint(
            "plans:worker_respond",
            (assignment.pk,),
            _fields(ResponseForm, answer),
            valid={f"{answer}-decision": "refused", f"{answer}-reason": "Trop loin"},
        ),
        "gpec:me": Endpoint(
            "gpec:me",
            fields=_fields(HouseholdForm),
            valid={
                "kind": "couple",
                "children": "2",
                "birth_year": "1990",
                "monthly_gross_earnings": "1200",
                "partner_monthly_gross_earnings": "1500",
                "consent": "on",
            },
        ),
        **{
            f"gpec:start_job:{kind}": Endpoint(
                "gpec:start_job",
                (territory.slug, kind),
                ["worker_id", "skill", "level"],
                valid={"worker_id": str(worker.pk), "skill": "web-upkeep", "level": "3"},
            )
            for kind in ("diagnosis", "what_if", "public_costs", "unknown")
        },
        "workers:home": Endpoint(
            "workers:home",
            fields=_fields(WorkerProfileForm, instance=worker),
            valid={
                "home_commune": str(worker.home_commune_id),
                "travel_mode": "car",
                "max_km": "20",
                "status": "job_seeker",
                "bio": "Animatrice",
                "wished_hours": "24",
                "max_hours": "30",
            },
        ),
        "workers:add_availability": Endpoint(
            "workers:add_availability",
            fields=_fields(AvailabilityForm),
            valid={"weekday": "2", "start": "09:00", "end": "12:00"},
        ),
        "workers:remove_availability": Endpoint("workers:remove_availability", (window.pk,)),
        "workers:claim_skill": Endpoint(
            "workers:claim_skill",
            fields=["skill", "level"],
            valid={"skill": str(skill("web-upkeep").pk), "level": "6"},
        ),
        "coordinator:confirm_level": Endpoint("coordinator:confirm_level", (pending.pk,)),
        "home:login": Endpoint(
            "home:login",
            fields=["username", "password"],
            valid={"username": worker.user.email, "password": "wrong"},
        ),
    }
    known_ids = [str(pk) for pk in (need.pk, worker.pk, quote.pk, version.pk, assignment.pk)]
    return users, endpoints, known_ids


ENDPOINTS = [
    "needs:create",
    "pricing:charter_new",
    "pricing:quote_new",
    "pricing:quote_accept",
    "pricing:quote_refuse",
    "employment:comparison",
    "employment:contract_propose",
    "employment:contract_move",
    "plans:run",
    "plans:publish",
    "plans:pair_rule",
    "plans:pair_rule_remove",
    "plans:worker_respond",
    "gpec:me",
    "gpec:start_job:diagnosis",
    "gpec:start_job:what_if",
    "gpec:start_job:public_costs",
    "gpec:start_job:unknown",
    "workers:home",
    "workers:add_availability",
    "workers:remove_availability",
    "workers:claim_skill",
    "coordinator:confirm_level",
    "home:login",
]

HUGE = "é" * 70_000  # past any column and any form limit

scalars = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers(min_value=-5, max_value=60).map(str),  # near the bounds of counts and hours
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.sampled_from(
        ["", "on", "0", "-1", "1e400", "NaN", "inf", "24:00", "2026-02-30", "99999999999"]
    ),
    st.sampled_from(["engine", "baseline", "draft", "issued", "signed", "refused", "review"]),
    st.text(max_size=10).map(lambda s: s + "\x00"),
    st.just(HUGE),
)
values = st.one_of(scalars, st.lists(scalars, min_size=2, max_size=3))


def data_for(endpoint: Endpoint, known_ids: list[str]):
    """Arbitrary dictionaries, or the correct post with a few fields spoilt."""
    names = [*endpoint.fields, "idempotency_key"]
    keys = st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=15))
    anything = st.one_of(values, st.sampled_from(known_ids))
    arbitrary = st.dictionaries(keys, anything, max_size=len(names) + 3)
    spoilt = st.dictionaries(st.sampled_from(names), anything, min_size=1, max_size=3).map(
        lambda changes: {**endpoint.valid, **changes}
    )
    return st.one_of(arbitrary, spoilt)


def post_as_every_role(
    client,
    *,
    url: str,
    users: Mapping[str, object],
    roles: Iterable[str],
    strategy: st.SearchStrategy,
    examples: int,
    method: str = "post",
) -> None:
    """Send each drawn input as each role; every answer is below 500, and nothing it wrote
    outlives its example (a savepoint rolled back after each request)."""
    roles = tuple(roles)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=strategy)
    def posting(data):
        for role in roles:
            client.force_login(users[role])
            savepoint = transaction.savepoint()
            try:
                response = getattr(client, method)(url, data)
            finally:
                transaction.savepoint_rollback(savepoint)
            assert response.status_code < 500, (role, data)

    posting()


@pytest.mark.parametrize("endpoint_key", ENDPOINTS)
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
