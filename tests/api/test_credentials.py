"""Credential verification through the API: the same verdict as the public page."""

from __future__ import annotations

import pytest

from maillage.credentials import keys
from maillage.credentials.services import revoke_credential
from tests.credentials.test_badges import credential, trainer  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

URL = "/api/v1/credentials/verify/"


@pytest.fixture(autouse=True)
def credential_keys(settings, tmp_path):
    settings.MAILLAGE_CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    settings.MAILLAGE_PUBLIC_BASE_URL = "https://maillage.example"
    keys.create_key()


def test_a_valid_then_revoked_credential(api, credential, people):  # noqa: F811
    client = api(people["buyer_member"], "read")

    valid = client.post(URL, {"credential": credential.token}, format="json")
    assert (valid.status_code, valid.json()["status"], valid.json()["valid"]) == (
        200,
        "valid",
        True,
    )
    revoke_credential(credential=credential, reason="Erreur", by=people["coordinator"])
    revoked = client.post(URL, {"credential": credential.token}, format="json").json()
    assert (revoked["status"], revoked["valid"]) == ("revoked", False)


def test_a_changed_byte_or_garbage_is_reported_not_a_server_error(api, credential, people):  # noqa: F811
    client = api(people["worker"], "read")
    head, payload, signature = credential.token.split(".")
    flipped = f"{head}.{payload}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"

    tampered = client.post(URL, {"credential": flipped}, format="json").json()
    garbage = client.post(URL, {"credential": "not a credential"}, format="json").json()

    assert tampered["valid"] is False and tampered["status"] != "valid"
    assert garbage["valid"] is False
    missing = client.post(URL, {}, format="json")
    assert missing.status_code == 400
    assert missing["Content-Type"] == "application/problem+json"
    assert list(missing.json()["errors"]) == ["credential"]


def test_without_a_token_the_api_says_401(api, credential):  # noqa: F811
    assert api().post(URL, {"credential": credential.token}, format="json").status_code == 401
