"""Charter versions, their floors, quotes and quote transitions are never rewritten.

A charter is marked superseded once, when the next version is issued; a quote's state moves
issued → accepted, refused or superseded (its ``updated_at`` with it), never its amounts.
Nothing is deleted: the foreign keys into these rows PROTECT (core/immutability.py).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ('pricing', '0002_quote_floor_matches_charter'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='charter',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='charterpreparation',
            name='charter',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='preparations', to='pricing.charter'),
        ),
        migrations.AlterField(
            model_name='charterrate',
            name='charter',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rates', to='pricing.charter'),
        ),
        migrations.AlterField(
            model_name='quote',
            name='issued_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='quotetransition',
            name='quote',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transitions', to='pricing.quote'),
        ),
        protect("pricing_charter", set_once=["superseded_at"]),
        protect("pricing_charterrate"),
        protect("pricing_charterpreparation"),
        protect(
            "pricing_quote",
            mutable=["updated_at"],
            moves={
                "state": [("issued", "accepted"), ("issued", "refused"), ("issued", "superseded")]
            },
        ),
        protect("pricing_quotetransition"),
    ]
