"""The email preferences form: one box per kind that concerns the person, and a language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from maillage.notifications.kinds import Kind


def field_name(kind: str) -> str:
    return f"email_{kind}"


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of emails"), choices=settings.LANGUAGES)

    def __init__(
        self, *args: Any, kinds: Sequence[str], current: Mapping[str, bool], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        for kind in self.kinds:
            self.fields[field_name(kind)] = forms.BooleanField(
                label=Kind(kind).label, required=False, initial=current.get(kind, False)
            )

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[field_name(kind)] for kind in self.kinds]

    def choices(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(field_name(kind))) for kind in self.kinds}
