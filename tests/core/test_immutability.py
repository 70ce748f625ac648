"""The database refuses to rewrite protected rows, on SQLite and on PostgreSQL.

First the mechanism on a probe table (core/immutability.py); the protected models of each app
are tested in tests/<app>/test_admin_readonly.py.
"""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from maillage.core.immutability import ERROR_PREFIX, Protection, protect, rewrites_allowed
from maillage.pricing.models import Charter, CharterRate

pytestmark = pytest.mark.django_db

PROBE = "immutability_probe"


@pytest.fixture
def probe():
    """A small table, protected like a plan version: its state moves draft → published only,
    ``updated_at`` changes freely, ``superseded_at`` is set once."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {PROBE} (id integer PRIMARY KEY, name varchar(20), "
            "state varchar(12), updated_at integer, superseded_at integer)"
        )
        cursor.execute(f"INSERT INTO {PROBE} VALUES (1, 'v1', 'draft', 1, NULL)")
    operation = protect(
        PROBE,
        mutable=["updated_at"],
        moves={"state": [("draft", "published")]},
        set_once=["superseded_at"],
    )
    operation.code(None, Editor())
    return operation


class Editor:
    """What the operation uses of a schema editor (SQLite has none inside a test's
    transaction)."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def row() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, state, updated_at, superseded_at FROM {PROBE}")
        return cursor.fetchone()


def refused(sql: str) -> str:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        execute(sql)
    return str(error.value)


def test_a_frozen_column_never_changes(probe):
    message = refused(f"UPDATE {PROBE} SET name = 'v2'")
    assert message.startswith(f"{ERROR_PREFIX}: ")
    assert "immutability_probe" in message
    assert row() == ("v1", "draft", 1, None)


def test_a_row_is_never_deleted(probe):
    assert "never deleted" in refused(f"DELETE FROM {PROBE}")
    assert row() == ("v1", "draft", 1, None)


def test_the_state_moves_only_along_its_lifecycle(probe):
    refused(f"UPDATE {PROBE} SET state = 'superseded'")
    execute(f"UPDATE {PROBE} SET state = 'published', updated_at = 2")
    assert row() == ("v1", "published", 2, None)
    refused(f"UPDATE {PROBE} SET state = 'draft'")
    assert row() == ("v1", "published", 2, None)


def test_a_set_once_column_is_set_once(probe):
    execute(f"UPDATE {PROBE} SET superseded_at = 5")
    refused(f"UPDATE {PROBE} SET superseded_at = 6")
    refused(f"UPDATE {PROBE} SET superseded_at = NULL")
    assert row() == ("v1", "draft", 1, 5)


def test_an_update_that_changes_nothing_protected_passes(probe):
    execute(f"UPDATE {PROBE} SET name = 'v1', updated_at = 3")
    assert row() == ("v1", "draft", 3, None)


def test_rewrites_are_allowed_inside_the_block_only(probe):
    with rewrites_allowed():
        execute(f"UPDATE {PROBE} SET name = 'fixed'")
    assert row() == ("fixed", "draft", 1, None)
    refused(f"UPDATE {PROBE} SET name = 'again'")
    with rewrites_allowed():
        execute(f"DELETE FROM {PROBE}")
    assert row() is None


def test_a_failed_block_ends_the_allowance(probe):
    with pytest.raises(RuntimeError), rewrites_allowed():
        raise RuntimeError
    refused(f"UPDATE {PROBE} SET name = 'v2'")


def test_the_reverse_operation_lifts_the_protection(probe):
    probe.reverse_code(None, Editor())
    execute(f"UPDATE {PROBE} SET name = 'v2'")
    assert row()[0] == "v2"


def test_a_column_added_later_is_protected_on_postgresql(probe):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite triggers name the columns of the table when they are created")
    execute(f"ALTER TABLE {PROBE} ADD COLUMN note varchar(20)")
    refused(f"UPDATE {PROBE} SET note = 'later'")


def test_names_are_plain_identifiers():
    with pytest.raises(ValueError, match="plain identifier"):
        Protection(table="x; DROP TABLE y")
    with pytest.raises(ValueError, match="plain identifier"):
        Protection(table="t", moves={"state": (("a", "b'--"),)})


def test_flush_erases_protected_rows_too(charter):
    """Transactional tests flush the database after each test: flush may erase everything
    (PostgreSQL truncates; SQLite deletes row by row, under the allowance)."""
    if connection.vendor == "postgresql":  # no truncating with foreign keys left to check
        execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    assert not Charter.objects.exists()
    assert not CharterRate.objects.exists()


# Every protected table, with the columns that may still move (the apps' migrations say how).
PROTECTED = {
    "consolidation_planversion": {"state", "updated_at"},
    "consolidation_plantransition": set(),
    "consolidation_planassignment": set(),
    "consolidation_planunassigned": set(),
    "consolidation_assignmentresponse": {"resolved_at"},
    "pricing_charter": {"superseded_at"},
    "pricing_charterrate": set(),
    "pricing_charterpreparation": set(),
    "pricing_quote": {"state", "updated_at"},
    "pricing_quotetransition": set(),
    "employment_contractproposal": {"state", "updated_at"},
    "employment_contracttransition": set(),
    "missions_missiontransition": set(),
    "execution_occurrencetransition": set(),
    "consolidation_reviewanswer": set(),
    "timesheets_timesheet": {"state", "updated_at"},
    "timesheets_timesheetversion": {"superseded_at"},
    "timesheets_timesheetline": set(),
    "timesheets_timesheettransition": set(),
    "absences_absence": {"state", "updated_at"},
    "absences_absencetransition": set(),
    "invoicing_invoice": {"state", "updated_at"},
    "invoicing_invoiceline": set(),
    "invoicing_payment": set(),
    "invoicing_invoicetransition": set(),
    "wages_groupemployment": {"last_month"},
    "wages_payrollexport": set(),
    "wages_payrollline": set(),
    "wages_groupstatement": set(),
    "wages_groupstatementline": set(),
    "audit_auditevent": {"actor_id"},
    "governance_statutes": set(),
    "governance_proposal": {
        "state",
        "updated_at",
        "statutes_id",
        "voting_opens_at",
        "voting_closes_at",
    },
    "governance_proposaltransition": set(),
    "governance_unionopinion": set(),
    "governance_participation": set(),
    "governance_ballot": set(),
    "governance_decision": set(),
    "economics_assumptions": set(),
    "economics_grant": set(),
    "credentials_certification": {"state", "updated_at"},
    "credentials_certificationsignature": set(),
    "credentials_certificationtransition": set(),
    "credentials_issuedcredential": {"revoked_at", "revocation_reason"},
    "training_sessiontransition": set(),
    "accounts_rolechange": set(),
    "accounts_profilereviewtransition": set(),
}


@pytest.mark.parametrize("table", sorted(PROTECTED))
def test_every_protected_table_keeps_its_triggers(table):
    """On SQLite, a later migration that rebuilds a table (most alterations do) drops its
    triggers: it must call protect() again. On SQLite the triggers also name the columns
    they compare: a column added since must be compared too."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
            assert f"{table}_immutable" in {name for (name,) in cursor.fetchall()}
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        triggers = dict(cursor.fetchall())
        columns = connection.introspection.get_table_description(cursor, table)
    assert {f"{table}_no_delete", f"{table}_no_update"} <= set(triggers)
    compared = {
        column.name
        for column in columns
        if f'NEW."{column.name}"' in triggers[f"{table}_no_update"]
    }
    assert {column.name for column in columns} - compared - PROTECTED[table] == set()
    assert "id" in compared
