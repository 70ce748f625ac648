"""The charter's planning policy: coverage given up for one more person at 24 h.

SQLite rebuilds the table to add a column, which drops its triggers: protect it again.
"""

from decimal import Decimal

from django.conf import settings
from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):
    dependencies = [
        ("pricing", "0005_charter_unpaid_engagement_threshold"),
        ("territory", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="charter",
            name="coverage_points_per_job",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("0.5"),
                max_digits=4,
                verbose_name="points of coverage the plan may give up for one more person at 24 h",
            ),
        ),
        migrations.AddConstraint(
            model_name="charter",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("coverage_points_per_job__gte", 0), ("coverage_points_per_job__lte", 10)
                ),
                name="charter_coverage_points_per_job_range",
                violation_error_message=(
                    "The coverage given up for one more job is between 0 and 10 points."
                ),
            ),
        ),
        # Re-applied after the table rebuild (SQLite drops triggers with the old table).
        protect("pricing_charter", set_once=["superseded_at"]),
    ]
