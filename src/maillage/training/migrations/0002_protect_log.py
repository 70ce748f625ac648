"""A session's transition log is never rewritten nor deleted (core/immutability.py)."""

from django.db import migrations

from maillage.core.immutability import protect


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
    ]

    operations = [
        protect("training_sessiontransition"),
    ]
