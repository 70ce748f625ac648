"""Two availability windows of a worker never overlap on the same day, whatever the path.

PostgreSQL only (an exclusion constraint over int4range with btree_gist); on SQLite the
service's row lock on the worker serialises the check (SQLite writes one at a time anyway).
"""

from django.db import migrations

CONSTRAINT = "availability_no_overlap"
TABLE = "people_availabilitywindow"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(worker_id WITH =, weekday WITH =, int4range(start_minute, end_minute) WITH &&)"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
