"""Pages of tokens: the user's API tokens, a form to make one (its secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maillage.core import idempotency
from maillage.tokens.selectors import own_tokens, visible_token
from maillage.tokens.services import issue_token, revoke_token
from maillage.www.tokens.forms import NewTokenForm
from maillage.www.utils.access import found_or_404
from maillage.www.utils.forms import add_errors
from maillage.www.utils.requests import SignedInRequest

#: The new secret waits in the session until the list page shows it, once.
SECRET_KEY = "tokens.new_secret"


def token_list(request: SignedInRequest) -> HttpResponse:
    """The user's tokens and the form for a new one; a new secret is shown here once."""
    form = NewTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        secrets: dict[str, str] = {}

        def create():
            issued = issue_token(
                user=request.user, name=data["name"], scopes=data["scopes"], days=data["days"]
            )
            secrets["value"] = issued.secret
            return issued.token

        try:
            token, first = idempotency.once(
                user=request.user, key=idempotency.token_of(request.POST), create=create
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if first:  # a double click finds the first token: its secret is already waiting
                request.session[SECRET_KEY] = {"id": token.pk, "secret": secrets["value"]}
            return redirect("tokens:list")
    new_secret = request.session.pop(SECRET_KEY, None) if request.method == "GET" else None
    tokens = list(own_tokens(request.user))
    return render(
        request,
        "tokens/list.html",
        {
            "form": form,
            "tokens": tokens,
            "new_secret": new_secret["secret"] if new_secret else "",
            "docs_url": reverse("api_v1:docs"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = found_or_404(visible_token(request.user, pk))
    revoke_token(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens:list")
