"""Onboarding without the admin: organisations, invitations, roles, territories, profiles."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maillage.core.signals import sensitive_act
from maillage.people.models import Membership, Organisation, Role, User, WorkerProfile
from maillage.territory.models import Commune, Territory
from maillage.territory.services import create_departement_territory, create_epci_territory

from . import access
from .errors import AccountsError
from .models import (
    INVITATION_DAYS,
    Invitation,
    InvitationState,
    ProfileReview,
    ProfileReviewState,
    RoleChange,
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _log_role(
    *, user: User, action: str, membership: Membership, by: User | None, invitation=None
) -> RoleChange:
    change = RoleChange.objects.create(
        user=user,
        action=action,
        role=membership.role,
        organisation=membership.organisation,
        territory=membership.territory,
        buyer_group=membership.buyer_group,
        by=by,
        invitation=invitation,
    )
    transaction.on_commit(
        lambda: sensitive_act.send(
            sender=RoleChange,
            actor=by,
            action=f"accounts.role_{action}",
            target=user,
            territory=membership.territory
            or (membership.organisation.territory if membership.organisation else None),
            detail={"role": membership.role, "membership": membership.pk},
            request=None,
        )
    )
    return change


def _grant(
    *, user: User, role: str, by: User | None, organisation=None, territory=None, invitation=None
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, organisation=organisation, territory=territory
    )
    if created:
        _log_role(
            user=user,
            action=RoleChange.Action.GRANTED,
            membership=membership,
            by=by,
            invitation=invitation,
        )
    return membership


def territory_of_commune(commune: Commune) -> Territory | None:
    """The cooperative's territory that covers the commune (the oldest one)."""
    return Territory.objects.filter(communes=commune).order_by("created_at", "pk").first()


def register_organisation(
    *,
    user: User,
    name: str,
    siret: str,
    kind: str,
    is_public_buyer: bool,
    address: str,
    commune: Commune,
    email: str = "",
) -> Organisation:
    """A buyer registers their organisation and becomes its first member."""
    territory = territory_of_commune(commune)
    if territory is None:
        raise AccountsError(_("No territory of the cooperative covers this commune yet."))
    organisation = Organisation(
        name=name,
        siret=siret,
        kind=kind,
        is_public_buyer=is_public_buyer,
        address=address,
        commune=commune,
        territory=territory,
        email=email,
    )
    if not organisation.is_buyer:
        raise AccountsError(_("Only buyers register their organisation here."))
    try:
        organisation.full_clean()
    except ValidationError as error:
        raise AccountsError(" ".join(error.messages)) from error
    with transaction.atomic():
        organisation.save()
        _grant(user=user, role=Role.BUYER_MEMBER, organisation=organisation, by=user)
    return organisation


def invite(
    *,
    by: User,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    territory: Territory | None = None,
    now: dt.datetime | None = None,
) -> tuple[Invitation, str]:
    """Offer a role to an address; returns the invitation and the token (sent, never stored)."""
    now = now or timezone.now()
    if role == Role.BUYER_MEMBER:
        territory = None
    else:
        organisation = None
    if not access.may_offer(by, role=role, organisation=organisation, territory=territory):
        raise AccountsError(_("You may not offer this role here."))
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            organisation=organisation,
            territory=territory,
            token_hash=hash_token(token),
            invited_by=by,
            created_at=now,
            expires_at=now + dt.timedelta(days=INVITATION_DAYS),
        )
        link = settings.SITE_URL + reverse("accounts:invitation", args=[token])
        scope = str(invitation.scope)
        subject = _("[Maillage] You are invited to join %(scope)s") % {"scope": scope}
        body = _(
            "%(inviter)s invites you to join %(scope)s on Maillage as “%(role)s”.\n\n"
            "Open this link to accept (it expires in %(days)s days):\n%(link)s\n"
        ) % {
            "inviter": by.get_full_name() or by.email,
            "scope": scope,
            "role": invitation.get_role_display(),
            "days": INVITATION_DAYS,
            "link": link,
        }
        transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation, token


def revoke_invitation(*, invitation: Invitation, by: User) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not access.invitations_visible_to(by).filter(pk=invitation.pk).exists():
            raise AccountsError(_("You may not revoke this invitation."))
        if invitation.state != InvitationState.PENDING:
            raise AccountsError(_("Only a pending invitation can be revoked."))
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = by
        invitation.save(update_fields=["revoked_at", "revoked_by"])
    return invitation


def find_invitation(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organisation", "territory", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """The invited person takes the role; the link proved their address, now verified."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.state != InvitationState.PENDING:
            raise AccountsError(
                _("This invitation is no longer valid (%(state)s).")
                % {"state": invitation.get_state_display()}
            )
        if invitation.email.lower() != user.email.lower():
            raise AccountsError(_("This invitation was sent to another address."))
        membership = _grant(
            user=user,
            role=invitation.role,
            organisation=invitation.organisation,
            territory=invitation.territory,
            by=invitation.invited_by,
            invitation=invitation,
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return membership


def join_by_invitation(
    *, invitation: Invitation, password: str | None, first_name: str, last_name: str
) -> User:
    """A person without an account accepts: the account is made with the invited address."""
    with transaction.atomic():
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise AccountsError(_("An account already uses this address: sign in to accept."))
        user = User.objects.create_user(
            invitation.email, password, first_name=first_name, last_name=last_name
        )
        accept_invitation(invitation=invitation, user=user)
    return user


def withdraw_role(*, membership: Membership, by: User) -> None:
    """Take a role back (logged); nobody withdraws their own coordinator role by mistake."""
    with transaction.atomic():
        if not access.memberships_manageable_by(by).filter(pk=membership.pk).exists():
            raise AccountsError(_("You may not withdraw this role."))
        if membership.user_id == by.pk and membership.role == Role.COORDINATOR:
            raise AccountsError(_("Ask another coordinator to withdraw your own role."))
        _log_role(
            user=membership.user,
            action=RoleChange.Action.WITHDRAWN,
            membership=membership,
            by=by,
        )
        membership.delete()


def create_territory(*, by: User, kind: str, code: str) -> Territory:
    """A coordinator opens a territory from a preset (EPCI or département) and coordinates it."""
    if not access.may_create_territory(by):
        raise AccountsError(_("Only coordinators and administrators open a territory."))
    code = code.strip()
    if Territory.objects.filter(kind=kind, code=code).exists():
        raise AccountsError(_("This territory already exists."))
    slug_base = slugify(f"{kind}-{code}")[:70] or "territory"
    slug, n = slug_base, 1
    while Territory.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{slug_base}-{n}"
    with transaction.atomic():
        try:
            if kind == "epci":
                territory = create_epci_territory(epci_siren=code, slug=slug)
            elif kind == "departement":
                territory = create_departement_territory(departement_code=code, slug=slug)
            else:
                raise AccountsError(_("Choose an EPCI or a département."))
        except ValueError as error:
            raise AccountsError(_("No commune matches this code.")) from error
        _grant(user=by, role=Role.COORDINATOR, territory=territory, by=by)
    return territory


def save_worker_profile(
    *,
    user: User,
    territory: Territory,
    home_commune: Commune,
    travel_mode: str,
    max_km: int,
    wished_weekly_minutes: int,
    max_weekly_minutes: int,
) -> WorkerProfile:
    """The worker's own profile, step by step; a change sends it back for approval."""
    if not Membership.objects.filter(user=user, role=Role.WORKER, territory=territory).exists():
        raise AccountsError(_("You are not a worker of this territory."))
    if not territory.communes.filter(pk=home_commune.pk).exists():
        raise AccountsError(_("Your home commune must be within the territory."))
    profile = WorkerProfile.objects.filter(user=user).first() or WorkerProfile(user=user)
    profile.territory = territory
    profile.home_commune = home_commune
    profile.travel_mode = travel_mode
    profile.max_km = max_km
    profile.wished_weekly_minutes = wished_weekly_minutes
    profile.max_weekly_minutes = max_weekly_minutes
    try:
        profile.full_clean(exclude=["user"])
    except ValidationError as error:
        raise AccountsError(" ".join(error.messages)) from error
    with transaction.atomic():
        profile.save()
    return profile


def submit_profile(*, profile: WorkerProfile, by: User) -> ProfileReview:
    """The worker asks a coordinator to approve their profile."""
    if profile.user_id != by.pk:
        raise AccountsError(_("Only the worker submits their own profile."))
    with transaction.atomic():
        review, created = ProfileReview.objects.select_for_update().get_or_create(profile=profile)
        if created:
            review.transitions.create(from_state="", to_state=review.state, by=by)
        elif review.state != ProfileReviewState.SUBMITTED:
            review.transition(ProfileReviewState.SUBMITTED, by=by)
    return review


def decide_profile(
    *, review: ProfileReview, by: User, approve: bool, reason: str = ""
) -> ProfileReview:
    """A coordinator of the worker's territory approves the profile or returns it."""
    with transaction.atomic():
        review = ProfileReview.objects.select_for_update().get(pk=review.pk)
        if not access.reviews_visible_to(by).filter(pk=review.pk).exists():
            raise AccountsError(_("You may not decide on this profile."))
        target = ProfileReviewState.APPROVED if approve else ProfileReviewState.RETURNED
        if not review.can_transition(target):
            raise AccountsError(_("This profile is not waiting for a decision."))
        review.transition(target, by=by, reason=reason[:2000])
    return review
