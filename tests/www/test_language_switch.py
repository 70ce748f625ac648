"""The language switcher leads to the same page under the other language's prefix, whatever
language the browser asks for."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _switch(client, page_url, language, accept_language):
    """Post the switcher form of ``page_url`` as the page renders it, choosing ``language``."""
    page = client.get(page_url, HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    forms = re.findall(
        r'<form action="/i18n/setlang/" method="post" class="lang-switch">(.*?)</form>',
        page,
        re.S,
    )
    data = None
    for form in forms:
        if f'name="language" value="{language}"' in form or f'value="{language}"' in form:
            data = {
                "next": re.search(r'name="next" type="hidden" value="([^"]*)"', form)[1],
                "language": language,
            }
    assert data is not None, "no switcher form for that language"
    return client.post(reverse("set_language"), data, HTTP_ACCEPT_LANGUAGE=accept_language)


def test_an_english_browser_on_a_french_page_switches_to_english(client, planned):
    client.force_login(planned.coordinator)
    response = _switch(client, "/fr/plans/", "en", "en")
    assert (response.status_code, response.url) == (302, "/en/plans/")
    assert (
        client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
        .count('<html lang="en">')
        == 1
    )


def test_a_french_browser_on_an_english_page_switches_to_french(client, planned):
    client.force_login(planned.coordinator)
    response = _switch(client, "/en/plans/", "fr", "fr")
    assert (response.status_code, response.url) == (302, "/fr/plans/")


def test_the_query_string_is_kept(client, planned):
    client.force_login(planned.coordinator)
    response = _switch(client, "/fr/coordinator/?q=M1", "en", "en")
    assert response.url == "/en/coordinator/?q=M1"


def test_a_visitor_switches_on_the_sign_in_page(client):
    response = _switch(client, "/fr/accounts/login/", "en", "en")
    assert response.url == "/en/accounts/login/"
