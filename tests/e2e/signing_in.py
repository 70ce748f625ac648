"""Signing in through the login page, as a person would."""

from tests.factories import PASSWORD


def sign_in(page, live_server, email: str, *, lands_on: str) -> None:
    """Sign ``email`` in on the French login page and wait for ``lands_on`` (a URL glob)."""
    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lands_on)
