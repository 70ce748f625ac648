"""Template context shared by every page."""

from functools import cache

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """The roles of the signed-in user, for the navigation menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset(), "unread_notifications": 0}
    from maillage.notifications.services import unread_count
    from maillage.people.roles import roles_of

    # Called by the template only when the header shows it (one count), at most once.
    return {"nav_roles": roles_of(user), "unread_notifications": cache(lambda: unread_count(user))}
