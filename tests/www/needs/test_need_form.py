import pytest
from django.urls import reverse

from maillage.missions.models import Mission
from maillage.skills.models import Skill
from tests.factories import BORDEAUX, OrganisationFactory, buyer_member, commune
from tests.scenarios import upcoming_term

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form_data(**changes) -> dict:
    """A correct need on the term after the pages' today (a past period is refused)."""
    term = upcoming_term()
    data = {
        "need-title": "Atelier numérique du mardi",
        "need-kind": "after_school_workshop",
        "need-description": "",
        "need-place_kind": "address",
        "need-address": "3 rue Paul Bert",
        "need-commune": str(commune(BORDEAUX).pk),
        "need-period_start": term.start.isoformat(),
        "need-period_end": term.end.isoformat(),
        "need-schedule_kind": "fixed",
        "skills-0-skill": str(Skill.objects.get(code="workshop-children").pk),
        "skills-0-min_level": "3",
        "slots-0-weekday": "1",
        "slots-0-start": "15:00",
        "slots-0-end": "16:30",
        "excluded-0-label": "Armistice",
        "excluded-0-start": term.excluded.isoformat(),
        "excluded-0-end": term.excluded.isoformat(),
        **management("skills", 1),
        **management("slots", 1),
        **management("windows", 0),
        **management("excluded", 1),
    }
    data.update(changes)
    return data


@pytest.fixture
def buyer_client(client):
    school = OrganisationFactory()
    client.force_login(buyer_member(school))
    client.school = school
    return client


def test_a_buyer_creates_a_need_through_the_form(buyer_client):
    response = buyer_client.post(reverse("needs:create"), form_data())
    mission = Mission.objects.get()
    assert response["Location"] == reverse("needs:detail", args=[mission.pk])
    assert (mission.buyer, mission.state, mission.weekly_minutes()) == (
        buyer_client.school,
        "draft",
        90,
    )
    term = upcoming_term()
    assert (mission.period_start, mission.period_end) == (term.start, term.end)
    excluded = mission.excluded_periods.get()
    assert (excluded.label, excluded.start, excluded.end) == (
        "Armistice",
        term.excluded,
        term.excluded,
    )


def test_the_form_shows_field_errors_in_french_and_saves_nothing(buyer_client):
    response = buyer_client.post(
        "/fr/needs/new/",
        form_data(**{"need-title": "", "need-period_end": "2026-10-01", "slots-0-end": "14:00"}),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["title"] == ["Ce champ est obligatoire."]
    assert form.errors["period_end"] == ["Le dernier jour ne peut pas précéder le premier jour."]
    slot_errors = response.context["slots_formset"].forms[0].errors
    assert slot_errors["end"] == ["La fin doit suivre le début."]
    assert Mission.objects.count() == 0


def test_the_form_shows_field_errors_in_english(buyer_client):
    response = buyer_client.post(
        "/en/needs/new/", form_data(**{"need-title": "", "need-period_end": "2026-10-01"})
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["title"] == ["This field is required."]
    assert form.errors["period_end"] == ["The last day cannot come before the first day."]
    assert Mission.objects.count() == 0


def test_a_service_error_lands_on_its_section(buyer_client):
    response = buyer_client.post(
        "/en/needs/new/", form_data(**{"skills-0-skill": "", "skills-0-min_level": ""})
    )
    assert response.status_code == 400
    assert response.context["section_errors"] == {
        "skills": ["Say which skill the mission needs (at least one)."]
    }
    assert "Say which skill the mission needs" in response.content.decode()
    assert Mission.objects.count() == 0


def test_a_buyer_cannot_create_a_need_for_another_organisation(buyer_client):
    other = OrganisationFactory()
    response = buyer_client.post(reverse("needs:create"), form_data(buyer=str(other.pk)))
    assert response.status_code == 403
    assert Mission.objects.count() == 0
