"""Links of tokens in the navigation menu, by the user's roles."""


def links(roles: frozenset[str]) -> list[tuple[str, str]]:
    """(URL, label) pairs for this user's roles; none yet."""
    return []
