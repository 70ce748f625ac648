"""A quote's floor must be its charter's floor for its kind and band, whatever writes the row.

The check constraints already keep a quote's pay at or above the floor stored on the quote;
this trigger closes the last path (a raw import that stores a lower floor with a lower pay).
"""

from django.db import migrations

POSTGRESQL = """
CREATE OR REPLACE FUNCTION pricing_quote_floor_matches_charter() RETURNS trigger AS $$
DECLARE charter_floor numeric;
BEGIN
    SELECT floor_hourly_gross INTO charter_floor FROM pricing_charterrate
     WHERE charter_id = NEW.charter_id AND kind = NEW.kind AND band = NEW.band;
    IF charter_floor IS NULL OR NEW.floor_hourly_gross < charter_floor THEN
        RAISE EXCEPTION 'quote_floor_below_charter: % < %', NEW.floor_hourly_gross, charter_floor
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER pricing_quote_floor_matches_charter
    BEFORE INSERT OR UPDATE ON pricing_quote
    FOR EACH ROW EXECUTE FUNCTION pricing_quote_floor_matches_charter();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER IF EXISTS pricing_quote_floor_matches_charter ON pricing_quote;
DROP FUNCTION IF EXISTS pricing_quote_floor_matches_charter();
"""

# SQLite keeps decimals as numbers of limited precision: compare with a tenth of a cent margin.
SQLITE_CONDITION = """
WHEN NOT EXISTS (
    SELECT 1 FROM pricing_charterrate AS rate
     WHERE rate.charter_id = NEW.charter_id AND rate.kind = NEW.kind AND rate.band = NEW.band
       AND CAST(rate.floor_hourly_gross AS REAL) <= CAST(NEW.floor_hourly_gross AS REAL) + 0.001
)
BEGIN SELECT RAISE(ABORT, 'quote_floor_below_charter'); END;
"""
SQLITE = [
    f"CREATE TRIGGER pricing_quote_floor_on_{event.lower()} BEFORE {event} ON pricing_quote "
    + SQLITE_CONDITION
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS pricing_quote_floor_on_{event}" for event in ("insert", "update")
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REVERSE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("pricing", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
