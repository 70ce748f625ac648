"""The request a page view receives, typed as the middleware stack makes it.

``LoginRequiredMiddleware`` turns anonymous visitors away from every view not marked
``login_not_required``, so behind it ``request.user`` is a :class:`User`, never an
``AnonymousUser``; django-htmx's middleware adds ``request.htmx``. Views annotate their
request with these classes; nothing is instantiated from them (types only).
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from maillage.people.models import User


class HtmxRequest(HttpRequest):
    """Any request, signed in or not (public views): django-htmx's details are there."""

    htmx: HtmxDetails


class SignedInRequest(HtmxRequest):
    """A request to a view behind the sign-in: its user is a saved, active account."""

    user: User
