"""Plan versions, assignments, unassigned needs, transitions and answers are never rewritten.

A version's state moves draft → published → superseded (its ``updated_at`` with it); an answer
may be marked reviewed once. Nothing else of these rows changes, and none is deleted: the
foreign keys into them PROTECT rather than cascade (core/immutability.py).
"""

import django.db.models.deletion
from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ('consolidation', '0004_pairrule_revoked_by'),
    ]

    operations = [
        migrations.AlterField(
            model_name='assignmentresponse',
            name='assignment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='consolidation.planassignment'),
        ),
        migrations.AlterField(
            model_name='planassignment',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='consolidation.planversion'),
        ),
        migrations.AlterField(
            model_name='plantransition',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transitions', to='consolidation.planversion'),
        ),
        migrations.AlterField(
            model_name='planunassigned',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='unassigned', to='consolidation.planversion'),
        ),
        protect(
            "consolidation_planversion",
            mutable=["updated_at"],
            moves={"state": [("draft", "published"), ("published", "superseded")]},
        ),
        protect("consolidation_plantransition"),
        protect("consolidation_planassignment"),
        protect("consolidation_planunassigned"),
        protect("consolidation_assignmentresponse", set_once=["resolved_at"]),
    ]
