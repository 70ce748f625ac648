"""Human review: refusals and review requests awaiting a coordinator, and the answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maillage.consolidation.services import answer_review, open_reviews, reviewable_response
from maillage.people.models import Role
from maillage.www.reviews.forms import ReviewAnswerForm
from maillage.www.utils.access import found_or_404, role_required
from maillage.www.utils.forms import add_errors
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest


@role_required(Role.COORDINATOR)
def inbox(request: SignedInRequest) -> HttpResponse:
    """Open requests of the current plans of the coordinator's territories, oldest first."""
    return render(
        request, "reviews/inbox.html", {"requests": page_of(request, open_reviews(request.user))}
    )


@role_required(Role.COORDINATOR)
def answer(request: SignedInRequest, pk: int) -> HttpResponse:
    """One request, its answer if given, else the answer form."""
    response = found_or_404(reviewable_response(request.user, pk))
    existing = getattr(response, "answer", None) if response.resolved_at else None
    form = ReviewAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and existing is None:
        if form.is_valid():
            try:
                answer_review(
                    response=response,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    add_errors(form, error)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Your answer is recorded; the worker is told."))
                return redirect("reviews:inbox")
        messages.error(request, _("The answer could not be recorded: please correct the errors."))
    elif request.method == "POST":
        messages.error(request, _("This request is already answered."))
        return redirect("reviews:answer", pk=response.pk)
    return render(
        request,
        "reviews/answer.html",
        {"review": response, "existing": existing, "form": form},
        status=400 if request.method == "POST" else 200,
    )
