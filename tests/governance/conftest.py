import pytest

from maillage.people.models import Role
from tests.factories import CharterFactory, TerritoryFactory, member_with_role
from tests.factories import governance as gov


@pytest.fixture
def steering(db):
    """A territory with a charter, founding statutes, a coordinator and a union rep."""
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    CharterFactory(territory=territory, by=coordinator)
    gov.statutes(territory)

    class Steering:
        pass

    world = Steering()
    world.territory = territory
    world.coordinator = coordinator
    world.union_rep = member_with_role(Role.UNION_REP, territory)
    return world
