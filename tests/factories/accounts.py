"""Invitations (with their token) and worker profiles submitted for approval."""

from __future__ import annotations

from maillage.accounts import services
from maillage.accounts.models import Invitation, ProfileReview
from maillage.people.models import WorkerProfile


def invitation(*, by, email: str, role: str, **scope) -> tuple[Invitation, str]:
    """An invitation as the service makes it; returns it with its token."""
    return services.invite(by=by, email=email, role=role, **scope)


def submitted(profile: WorkerProfile) -> ProfileReview:
    """The worker's profile, submitted for a coordinator's approval."""
    return services.submit_profile(profile=profile, by=profile.user)
