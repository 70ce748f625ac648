import pytest

from maillage.pricing.services import issue_quote

pytestmark = pytest.mark.django_db


def test_smoke(charter, need, coordinator, qualified_worker):
    quote = issue_quote(mission=need, by=coordinator)
    print(quote.__dict__)
    need.refresh_from_db()
    assert need.state == "priced"
