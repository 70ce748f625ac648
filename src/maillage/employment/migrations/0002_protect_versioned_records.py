"""Contract proposals and their transitions are never rewritten.

A proposal's state moves proposed → issued → signed, or to withdrawn (its ``updated_at`` with
it), never its terms; nothing is deleted (core/immutability.py).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ('employment', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='contractproposal',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='contracttransition',
            name='proposal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transitions', to='employment.contractproposal'),
        ),
        protect(
            "employment_contractproposal",
            mutable=["updated_at"],
            moves={
                "state": [
                    ("proposed", "issued"),
                    ("proposed", "withdrawn"),
                    ("issued", "signed"),
                    ("issued", "withdrawn"),
                ]
            },
        ),
        protect("employment_contracttransition"),
    ]
