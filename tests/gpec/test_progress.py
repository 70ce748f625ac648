"""The progress messages of GPEC jobs, shown in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.gpec import engine_runs, services
from maillage.gpec.progress import STAGES, stage_label
from maillage.people.models import Role
from tests.factories import GpecJobFactory, member_with_role

LITERAL = re.compile(r'progress\(\s*[\d.]+,\s*"([^"]+)"\s*\)')


def test_every_fixed_stage_the_computations_report_has_a_label():
    reported = set()
    for module in (engine_runs, services):
        reported |= set(LITERAL.findall(Path(module.__file__).read_text()))

    assert reported == set(STAGES)


@pytest.mark.parametrize(
    ("scale", "french"),
    [("commune", "Commune"), ("epci", "EPCI"), ("departement", "Département")],
)
def test_the_diagnosis_area_counter_reads_in_french(scale, french):
    assert scale in engine_runs.SCALES
    # As engine_runs.diagnose_scales writes it.
    message = f"{scale}: {2 + 1}/{12}"

    with translation.override("fr"):
        label = stage_label(message)

    assert label == f"{french} : planification de la zone 3 sur 12"


def test_other_messages_pass_through():
    with translation.override("fr"):
        assert stage_label("Arrêté après 3 tentatives interrompues.") == (
            "Arrêté après 3 tentatives interrompues."
        )
        assert stage_label("epci: 3/12 and more") == "epci: 3/12 and more"


@pytest.mark.django_db
def test_the_job_page_shows_the_stage_in_the_readers_language(client):
    job = GpecJobFactory(running=True, what_if=True, message="with the training")
    client.force_login(member_with_role(Role.COORDINATOR, job.territory))

    french = client.get(reverse("gpec:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    with translation.override("en"):
        english = client.get(reverse("gpec:job", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert french.status_code == 200
    assert "Planification du territoire avec la formation" in french.content.decode()
    assert english.status_code == 200
    assert "Planning the territory with the training" in english.content.decode()
