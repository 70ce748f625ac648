"""Template context shared by every page."""

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """The roles of the signed-in user, for the navigation menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset()}
    from maillage.people.roles import roles_of

    return {"nav_roles": roles_of(user)}
