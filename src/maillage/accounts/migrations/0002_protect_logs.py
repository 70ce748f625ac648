"""The log of roles granted and withdrawn, and the profile review transitions, are written once
(core/immutability.py)."""

from django.db import migrations

from maillage.core.immutability import protect


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        protect("accounts_rolechange"),
        protect("accounts_profilereviewtransition"),
    ]
