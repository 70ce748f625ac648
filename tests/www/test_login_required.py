"""Every page asks for a sign-in, except an explicit, exact list of public ones.

The test walks every URL pattern of the project, fills its arguments (integers with 1,
anything else with "x") and asks for it as an anonymous visitor.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

# The database: a public page may read it (a password-reset link looks its person up).
pytestmark = pytest.mark.django_db

LOGIN = "/fr/accounts/login/"
# The admin site's own views (index, password change...) go to its own sign-in page; its
# model pages go to the project's, as Django handles them.
ADMIN_LOGIN = "/fr/admin/login/"

# The only pages an anonymous visitor may open, with what they answer.
PUBLIC = {
    "healthz": 200,
    "set_language": 302,  # back to where the visitor came from
    "home:landing": 200,
    "home:login": 200,
    "admin:login": 200,  # the admin's own sign-in, as Django serves it
    # A calendar feed, read by calendar clients at a secret URL; a malformed token is refused
    # before the database is asked, a revoked one answers 404 too (tests/www/execution).
    "execution:feed": 404,
    # The email confirmation link, opened from an email before signing in (a bad key: 200 with
    # the "invalid or expired" page, as allauth says it).
    "notifications:confirm_email": 200,
    # Accounts (allauth, under /<lang>/account/): the same sign-in page under allauth's name,
    # sign-up, the "check your mail" page, password reset and its emailed link (a bad key: 200
    # with the "bad token" page), the inactive-account page; the second-factor step without a
    # sign-in under way goes back to sign-in.
    "account_login": 200,
    "account_signup": 200,
    "account_email_verification_sent": 200,
    "account_reset_password": 200,
    "account_reset_password_done": 200,
    "account_reset_password_from_key": 200,
    "account_reset_password_from_key_done": 200,
    "account_inactive": 200,
    "mfa_authenticate": 302,
    # An invitation's link, opened before the invited person has an account (an unknown
    # token: 404).
    "accounts:invitation": 404,
    # The public observatory of each territory (an unknown slug: 404) and its open data.
    "observatory:index": 200,
    "observatory:territory": 404,
    "observatory:territory_json": 404,
    "observatory:territory_csv": 404,
    # Open Badges: the issuer's profile and keys, the revocation list (no key in the tests'
    # keys directory: 404), achievements, the verification page (its JSON endpoint is POST
    # only) and each credential's public link (an unknown one: 404).
    "credentials:issuer": 200,
    "credentials:issuer_json": 200,
    "credentials:status_list": 404,
    "credentials:achievement": 404,
    "credentials:verify": 200,
    "credentials:verify_json": 405,
    "credentials:public": 404,
    "credentials:public_json": 404,
    # The API: its OpenAPI document and docs page are public; every resource answers a 401
    # problem without a Bearer token (tokens only, no session); other /api/v1/ URLs: 404 problem.
    "api_v1:schema": 200,
    "api_v1:docs": 200,
    "api_v1:not_found": 404,
    **{
        f"api_v1:{name}": 401
        for name in (
            "needs",
            "need",
            "need_copy",
            "need_quote",
            "need_cancel",
            "quotes",
            "quote",
            "quote_accept",
            "quote_refuse",
            "quote_pdf",
            "plans",
            "plan",
            "plan_assignments",
            "my_assignments",
            "my_week",
            "occurrences",
            "timesheets",
            "timesheet_declare",
            "timesheet",
            "timesheet_validate",
            "timesheet_dispute",
            "invoices",
            "invoice",
            "invoice_pdf",
            "invoice_xml",
            "gpec_territories",
            "gpec_tables",
            "credential_verify",
        )
    },
}

_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")


def _route_sample(route: str) -> str:
    return _CONVERTER.sub(lambda m: "1" if m["converter"] == "int" else "x", route)


def _group_sample(match: re.Match) -> str:
    """A value the named group accepts: 1, x, or the first of its alternatives."""
    body = match["body"]
    for candidate in ("1", "x", *body.split("|")):
        if re.fullmatch(body, candidate):
            return candidate
    raise AssertionError(f"no sample value for {match[0]}")


def _regex_sample(regex: str) -> str:
    return _NAMED_GROUP.sub(_group_sample, regex.lstrip("^").rstrip("$"))


def _sample(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "fr/"
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_sample(str(pattern))
    raise AssertionError(f"unknown kind of pattern {pattern!r}")


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        path = prefix + _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, path, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<{entry.pattern}>"
            yield name, "/" + path, entry.callback


URLS = list(_walk(get_resolver().url_patterns))


def test_the_walk_reaches_every_pattern_it_names():
    """Each sample URL resolves to the very pattern it was built from."""
    for _name, url, callback in URLS:
        assert resolve(url).func is callback, url
    assert len(URLS) > 40  # the project's pages and the admin's


@pytest.mark.parametrize(("name", "url"), [(name, url) for name, url, _ in URLS])
def test_an_anonymous_visitor_is_sent_to_sign_in_unless_the_page_is_public(client, name, url):
    response = client.get(url)
    if name in PUBLIC:
        assert response.status_code == PUBLIC[name]
        assert not response.get("Location", "").startswith((LOGIN, ADMIN_LOGIN))
    else:
        assert response.status_code == 302
        assert response["Location"] in {f"{login}?next={url}" for login in _logins_of(name)}


def test_the_public_pages_are_exactly_the_allowed_ones(client):
    public = {name for name, url, _ in URLS if not _sends_to_sign_in(client.get(url), name)}
    assert public == set(PUBLIC)


def _logins_of(name: str) -> tuple[str, ...]:
    return (LOGIN, ADMIN_LOGIN) if name.startswith("admin:") else (LOGIN,)


def _sends_to_sign_in(response, name: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        tuple(f"{login}?next=" for login in _logins_of(name))
    )
