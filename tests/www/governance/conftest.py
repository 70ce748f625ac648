import pytest

from maillage.people.models import Role
from tests.factories import CharterFactory, TerritoryFactory, UserFactory, member_with_role
from tests.factories import governance as gov


@pytest.fixture
def steering(db):
    """A territory with its charter and statutes; its coordinator, union rep, a seated
    member; the same on another territory; a stranger."""
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    CharterFactory(territory=territory, by=coordinator)
    gov.statutes(territory)
    other = TerritoryFactory()
    gov.statutes(other)
    users = {
        "coordinator": coordinator,
        "union_rep": member_with_role(Role.UNION_REP, territory),
        "member": gov.seat(territory, "workers"),
        "other_coordinator": member_with_role(Role.COORDINATOR, other),
        "other_member": gov.seat(other, "workers"),
        "stranger": UserFactory(),
    }

    class World:
        pass

    world = World()
    world.territory, world.other, world.users = territory, other, users
    return world
