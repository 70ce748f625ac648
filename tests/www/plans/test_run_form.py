"""A refused run form comes back beside its fields, with what the coordinator typed."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from maillage.consolidation.models import ConsolidationRun
from maillage.people.models import Membership, Role
from tests.factories import TerritoryFactory, member_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    """A coordinator of two territories: the refused form belongs to one of them only."""
    first, second = TerritoryFactory(), TerritoryFactory()
    user = member_with_role(Role.COORDINATOR, first)
    Membership.objects.create(user=user, role=Role.COORDINATOR, territory=second)
    user.territories_list = [first, second]
    return user


def post_run(client, user, territory, start, end, *, seconds="20", language="en"):
    """The run form of ``territory`` sent with these dates, by the engine."""
    client.force_login(user)
    prefix = f"t{territory.pk}"
    values = {"period_start": start, "period_end": end, "method": "engine"}
    values["time_limit_seconds"] = seconds
    with override(language):
        url = reverse("plans:run", args=[territory.pk])
    return client.post(url, {f"{prefix}-{name}": value for name, value in values.items()})


def sent_back(response, territory):
    """The form the page shows for ``territory``."""
    (section,) = [s for s in response.context["sections"] if s["territory"] == territory]
    return section["form"]


def test_a_reversed_period_is_shown_at_the_last_day_with_both_dates_kept(client, coordinator):
    first, second = coordinator.territories_list
    response = post_run(client, coordinator, first, "2027-03-01", "2027-02-01", seconds="45")

    assert response.status_code == 200
    form = sent_back(response, first)
    assert form.errors == {"period_end": ["The last day cannot come before the first day."]}
    page = response.content.decode()
    field_id = f"id_t{first.pk}-period_end"
    assert f'aria-describedby="{field_id}_error"' in page
    assert f'id="{field_id}_error"' in page
    assert 'value="2027-03-01"' in page and 'value="2027-02-01"' in page
    assert 'value="45"' in page
    assert not sent_back(response, second).is_bound  # the other territory's form is fresh
    assert not ConsolidationRun.objects.exists()


def test_the_services_refusal_is_shown_at_its_field_in_french(client, coordinator):
    first, _ = coordinator.territories_list
    response = post_run(client, coordinator, first, "2027-01-04", "2028-06-30", language="fr")

    assert response.status_code == 200
    assert sent_back(response, first).errors == {
        "period_end": ["Un plan couvre au plus une année (366 jours)."]
    }
    page = response.content.decode()
    assert 'value="2028-06-30"' in page
    assert not ConsolidationRun.objects.exists()


def test_markup_typed_in_a_field_comes_back_as_text(client, coordinator):
    first, _ = coordinator.territories_list
    typed = '"><script>alert(1)</script>'

    response = post_run(client, coordinator, first, typed, "2027-02-01")

    assert response.status_code == 200
    assert sent_back(response, first).errors == {"period_start": ["Enter a valid date."]}
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
