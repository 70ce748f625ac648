"""Replacements and a buyer's cancellations: a replacement row (no assignment, `replaces` the
absent worker's row, which becomes "replaced"), and a cancellation's billable flag and reason.

(The name is the one another app's first migration already depends on.)
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consolidation', '0005_protect_versioned_records'),
        ('execution', '0002_protect_versioned_records'),
        ('missions', '0003_protect_versioned_records'),
        ('people', '0002_availability_no_overlap'),
    ]

    operations = [
        migrations.AddField(
            model_name='occurrence',
            name='cancel_reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='cancellation reason'),
        ),
        migrations.RemoveConstraint(
            model_name='occurrence',
            name='occurrence_state_known',
        ),
        migrations.RemoveConstraint(
            model_name='occurrence',
            name='occurrence_one_current_row_per_uid',
        ),
        migrations.AddField(
            model_name='occurrence',
            name='billable',
            field=models.BooleanField(default=False, verbose_name='billable'),
        ),
        migrations.AddField(
            model_name='occurrence',
            name='replaces',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replaced_by', to='execution.occurrence', verbose_name='replaces'),
        ),
        migrations.AlterField(
            model_name='occurrence',
            name='assignment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='occurrences', to='consolidation.planassignment', verbose_name='assignment'),
        ),
        migrations.AlterField(
            model_name='occurrence',
            name='state',
            field=models.CharField(choices=[('planned', 'Planned'), ('to_replace', 'To replace'), ('cancelled', 'Cancelled'), ('done', 'Done'), ('replaced', 'Replaced'), ('superseded', 'Superseded by a newer plan')], default='planned', max_length=12, verbose_name='state'),
        ),
        migrations.AddConstraint(
            model_name='occurrence',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['planned', 'to_replace', 'cancelled', 'done', 'replaced', 'superseded'])), name='occurrence_state_known', violation_error_message='Unknown occurrence state.'),
        ),
        migrations.AddConstraint(
            model_name='occurrence',
            constraint=models.CheckConstraint(condition=models.Q(('assignment__isnull', False), ('replaces__isnull', False), _connector='OR'), name='occurrence_from_plan_or_replacement', violation_error_message="An occurrence dates a plan's assignment or replaces another occurrence."),
        ),
        migrations.AddConstraint(
            model_name='occurrence',
            constraint=models.CheckConstraint(condition=models.Q(('billable', False), ('state__in', ['cancelled', 'superseded']), _connector='OR'), name='occurrence_billable_only_cancelled', violation_error_message='Only a cancelled occurrence is billed as cancelled.'),
        ),
        migrations.AddConstraint(
            model_name='occurrence',
            constraint=models.UniqueConstraint(condition=models.Q(('state__in', ['superseded', 'replaced']), _negated=True), fields=('uid',), name='occurrence_one_current_row_per_uid', violation_error_message='This occurrence already exists in the current plan.'),
        ),
    ]
