"""Every text field of every form has a length limit, no longer than its column: a text too
long is refused at its field, not by the database (a 500 on PostgreSQL, the input lost)."""

import pytest
from django import forms

from maillage.consolidation.models import PairRule
from maillage.core.limits import text_max_length
from maillage.missions.models import ExcludedPeriod, Mission
from maillage.www.employment.forms import ComparisonForm
from maillage.www.gpec.forms import HouseholdForm
from maillage.www.needs.forms import (
    ExcludedDatesForm,
    NeedForm,
    SkillRequirementForm,
    WeeklySpanForm,
)
from maillage.www.plans.forms import PairRuleForm, ResponseForm, RunForm
from maillage.www.pricing.forms import CharterForm, QuoteForm, RefusalForm
from maillage.www.workers.forms import AvailabilityForm, WorkerProfileForm, WorkerSkillForm
from tests.factories import TerritoryFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db

# A form field stored in a column of a model: the form's limit is at most the column's.
COLUMNS = {
    (NeedForm, "title"): Mission._meta.get_field("title"),
    (NeedForm, "address"): Mission._meta.get_field("address"),
    (ExcludedDatesForm, "label"): ExcludedPeriod._meta.get_field("label"),
    (PairRuleForm, "reason"): PairRule._meta.get_field("reason"),
}


def every_form() -> list[forms.BaseForm]:
    return [
        NeedForm(territory=TerritoryFactory()),
        SkillRequirementForm(),
        WeeklySpanForm(),
        ExcludedDatesForm(),
        WorkerProfileForm(instance=WorkerProfileFactory()),
        AvailabilityForm(),
        WorkerSkillForm(),
        RunForm(),
        PairRuleForm(),
        ResponseForm(),
        CharterForm(),
        QuoteForm(),
        RefusalForm(),
        ComparisonForm(),
        HouseholdForm(),
    ]


def test_every_text_field_has_a_limit_within_its_column():
    unbounded, too_long = [], []
    for form in every_form():
        for name, field in form.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            label = f"{type(form).__name__}.{name}"
            if field.max_length is None or field.max_length > text_max_length():
                unbounded.append(label)
            column = COLUMNS.get((type(form), name))
            if column is not None and field.max_length > column.max_length:
                too_long.append(label)
    assert (unbounded, too_long) == ([], [])


def test_a_reason_too_long_is_refused_at_its_field():
    form = ResponseForm({"decision": "refused", "reason": "x" * (text_max_length() + 1)})
    assert list(form.errors) == ["reason"]
