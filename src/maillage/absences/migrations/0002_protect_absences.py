"""An absence is never rewritten nor deleted: it only moves from declared to withdrawn (its
``updated_at`` with it); its transitions are never touched (core/immutability.py)."""

from django.db import migrations

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ("absences", "0001_initial"),
    ]

    operations = [
        protect(
            "absences_absence",
            mutable=("updated_at",),
            moves={"state": (("declared", "withdrawn"),)},
        ),
        protect("absences_absencetransition"),
    ]
