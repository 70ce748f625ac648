"""The OpenAPI 3.1 document and its documentation page: public, served by the platform."""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_the_document_is_openapi_3_1_and_names_the_bearer_scheme(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    problem = document["paths"]["/api/v1/needs/"]["post"]["responses"]["400"]
    assert list(problem["content"]) == ["application/problem+json"]
    assert "/api/v1/my/week/" in document["paths"]


def test_the_documentation_page_loads_nothing_from_elsewhere(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def test_the_documentation_page_has_no_inline_script_or_style(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "<style" not in page
    assert page.count("<script") == page.count("<script src=") == 3
