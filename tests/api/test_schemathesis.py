"""Schemathesis against the live API: every operation of the OpenAPI document, valid and
invalid data, as a buyer, a worker and a coordinator.

Each drawn request is sent once per role, through the WSGI application (in process: the test's
database transaction is the app's), in a savepoint rolled back afterwards so that examples do
not change each other's world. Checks: no server error, the status code, content type, headers
and body the document promises, invalid data refused, and (our own check) no response that
shows another organisation's object. Path ids are drawn, half the time, from the real objects
of the world: the role's own and a foreign territory's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from maillage.execution.models import Occurrence
from maillage.invoicing.services import issue_draft
from maillage.missions.models import Mission
from maillage.timesheets.models import Timesheet
from tests.factories import (
    MissionFactory,
    OrganisationFactory,
    TerritoryFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)
from tests.factories.invoicing import ISSUE_DAY, draft_for
from tests.factories.timesheets import declared
from tests.factories.tokens import token_for
from tests.scenarios import publish_plan
from tests.timesheets.conftest import FIRST_WEEK, dated  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

#: Examples drawn per operation and generation mode (each sent as every role): about a minute
#: for the whole document on SQLite.
EXAMPLES = 6
#: Text that only the foreign territory's objects carry: no answer may contain it.
MARK = "Zzforeignzz"
ROLES = ("buyer", "worker", "coordinator")
HEADER = ParameterLocation.HEADER


@dataclass
class World:
    headers: dict[str, dict[str, str]]
    own: dict[str, list[int]] = field(default_factory=dict)  # by URL prefix
    foreign: dict[str, set[int]] = field(default_factory=dict)
    slugs: list[str] = field(default_factory=list)


def _prefix(path: str) -> str:
    """'/api/v1/needs/{pk}/cancel/' -> 'needs'."""
    return path.removeprefix("/api/v1/").split("/")[0]


@pytest.fixture
def world(dated, django_capture_on_commit_callbacks):  # noqa: F811
    declared(dated.alice, FIRST_WEEK)
    priced = MissionFactory(buyer=dated.school, priced=True, title="Atelier chiffré")
    invoice = issue_draft(draft=draft_for(dated.school), by=dated.coordinator, today=ISSUE_DAY)
    # Another territory, whose objects nobody of ours may see.
    elsewhere = TerritoryFactory(name=f"{MARK} territory")
    foreign_org = OrganisationFactory(territory=elsewhere, name=f"{MARK} school")
    foreign_buyer = buyer_member(foreign_org)
    member_with_role("coordinator", elsewhere)
    foreign_need = MissionFactory(buyer=foreign_org, priced=True, title=f"{MARK} need")
    foreign_worker = WorkerProfileFactory(
        territory=elsewhere, with_membership=True, with_skill=True, user__first_name=MARK
    )
    foreign_plan = publish_plan(elsewhere, foreign_worker, [120])
    Mission.objects.filter(territory=elsewhere).update(title=f"{MARK} need")
    foreign_invoice = issue_draft(draft=draft_for(foreign_org), by=None, today=ISSUE_DAY)
    Mission.objects.filter(territory=elsewhere).update(title=f"{MARK} need")
    users = {
        "buyer": dated.school_buyer,
        "worker": dated.alice.user,
        "coordinator": dated.coordinator,
    }
    world = World(
        headers={
            role: {"Authorization": f"Bearer {token_for(user)}"} for role, user in users.items()
        }
    )
    world.own = {
        "needs": [dated.workshop.pk, priced.pk],
        "quotes": [priced.quotes.get().pk],
        "plans": [dated.version.pk],
        "timesheets": list(
            Timesheet.objects.filter(worker=dated.alice).values_list("pk", flat=True)
        ),
        "invoices": [invoice.pk],
    }
    world.foreign = {
        "needs": set(Mission.objects.filter(territory=elsewhere).values_list("pk", flat=True)),
        "quotes": {foreign_need.quotes.get().pk},
        "plans": {foreign_plan.pk},
        "timesheets": set(),
        "invoices": {foreign_invoice.pk},
        "occurrences": set(
            Occurrence.objects.filter(mission__territory=elsewhere).values_list("pk", flat=True)
        ),
    }
    world.slugs = [dated.territory.slug, elsewhere.slug]
    assert foreign_buyer.pk
    return world


def no_foreign_object(world: World):
    """The custom check: nothing of the other territory in an answer, and a foreign id in the
    path never gets a successful answer."""

    def check(ctx, response, case):
        if response.status_code >= 300:
            return None
        pk = (case.path_parameters or {}).get("pk")
        if pk in world.foreign.get(_prefix(case.path), set()):
            raise AssertionError(f"{case.path} answered {response.status_code} for foreign {pk}")
        if (case.path_parameters or {}).get("slug") == world.slugs[1]:
            raise AssertionError(f"{case.path} answered for the foreign territory")
        if MARK.lower() in response.content.decode("utf-8", "replace").lower():
            raise AssertionError(f"{case.path} showed another organisation's object")
        return None

    return check


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _known_ids(world: World, path: str) -> list[int]:
    prefix = _prefix(path)
    return [*world.own.get(prefix, []), *sorted(world.foreign.get(prefix, set()))]


@pytest.fixture
def _connection_kept():
    """The WSGI handler closes the database connection after each request (as a server
    should); inside the test's transaction that would lose it on PostgreSQL. Django's test
    client does the same as this."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept")
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_document_and_its_borders(world, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    checks = [*CHECKS, no_foreign_object(world)]
    if mode == GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    failures = []
    for operation in operations:
        try:
            _fuzz(operation, mode, world, checks)
        except AssertionError as error:  # every operation is tried; all failures reported
            failures.append(str(error)[:3000])
    assert not failures, "\n\n".join(failures)


def _fuzz(operation, mode, world: World, checks) -> None:
    known = _known_ids(world, operation.path)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failure says enough
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), pick=st.data())
    def run(case, pick):
        parameters = case.path_parameters or {}
        positive = mode == GenerationMode.POSITIVE
        if "pk" in parameters and known and positive and pick.draw(st.booleans()):
            parameters["pk"] = pick.draw(st.sampled_from(known))
        if "slug" in parameters and mode == GenerationMode.POSITIVE:
            parameters["slug"] = pick.draw(st.sampled_from(world.slugs))
        # A header drawn invalid may be the token itself: send it as drawn (no token of ours).
        header_negated = case.meta is not None and case.meta.is_negative_at(HEADER)
        for role in ROLES:
            savepoint = transaction.savepoint()
            try:
                headers = None if header_negated else world.headers[role]
                case.call_and_validate(headers=headers, checks=checks)
            except Exception as error:
                body = json.dumps(case.body, default=str)[:500]
                raise AssertionError(f"{operation.label} as {role}: {error}\n{body}") from error
            finally:
                transaction.savepoint_rollback(savepoint)

    run()
