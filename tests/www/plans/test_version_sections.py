"""The plan version page opens on its summary; its long sections come one at a time."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def version_url(planned, **params):
    url = reverse("plans:version", args=[planned.published.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_summary_leaves_the_sections_to_load(client, planned):
    client.force_login(planned.coordinator)

    page = client.get(version_url(planned)).content.decode()

    for name in ("workers", "buyers", "days"):
        assert f'hx-get="?section={name}"' in page
    assert 'name="kind"' not in page  # no pin/forbid form before the section is asked for


def test_htmx_gets_the_section_alone(client, planned):
    client.force_login(planned.coordinator)

    response = client.get(version_url(planned, section="workers"), HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "plans/_version_workers.html"
    assert "<html" not in content
    assert 'name="kind"' in content


def test_without_javascript_the_link_opens_the_section_in_the_page(client, planned):
    client.force_login(planned.coordinator)

    page = client.get(version_url(planned, section="days")).content.decode()

    assert "<html" in page
    assert 'hx-get="?section=days"' not in page
    assert 'hx-get="?section=workers"' in page


def test_unknown_section_is_the_summary(client, planned):
    client.force_login(planned.coordinator)

    response = client.get(version_url(planned, section="../base"), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.context["section"] == ""
    assert "<html" in response.content.decode()
