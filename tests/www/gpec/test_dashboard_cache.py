"""The GPEC aggregates are built once per published plan, language and audience."""

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.people.models import Role
from maillage.www.gpec import dashboard
from tests import scenarios
from tests.factories import member_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Counts the dashboard builds, the expensive part that the cache saves."""
    made = []
    real = dashboard.build_dashboard

    def counting(**kwargs):
        made.append((kwargs["territory"].pk, kwargs["audience"]))
        return real(**kwargs)

    monkeypatch.setattr(dashboard, "build_dashboard", counting)
    return made


def get(client, territory, language="fr"):
    with translation.override(language):
        url = reverse("gpec:dashboard", args=[territory.slug])
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_visit_reuses_the_aggregates(client, planned, builds):
    client.force_login(planned.coordinator)

    first = get(client, planned)
    second = get(client, planned)

    assert builds == [(planned.pk, "coordinator")]
    # Same tables (the pages differ only by their masked CSRF token).
    assert [t.rows for t in second.context["board"].tables.values()] == [
        t.rows for t in first.context["board"].tables.values()
    ]


def test_language_and_audience_have_their_own_entries(client, planned, builds):
    client.force_login(planned.coordinator)
    get(client, planned)
    get(client, planned, language="en")
    client.force_login(member_with_role(Role.UNION_REP, planned))
    get(client, planned)

    assert builds == [
        (planned.pk, "coordinator"),
        (planned.pk, "coordinator"),
        (planned.pk, "aggregate"),
    ]


def test_a_new_published_plan_is_a_new_entry(
    client, planned, builds, django_capture_on_commit_callbacks
):
    client.force_login(planned.coordinator)
    get(client, planned)

    scenarios.plan(planned, django_capture_on_commit_callbacks)
    get(client, planned)

    assert builds == [(planned.pk, "coordinator"), (planned.pk, "coordinator")]
