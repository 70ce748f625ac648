"""The register covers every field that may hold personal data, and the docs say the same."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from maillage.accounts.register import KEEP, REGISTER

DOC = Path(__file__).resolve().parents[2] / "docs" / "personal-data.md"
TEXT = (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField)


def _candidates(model: type[models.Model]) -> set[str]:
    """Free text, JSON and links to a person: where personal data can be (choices cannot)."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        f.name
        for f in model._meta.concrete_fields
        if (isinstance(f, TEXT) and not f.choices) or (f.is_relation and f.related_model is user)
    }


def test_every_field_that_may_hold_personal_data_is_classified():
    """An app adding a text, JSON or user field must say in accounts/register.py what it
    holds and what erasure does to it (and write it in docs/personal-data.md)."""
    missing = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        candidates = _candidates(model)
        entry = REGISTER.get(model._meta.label)
        unclassified = candidates - (entry.classified() if entry else set())
        if unclassified:
            missing[model._meta.label] = sorted(unclassified)
    assert missing == {}


def test_the_register_names_only_fields_that_exist():
    wrong = {}
    for label, entry in REGISTER.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        names = {f.name for f in model._meta.get_fields()}
        if unknown := entry.classified() - names:
            wrong[label] = sorted(unknown)
    assert wrong == {}


def test_kept_records_say_why():
    assert [label for label, e in REGISTER.items() if e.erase == KEEP and not e.kept_because] == []


def test_the_written_register_lists_every_model_with_personal_data():
    text = DOC.read_text()
    listed = [
        label for label, e in REGISTER.items() if e.personal or e.kept or e.subject or e.scrub
    ]
    assert [label for label in listed if f"`{label}`" not in text] == []
