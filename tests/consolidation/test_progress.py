"""The engine's progress messages, shown in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.consolidation.engine import EngineInput
from maillage.consolidation.engine import solver as solver_module
from maillage.consolidation.models import ConsolidationRun, RunStatus
from maillage.consolidation.progress import STAGES, stage_label
from maillage.people.models import Role
from tests.consolidation.engine.test_engine_threshold_master import four_needs
from tests.factories import TerritoryFactory, member_with_role
from tests.scenarios import upcoming_term

SOLVER = Path(solver_module.__file__)


def test_every_stage_the_engine_reports_has_a_label():
    reported = set(re.findall(r'report\(\s*[\d.]+,\s*"([^"]+)"\s*\)', SOLVER.read_text()))

    assert len(reported) >= 14
    assert reported <= set(STAGES)


@pytest.mark.parametrize("whole", [True, False], ids=["whole-model", "lns"])
def test_what_a_run_reports_reads_in_french(monkeypatch, whole):
    if not whole:
        monkeypatch.setattr(solver_module, "SMALL_MODEL_CHOICES", 0)
    messages: list[str] = []

    solver_module.solve(
        EngineInput.from_dict(four_needs()),
        time_limit_s=4.0,
        seed=1,
        num_workers=1,
        progress=lambda fraction, message: messages.append(message),
    )

    with translation.override("fr"):
        untranslated = [m for m in messages if stage_label(m) == m]
    assert messages[0] == "indexing the instance"
    assert untranslated == []
    if not whole:
        assert any(m.startswith("LNS iteration") for m in messages)


def test_the_labels_are_translated_and_other_messages_pass_through():
    with translation.override("fr"):
        assert stage_label("validating") == "Vérification du plan"
        assert stage_label("LNS iteration 12, 3 improvements") == (
            "Replanification de quelques artisans numériques à la fois : 12 essais, 3 retenus"
        )
        assert stage_label("LNS iteration 12, 3 improvements and more") == (
            "LNS iteration 12, 3 improvements and more"
        )
        assert stage_label("Construction de l'instance") == "Construction de l'instance"
    with translation.override("en"):
        assert stage_label("validating") == "Checking the plan"


@pytest.mark.django_db
def test_the_run_page_shows_the_stage_in_the_coordinators_language(client):
    territory = TerritoryFactory()
    running = ConsolidationRun.objects.create(
        territory=territory,
        period_start=upcoming_term().start,
        period_end=upcoming_term().end,
        method="engine",
        status=RunStatus.RUNNING,
        message="km polish with the higher levels fixed",
    )
    client.force_login(member_with_role(Role.COORDINATOR, territory))

    french = client.get(reverse("plans:run_detail", args=[running.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(
        "/en" + reverse("plans:run_detail", args=[running.pk])[3:], HTTP_ACCEPT_LANGUAGE="en"
    )

    assert french.status_code == 200
    assert "Raccourcissement des trajets, couverture et personnes à 24 h maintenues" in (
        french.content.decode()
    )
    assert "km polish with the higher levels fixed" not in french.content.decode()
    assert english.status_code == 200
    assert "Shortening the routes, coverage and people at 24 h held" in english.content.decode()
