"""Rows the platform promises never to change in place, guarded by the database itself.

Plan versions, assignments, quotes, charters, contract proposals and every transition log are
written once. The services only ever move a lifecycle column (a plan's ``state``, a charter's
``superseded_at``); the admin is read-only. Neither stops a shell, a script or a future page
from rewriting history, so each protected table gets a BEFORE UPDATE/DELETE trigger:

- PostgreSQL: one plpgsql function per table. It compares the whole row as JSON (``to_jsonb``
  of OLD and NEW) minus the columns allowed to move, so a column added later is protected
  without touching the trigger. It raises ``restrict_violation`` (an IntegrityError).
- SQLite (demo, tests): triggers with ``RAISE(ABORT, ...)``. SQLite has no row-as-a-value,
  so the trigger names the columns the table has when the migration runs.

A column may be *mutable* (anything goes: ``updated_at``), move along listed *moves* only
(``state``: draft→published→superseded, never back), or be *set once* (NULL, then a value
that never changes again: ``superseded_at``). Deleting a protected row is always refused.

Each app's migration calls ``protect()``. Two consequences for later migrations:

- On SQLite, Django rebuilds a table for most alterations (new constraint, changed column),
  and the rebuild drops its triggers: a migration that alters a protected table must call
  ``protect()`` again after the alteration (tests/core/test_immutability.py fails otherwise).
- A data migration that must rewrite protected rows runs inside ``rewrites_allowed()``, as do
  the two legitimate erasers: ``flush`` (tests) and the demo's reset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, migrations, transaction

#: PostgreSQL: a transaction-local setting that lets the transaction rewrite protected rows.
BYPASS_SETTING = "maillage.rewrite_allowed"
#: SQLite has no session settings: a row in this table (inside a transaction) does the same.
BYPASS_TABLE = "maillage_rewrite_allowed"
#: Every refusal starts with this, whatever the engine.
ERROR_PREFIX = "immutable_record"

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def _name(value: str) -> str:
    """A table, column or state written into SQL: plain lowercase identifiers only."""
    if not _NAME.match(value):
        raise ValueError(f"Not a plain identifier: {value!r}")
    return value


@dataclass(frozen=True)
class Protection:
    """What may still change in a protected table (everything else never does)."""

    table: str
    mutable: tuple[str, ...] = ()
    moves: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    set_once: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in (self.table, *self.mutable, *self.moves, *self.set_once):
            _name(name)
        for pairs in self.moves.values():
            for old, new in pairs:
                _name(old)
                _name(new)

    @property
    def movable(self) -> tuple[str, ...]:
        """Columns that may change in some way."""
        return (*self.mutable, *self.moves, *self.set_once)

    @property
    def function(self) -> str:
        return f"{self.table}_immutable"


def postgresql_sql(protection: Protection) -> tuple[list[str], list[str]]:
    """The statements creating, then dropping, a table's trigger on PostgreSQL."""
    table = protection.table
    movable = ", ".join(f"'{column}'" for column in protection.movable)
    checks = []
    for column, pairs in protection.moves.items():
        allowed = ", ".join(f"('{old}', '{new}')" for old, new in pairs) or "(NULL, NULL)"
        checks.append(
            f"""
    IF NEW.{column} IS DISTINCT FROM OLD.{column}
       AND (OLD.{column}, NEW.{column}) NOT IN ({allowed}) THEN
        RAISE EXCEPTION '{ERROR_PREFIX}: {table}.{column} cannot move from % to % (id %)',
            OLD.{column}, NEW.{column}, OLD.id USING ERRCODE = 'restrict_violation';
    END IF;"""
        )
    for column in protection.set_once:
        checks.append(
            f"""
    IF OLD.{column} IS NOT NULL AND NEW.{column} IS DISTINCT FROM OLD.{column} THEN
        RAISE EXCEPTION '{ERROR_PREFIX}: {table}.{column} is set once (id %)', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;"""
        )
    function = f"""
CREATE OR REPLACE FUNCTION {protection.function}() RETURNS trigger AS $$
DECLARE
    changed text;
BEGIN
    IF current_setting('{BYPASS_SETTING}', true) = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '{ERROR_PREFIX}: a row of {table} is never deleted (id %)', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    SELECT string_agg(n.key, ', ' ORDER BY n.key) INTO changed
      FROM jsonb_each(to_jsonb(NEW)) AS n
     WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key
       AND n.key <> ALL (ARRAY[{movable}]::text[]);
    IF changed IS NOT NULL THEN
        RAISE EXCEPTION '{ERROR_PREFIX}: {table}.% never changes (id %)', changed, OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;{"".join(checks)}
    RETURN NEW;
END $$ LANGUAGE plpgsql"""
    forward = [
        function,
        f"DROP TRIGGER IF EXISTS {protection.function} ON {table}",
        f"CREATE TRIGGER {protection.function} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {protection.function}()",
    ]
    reverse = [
        f"DROP TRIGGER IF EXISTS {protection.function} ON {table}",
        f"DROP FUNCTION IF EXISTS {protection.function}()",
    ]
    return forward, reverse


def sqlite_sql(protection: Protection, columns: Iterable[str]) -> tuple[list[str], list[str]]:
    """The statements creating, then dropping, a table's triggers on SQLite.

    ``columns`` are the table's columns: every one not allowed to move is compared.
    """
    table = protection.table
    unless_allowed = f"NOT EXISTS (SELECT 1 FROM {BYPASS_TABLE})"
    changes = [
        f'NEW."{column}" IS NOT OLD."{column}"'
        for column in columns
        if column not in protection.movable
    ]
    for column, pairs in protection.moves.items():
        allowed = " OR ".join(
            f"(OLD.\"{column}\" = '{old}' AND NEW.\"{column}\" = '{new}')" for old, new in pairs
        )
        changes.append(f'(NEW."{column}" IS NOT OLD."{column}" AND NOT ({allowed or "0"}))')
    for column in protection.set_once:
        changes.append(f'(OLD."{column}" IS NOT NULL AND NEW."{column}" IS NOT OLD."{column}")')
    forward = [
        f"CREATE TABLE IF NOT EXISTS {BYPASS_TABLE} (allowed integer NOT NULL)",
        f"DROP TRIGGER IF EXISTS {table}_no_delete",
        f'CREATE TRIGGER {table}_no_delete BEFORE DELETE ON "{table}" WHEN {unless_allowed} '
        f"BEGIN SELECT RAISE(ABORT, '{ERROR_PREFIX}: a row of {table} is never deleted'); END",
        f"DROP TRIGGER IF EXISTS {table}_no_update",
        f'CREATE TRIGGER {table}_no_update BEFORE UPDATE ON "{table}" '
        f"WHEN {unless_allowed} AND ({' OR '.join(changes) or '0'}) "
        f"BEGIN SELECT RAISE(ABORT, '{ERROR_PREFIX}: {table} rows never change "
        f"(but for {', '.join(protection.movable) or 'nothing'}, along their lifecycle)'); END",
    ]
    reverse = [
        f"DROP TRIGGER IF EXISTS {table}_no_delete",
        f"DROP TRIGGER IF EXISTS {table}_no_update",
    ]
    return forward, reverse


def _statements(protection: Protection, schema_editor, *, reverse: bool) -> list[str]:
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        return postgresql_sql(protection)[reverse]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            description = connection.introspection.get_table_description(cursor, protection.table)
        return sqlite_sql(protection, [column.name for column in description])[reverse]
    return []  # no other engine is supported by the platform


def protect(
    table: str,
    *,
    mutable: Iterable[str] = (),
    moves: Mapping[str, Iterable[tuple[str, str]]] | None = None,
    set_once: Iterable[str] = (),
) -> migrations.RunPython:
    """A migration operation: refuse every delete and every change to ``table``'s rows, but
    for the ``mutable`` columns, the ``moves`` of a state column and the ``set_once`` ones."""
    protection = Protection(
        table=table,
        mutable=tuple(mutable),
        moves={column: tuple(pairs) for column, pairs in (moves or {}).items()},
        set_once=tuple(set_once),
    )

    def create(apps, schema_editor) -> None:
        for statement in _statements(protection, schema_editor, reverse=False):
            schema_editor.execute(statement, params=None)

    def drop(apps, schema_editor) -> None:
        for statement in _statements(protection, schema_editor, reverse=True):
            schema_editor.execute(statement, params=None)

    return migrations.RunPython(create, drop)


@contextmanager
def rewrites_allowed(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let the enclosed statements change or delete protected rows, in one transaction.

    For erasing on purpose only: flushing a test database, resetting the demo territory, a
    reviewed data migration. If the block fails, the rollback also ends the allowance.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, 'on', true)", [BYPASS_SETTING])
            elif connection.vendor == "sqlite":
                cursor.execute(
                    f"CREATE TABLE IF NOT EXISTS {BYPASS_TABLE} (allowed integer NOT NULL)"
                )
                cursor.execute(f"INSERT INTO {BYPASS_TABLE} (allowed) VALUES (1)")
        yield
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, 'off', true)", [BYPASS_SETTING])
            elif connection.vendor == "sqlite":
                cursor.execute(f"DELETE FROM {BYPASS_TABLE}")
