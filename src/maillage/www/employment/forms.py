"""The what-if form of the status comparison; a coordinator's and a worker's contract moves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.core.limits import text_max_length
from maillage.employment.labels import ACTIVITY_LABELS
from maillage.employment.models import ContractState


class ComparisonForm(forms.Form):
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"), min_value=0.5, max_value=48, max_digits=5, decimal_places=2
    )
    hourly_budget = forms.DecimalField(
        label=_("Hourly budget paid by the buyers (€, employer cost)"),
        min_value=1,
        max_value=500,
        max_digits=7,
        decimal_places=2,
    )
    activity = forms.ChoiceField(
        label=_("Micro-entrepreneur activity"),
        choices=list(ACTIVITY_LABELS.items()),
        initial="bnc",
    )
    versement_liberatoire = forms.BooleanField(
        label=_("With the versement libératoire (income tax paid with contributions)"),
        required=False,
    )


class DeclineForm(forms.Form):
    """Why the worker declines a contract proposal (the coordinators read it)."""

    reason = forms.CharField(
        label=_("Why you decline"),
        max_length=text_max_length(),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


#: The moves a coordinator makes on a proposal (the worker accepts or declines on their page).
COORDINATOR_MOVES = (ContractState.ISSUED, ContractState.SIGNED, ContractState.WITHDRAWN)


class ContractMoveForm(forms.Form):
    """A coordinator's move of a contract proposal, with an optional reason for the log.

    The reason is free text bound for the transition log: a form field, so that a control
    character PostgreSQL refuses (NUL) or an endless text gets a message, not a server error.
    """

    to_state = forms.ChoiceField(
        label=_("New state"),
        choices=[(state.value, state.label) for state in COORDINATOR_MOVES],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=text_max_length(),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
