"""The need form shows the domain's limits at the right field, in French and English."""

import datetime as dt

import pytest
from django.utils import timezone

from maillage.missions.models import Mission
from maillage.skills.models import Skill
from tests.factories import OrganisationFactory, buyer_member
from tests.www.needs.test_need_form import form_data, management

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 10, 1))


@pytest.fixture
def buyer_client(client):
    client.force_login(buyer_member(OrganisationFactory()))
    return client


def flexible(**changes) -> dict:
    data = form_data(
        **{
            "need-kind": "digital_help_desk",
            "need-schedule_kind": "flexible",
            "need-place_kind": "remote",
            "need-flexible_weekly_hours": "40",
            "need-flexible_min_block_hours": "2",
            "skills-0-skill": str(Skill.objects.get(code="digital-mediation").pk),
            "slots-0-weekday": "",
            "slots-0-start": "",
            "slots-0-end": "",
            **management("windows", 5),
        }
    )
    for day in range(5):
        data.update(
            {
                f"windows-{day}-weekday": str(day),
                f"windows-{day}-start": "08:00",
                f"windows-{day}-end": "18:00",
            }
        )
    data.update(changes)
    return data


def test_a_flexible_volume_error_is_shown_at_the_hours_field(buyer_client):
    response = buyer_client.post("/en/needs/new/", flexible())
    assert response.status_code == 400
    assert response.context["form"].errors["flexible_weekly_hours"] == [
        "A need is at most 35 hours a week."
    ]
    assert "A need is at most 35 hours a week." in response.content.decode()
    assert Mission.objects.count() == 0


def test_a_century_long_need_is_refused_at_the_last_day(buyer_client):
    response = buyer_client.post("/en/needs/new/", form_data(**{"need-period_end": "2126-12-18"}))
    assert response.status_code == 400
    assert response.context["form"].errors["period_end"] == ["A need covers at most 366 days."]
    assert Mission.objects.count() == 0


def test_a_sunday_night_workshop_is_refused_in_its_section(buyer_client):
    response = buyer_client.post(
        "/en/needs/new/",
        form_data(**{"slots-0-weekday": "6", "slots-0-start": "02:00", "slots-0-end": "06:00"}),
    )
    assert response.status_code == 400
    assert response.context["section_errors"] == {
        "slots": [
            "Work is done between 06:00 and 23:00.",
            "A children's workshop takes place from Monday to Saturday.",
            "A children's workshop takes place between 07:00 and 21:00.",
        ]
    }
    assert Mission.objects.count() == 0


def test_a_description_longer_than_the_limit_is_refused_at_its_field(buyer_client):
    response = buyer_client.post("/en/needs/new/", form_data(**{"need-description": "é" * 2001}))
    assert response.status_code == 400
    assert response.context["form"].errors["description"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
    assert Mission.objects.count() == 0
