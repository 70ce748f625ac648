"""The inbox, its links, and what a person wants by email (with their address's verification).

Each person sees and marks only their own notifications: another's answers 404.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic.base import TemplateView

from maillage.notifications.access import notifications_visible_to
from maillage.notifications.kinds import Kind, kinds_for_roles
from maillage.notifications.rendering import localised_url, render_body, render_subject
from maillage.notifications.services import (
    email_choices,
    language_of,
    mark_all_read,
    mark_read,
    set_email_choices,
    set_language,
)
from maillage.notifications.verification import address_verified
from maillage.people.models import Role
from maillage.people.roles import roles_of
from maillage.www.notifications.forms import PreferencesForm
from maillage.www.utils.access import found_or_404
from maillage.www.utils.pagination import page_of
from maillage.www.utils.requests import SignedInRequest

# One verification email per person in this many seconds (a button pressed again and again).
VERIFICATION_EMAIL_EVERY = 180


@require_GET
def inbox(request: SignedInRequest) -> HttpResponse:
    page = page_of(request, notifications_visible_to(request.user).order_by("-created_at", "-pk"))
    items = [
        {
            "notification": row,
            "subject": render_subject(row.kind, row.params),
            "body": render_body(row.kind, row.params),
        }
        for row in page.object_list
    ]
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "items": items,
            "has_unread": any(not i["notification"].is_read for i in items),
        },
    )


@require_GET
def open_notification(request: SignedInRequest, pk: int) -> HttpResponse:
    """Mark one's notification read and follow its link (404 for someone else's)."""
    notification = found_or_404(notifications_visible_to(request.user).filter(pk=pk).first())
    mark_read(notification=notification, by=request.user)
    # The link was written in the notifier's language: follow it in the reader's.
    target = localised_url(notification.url, get_language())
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications:inbox")


@require_POST
def read_all(request: SignedInRequest) -> HttpResponse:
    marked = mark_all_read(user=request.user)
    if marked:
        messages.success(request, _("All your notifications are marked read."))
    return redirect("notifications:inbox")


def relevant_kinds(user: Any) -> list[str]:
    roles = set(roles_of(user))
    if Role.ADMIN in roles:
        return [kind.value for kind in Kind]
    if Role.GROUP_MANAGER in roles:
        roles.add(Role.BUYER_MEMBER)
    return kinds_for_roles(roles)


@require_http_methods(["GET", "POST"])
def preferences(request: SignedInRequest) -> HttpResponse:
    user = request.user
    kinds = relevant_kinds(user)
    current = email_choices(user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        kinds=kinds,
        current=current,
        initial={"language": language_of(user, default=get_language())},
    )
    if request.method == "POST" and form.is_valid():
        set_email_choices(user=user, choices=form.choices())
        set_language(user=user, language=form.cleaned_data["language"])
        messages.success(request, _("Your email preferences are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "verified": address_verified(user), "address": user.email},
        status=400 if form.is_bound else 200,
    )


@require_POST
def send_verification(request: SignedInRequest) -> HttpResponse:
    """Send a confirmation link to the person's address (at most one every few minutes)."""
    user = request.user
    if address_verified(user):
        messages.info(request, _("Your email address is already verified."))
        return redirect("notifications:preferences")
    if not cache.add(f"notifications:verify:{user.pk}", 1, VERIFICATION_EMAIL_EVERY):
        messages.warning(
            request, _("A confirmation link was sent a few minutes ago: please check your mail.")
        )
        return redirect("notifications:preferences")
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": False}
    )
    address.send_confirmation(request)
    messages.success(
        request,
        _("A confirmation link was sent to %(address)s: open it to verify your address.")
        % {"address": user.email},
    )
    return redirect("notifications:preferences")


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth checks the link and marks the address verified; the page is our template
    (templates/account/email_confirm.html) and needs no sign-in (allauth marks it so).

    allauth's own context links to its sign-in and sign-up pages, which this platform does
    not serve: the context here holds only what the template shows.
    """

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = TemplateView.get_context_data(self, **kwargs)
        confirmation = self.object
        context["confirmation"] = confirmation
        context["can_confirm"] = bool(
            confirmation and confirmation.email_address.can_set_verified()
        )
        context["email"] = confirmation.email_address.email if confirmation else ""
        return context


confirm_email = ConfirmEmailView.as_view()
