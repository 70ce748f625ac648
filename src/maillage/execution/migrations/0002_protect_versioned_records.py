"""An occurrence's transitions are never rewritten nor deleted (core/immutability.py)."""

import django.db.models.deletion
from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ('execution', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='occurrencetransition',
            name='occurrence',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transitions', to='execution.occurrence'),
        ),
        protect("execution_occurrencetransition"),
    ]
