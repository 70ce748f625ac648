"""Forms of the credentials pages: evaluate, validate, attach, certify, revoke, verify."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from maillage.credentials.evidence import COMMENT_MAX_LENGTH, RUBRIC
from maillage.credentials.services import JUSTIFICATION_MAX_LENGTH
from maillage.skills.models import MAX_LEVEL, MIN_LEVEL, SkillTrustPolicy

LEVELS = [(level, f"{level} — {RUBRIC[level]}") for level in range(MIN_LEVEL, MAX_LEVEL + 1)]
#: A pasted credential is a few kilobytes; anything far bigger is not one.
CREDENTIAL_MAX_CHARS = 100_000


class LevelField(forms.TypedChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(choices=LEVELS, coerce=int, **kwargs)


class EvaluationForm(forms.Form):
    skill = forms.ChoiceField(label=_("Skill"))
    level = LevelField(label=_("Level shown in the work"))
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args, skills=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["skill"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.code, s.name) for s in skills]


class PeerForm(forms.Form):
    level = LevelField(label=_("Level I saw"))
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea
    )


class CertificateForm(forms.Form):
    worker_skill = forms.TypedChoiceField(label=_("Skill"), coerce=int)
    level = LevelField(label=_("Level the certificate shows"))
    detail = forms.CharField(
        label=_("Certificate"), max_length=300, help_text=_("E.g. Pix certification, 512 pins.")
    )
    document = forms.FileField(
        label=_("File (PDF, PNG or JPEG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, worker_skills=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker_skill"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(held.pk, held.skill.name) for held in worker_skills]


class AwardForm(forms.Form):
    level = LevelField(label=_("Level awarded"))
    justification = forms.CharField(
        label=_("Justification"), max_length=JUSTIFICATION_MAX_LENGTH, widget=forms.Textarea
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Credential (the JSON file's content or the vc+jwt)"),
        required=False,
        max_length=CREDENTIAL_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(label=_("or its file"), required=False)

    def clean(self):
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > CREDENTIAL_MAX_CHARS:
                raise ValidationError(_("This file is too big to be a credential."))
            try:
                data["credential"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValidationError(_("This file is not a credential.")) from error
        if not data.get("credential"):
            raise ValidationError(_("Paste a credential or choose its file."))
        return data


class TrustForm(forms.Form):
    skill = forms.SlugField(max_length=40)
    trust = forms.ChoiceField(choices=SkillTrustPolicy.Trust.choices)
