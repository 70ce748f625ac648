"""Forms of the onboarding pages (bounded fields: decision 0021)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.people.models import Organisation, OrganisationKind, Role
from maillage.people.siret import validate_siret
from maillage.territory.geo import TravelMode
from maillage.territory.models import Commune, Territory

BUYER_KINDS = [
    (k.value, k.label)
    for k in OrganisationKind
    if k not in {OrganisationKind.CARRIER, OrganisationKind.UNION, OrganisationKind.TRAINING_BODY}
]


class CommuneField(forms.CharField):
    """A commune by its INSEE code (5 characters)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", _("Its INSEE code, e.g. 33281 for Mérignac."))
        super().__init__(**kwargs)

    def clean(self, value):
        code = super().clean(value)
        commune = Commune.objects.filter(insee_code=code).first()
        if commune is None:
            raise forms.ValidationError(_("No commune has this INSEE code."))
        return commune


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=14,
        min_length=14,
        validators=[validate_siret],
        help_text=_("14 digits, without spaces."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BUYER_KINDS)
    is_public_buyer = forms.BooleanField(
        label=_("Public buyer (receives e-invoices through Chorus Pro)"), required=False
    )
    address = forms.CharField(label=_("Billing address"), max_length=300)
    commune = CommuneField(label=_("Commune"))
    email = forms.EmailField(label=_("Billing email"), max_length=254, required=False)

    def clean_siret(self) -> str:
        siret = self.cleaned_data["siret"]
        if Organisation.objects.filter(siret=siret).exists():
            raise forms.ValidationError(_("An organisation with this SIRET already exists."))
        return siret


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ChoiceField(label=_("Where"))

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], roles: list[Any], **kw: Any):
        super().__init__(*args, **kw)
        cast(forms.ChoiceField, self.fields["scope"]).choices = scopes
        cast(forms.ChoiceField, self.fields["role"]).choices = roles


def scope_choices(organisations, territories) -> list[tuple[str, str]]:
    return [(f"o{o.pk}", str(o)) for o in organisations] + [
        (f"t{t.pk}", str(t)) for t in territories
    ]


INVITABLE_ROLES = [
    (r.value, r.label) for r in (Role.BUYER_MEMBER, Role.WORKER, Role.UNION_REP, Role.COORDINATOR)
]


class JoinForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    password = forms.CharField(
        label=_("Password"), max_length=4096, widget=forms.PasswordInput(render_value=False)
    )

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class TerritoryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Preset"),
        choices=[("epci", _("Intercommunality (EPCI)")), ("departement", _("Département"))],
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=9,
        help_text=_("The EPCI's SIREN (9 digits) or the département's code (e.g. 33)."),
    )


TRAVEL_MODES = [
    (TravelMode.CAR, _("Car")),
    (TravelMode.TRANSIT, _("Public transport")),
    (TravelMode.BIKE, _("Bicycle")),
    (TravelMode.WALK, _("On foot")),
]


class WorkerWhereForm(forms.Form):
    home_commune = CommuneField(label=_("Home commune"))
    travel_mode = forms.ChoiceField(label=_("Travel mode"), choices=TRAVEL_MODES)
    max_km = forms.IntegerField(label=_("Maximum distance (km)"), min_value=0, max_value=200)


class WorkerHoursForm(forms.Form):
    wished_hours = forms.IntegerField(label=_("Wished hours a week"), min_value=0, max_value=48)
    max_hours = forms.IntegerField(label=_("Maximum hours a week"), min_value=0, max_value=48)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (for a return)"), max_length=2000, required=False, widget=forms.Textarea
    )


def territory_choices(territories: list[Territory]) -> list[tuple[str, str]]:
    return [(str(t.pk), str(t)) for t in territories]


class ErasureForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), max_length=4096, widget=forms.PasswordInput(render_value=False)
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be erased for good.")
    )
