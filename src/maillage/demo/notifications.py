"""The demo's notifications: verified addresses for the demo logins, and no flood of emails.

The demo's other steps notify through the services as the platform does (quotes issued,
absences, replacements...), so the demo logins find an inbox with something in it. Their
addresses are verified here (an allauth `EmailAddress`), so that what they do once the demo
runs is emailed (to the console). The generated people (the forty workers, the buyers'
colleagues) keep unverified addresses: a plan published to everyone emails the demo logins
only. What the build itself notified is history, not news: its pending emails are closed
unsent (`demo_history`), so building the demo prints no email. `build_demo` calls this last,
inside its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from maillage.demo.context import DEMO_EMAIL_DOMAIN
from maillage.notifications.models import SkipReason
from maillage.notifications.services import drop_pending_emails
from maillage.notifications.verification import mark_verified
from maillage.people.models import User


def build_notifications(logins: Iterable[User]) -> int:
    """Verify the demo logins' addresses and close the build's pending emails; how many."""
    logins = list(logins)
    for user in logins:
        mark_verified(user)
    return drop_pending_emails(
        recipients=User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}"),
        reason=SkipReason.DEMO_HISTORY,
    )
