"""A need's transitions are never rewritten nor deleted; a need with a history is kept."""

import django.db.models.deletion
from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ('missions', '0002_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='missiontransition',
            name='mission',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transitions', to='missions.mission'),
        ),
        protect("missions_missiontransition"),
    ]
