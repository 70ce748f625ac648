"""A service's refusal reaches the person: at the field it names, on top of the form, or on
the next page."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from maillage.www.utils.forms import add_errors, report_refusal


class _Form(forms.Form):
    level = forms.IntegerField()


def _form() -> _Form:
    form = _Form({"level": "3"})
    assert form.is_valid()
    return form


def test_a_field_error_goes_to_its_field_and_an_unknown_one_on_top():
    form = _form()
    add_errors(form, ValidationError({"level": ["Too high."], "other": ["Not here."]}))
    assert form.errors == {"level": ["Too high."], "__all__": ["Not here."]}


def test_a_refusal_naming_no_field_goes_on_top():
    form = _form()
    add_errors(form, ValidationError(["First.", "Second."]))
    assert form.errors == {"__all__": ["First.", "Second."]}


def test_a_refusal_without_a_form_is_told_on_the_next_page():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    report_refusal(request, ValidationError({"level": ["Too high."]}))
    assert [str(m) for m in get_messages(request)] == ["Too high."]
