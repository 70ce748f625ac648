"""The audit log is append-only: no row is changed or deleted (core/immutability.py).

One exception: when an account is deleted, its events forget the account (``actor`` becomes
empty: the foreign key is SET_NULL) and keep the name it had (``actor_label``). A second
trigger lets ``actor_id`` become empty, never point to another account.
"""

from django.db import migrations

from maillage.core.immutability import ERROR_PREFIX, protect

TABLE = "audit_auditevent"

POSTGRESQL_FORWARD = [
    f"""
CREATE OR REPLACE FUNCTION audit_actor_only_forgotten() RETURNS trigger AS $$
BEGIN
    IF NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id THEN
        RAISE EXCEPTION '{ERROR_PREFIX}: {TABLE}.actor_id may only be emptied (id %)', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS audit_actor_only_forgotten ON {TABLE}",
    f"CREATE TRIGGER audit_actor_only_forgotten BEFORE UPDATE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_actor_only_forgotten()",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS audit_actor_only_forgotten ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_actor_only_forgotten()",
]
SQLITE_FORWARD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_actor_only_forgotten",
    f'CREATE TRIGGER {TABLE}_actor_only_forgotten BEFORE UPDATE ON "{TABLE}" '
    'WHEN NEW."actor_id" IS NOT NULL AND NEW."actor_id" IS NOT OLD."actor_id" '
    f"BEGIN SELECT RAISE(ABORT, '{ERROR_PREFIX}: {TABLE}.actor_id may only be emptied'); END",
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {TABLE}_actor_only_forgotten"]


def _run(statements_by_vendor):
    def run(apps, schema_editor) -> None:
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        protect(TABLE, mutable=["actor_id"]),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
