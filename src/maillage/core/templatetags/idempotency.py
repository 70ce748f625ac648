"""The hidden token of a create form (see maillage.core.idempotency)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from maillage.core.idempotency import FIELD_NAME, new_token, token_of

register = template.Library()


@register.simple_tag(takes_context=True)
def idempotency_input(context) -> str:
    """A hidden input with a fresh token, or the one posted when a refused form is shown
    again (the corrected form, sent twice, still creates one object)."""
    request = context.get("request")
    posted = token_of(request.POST) if request is not None and request.method == "POST" else ""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FIELD_NAME, posted or new_token()
    )
