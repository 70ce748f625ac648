"""Shared fixtures: the communes loaded once per session, test settings, and the people,
charter, need and plans that several test folders use (app-specific ones stay in their
folder's conftest.py). Objects are built with tests/factories; worlds with tests/scenarios.py.
"""

import sys

import pytest
from django.core.cache import cache
from django.utils import translation

from maillage.people.models import Role
from maillage.skills.models import Skill
from maillage.skills.referential import load_referential
from maillage.territory.models import Commune
from maillage.territory.services import load_communes
from tests import scenarios
from tests.factories import (
    CharterFactory,
    MissionFactory,
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load every commune once per session (regular tests roll back above this layer)."""
    with django_db_blocker.unblock():
        load_communes()
    yield
    with django_db_blocker.unblock():
        _end_stray_sessions()


@pytest.fixture(autouse=True)
def _reference_data_after_a_flush(request) -> None:
    """Transactional tests run last (pytest-django orders them so) and each one empties every
    table when it ends: the next one finds no communes and no skills unless it loads them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    if not Commune.objects.filter(insee_code="33063").exists():
        load_communes()
    load_referential(Skill)


def _end_stray_sessions() -> None:
    """Before the test database is dropped, end the sessions a test left open, and name them.

    PostgreSQL refuses to drop a database somebody is connected to, and the suite would end in
    an error that hides which test leaked. A thread or a subprocess that outlived its test
    (a live server, a Celery worker, a job thread) is reported on stderr, then disconnected.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 200), backend_start"
            " FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        stray = cursor.fetchall()
        for pid, application, state, query, started in stray:
            sys.stderr.write(
                f"\nA test left a database session open: pid {pid} ({application or '-'}),"
                f" {state}, since {started:%H:%M:%S}, last query: {query}\n"
            )
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.close()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.LANGUAGE_CODE = "fr"
    # A fast hasher: the real one costs ~0.3 s a password, on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    # Eager jobs run inline in tests (the demo runs them in a thread to show progress).
    settings.MAILLAGE_EAGER_JOBS_IN_THREAD = False
    # Signing keys and private files of a test live and die with it (never var/).
    settings.MAILLAGE_CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    settings.MAILLAGE_PRIVATE_FILES_DIR = tmp_path / "private"


@pytest.fixture
def in_english():
    """The messages in English: tests of the domain's refusals read them in the language
    they are written in (French is the default, and the catalogue translates them)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back rows' primary keys are reused, so a
    board cached by an earlier test could be served for another territory with the same key.
    The GPEC dashboard's in-process layer is emptied with it."""
    from maillage.www.gpec.dashboard import forget_local_boards

    cache.clear()
    forget_local_boards()
    yield
    cache.clear()
    forget_local_boards()


# One territory and its people ---------------------------------------------------------------


@pytest.fixture
def territory(db):
    return TerritoryFactory()


@pytest.fixture
def coordinator(territory):
    return member_with_role(Role.COORDINATOR, territory)


@pytest.fixture
def charter(territory, coordinator):
    """The default charter, in force since 1 January 2026 (issued by the service)."""
    return CharterFactory(territory=territory, by=coordinator)


@pytest.fixture
def school(territory):
    return OrganisationFactory(territory=territory)


@pytest.fixture
def buyer(school):
    """A buyer member of ``school``."""
    return buyer_member(school)


@pytest.fixture
def need(school):
    """Tuesdays 15:00-16:30 from 2 November to 18 December 2026, level 2: foundation band."""
    return MissionFactory(buyer=school, fixed=True)


@pytest.fixture
def worker(territory):
    """A worker of the territory (role held) with workshop-children at level 4."""
    return WorkerProfileFactory(territory=territory, with_membership=True, with_skill=True)


@pytest.fixture
def people(territory, buyer, coordinator, worker):
    """One user per role on ``territory``, the same roles elsewhere, and a stranger."""
    other_territory = TerritoryFactory()
    return {
        "worker": worker.user,
        "buyer_member": buyer,
        "coordinator": coordinator,
        "union_rep": member_with_role(Role.UNION_REP, territory),
        "trainer": member_with_role(Role.TRAINER, territory),
        "other_buyer": buyer_member(OrganisationFactory(territory=other_territory)),
        "other_coordinator": member_with_role(Role.COORDINATOR, other_territory),
        "stranger": UserFactory(),
    }


# Plans ---------------------------------------------------------------------------------------


@pytest.fixture
def publish_plan():
    """``publish_plan(territory, worker, [minutes, ...])``: see tests/scenarios.py."""
    return scenarios.publish_plan


@pytest.fixture
def world(db):
    """The small GPEC territory whose figures are known (see ``scenarios.gpec_world``)."""
    return scenarios.gpec_world()


@pytest.fixture
def planned(world, django_capture_on_commit_callbacks):
    """The world with a published engine plan and a baseline version of the same period."""
    world.published = scenarios.plan(world, django_capture_on_commit_callbacks)
    world.baseline = scenarios.plan(
        world, django_capture_on_commit_callbacks, method="baseline", publish=False
    )
    return world
