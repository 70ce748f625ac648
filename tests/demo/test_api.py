"""The demo's API tokens: added once, one revoked, none with a secret anyone could read."""

import pytest

from maillage.demo import api as demo_api
from maillage.tokens.models import ApiToken
from tests.factories import WorkerProfileFactory

pytestmark = [pytest.mark.django_db]


def test_the_demo_adds_its_tokens_once(territory, buyer):
    worker = WorkerProfileFactory(territory=territory, with_membership=True).user
    users = {"buyer": buyer, "worker": worker}
    assert demo_api.build(territory=territory, users=users) is True
    rows = sorted(
        (t.user == buyer, t.name, t.scopes, t.revoked_at is None) for t in ApiToken.objects.all()
    )
    assert rows == [
        (False, "Agenda personnel", "read timesheets", True),
        (True, "Essai (clé diffusée par erreur)", "read", False),
        (True, "Logiciel d’achats de la mairie", "read needs quotes", True),
    ]
    assert all(t.last_used_at is not None for t in ApiToken.objects.all())
    assert demo_api.build(territory=territory, users=users) is False
    assert ApiToken.objects.count() == 3
