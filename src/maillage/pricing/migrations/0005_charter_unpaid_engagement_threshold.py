"""The charter's threshold of unpaid engagement (sponsorship, volunteering) per buyer.

SQLite rebuilds the table to add a column, which drops its triggers: protect it again.
"""

from decimal import Decimal

from django.db import migrations, models

from maillage.core.immutability import protect


class Migration(migrations.Migration):
    dependencies = [
        ("pricing", "0004_charter_after_planning_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="charter",
            name="unpaid_engagement_threshold",
            field=models.DecimalField(
                decimal_places=4,
                default=Decimal("0.25"),
                help_text=(
                    "Share of a buyer's hours (paid, sponsored and volunteered) that are unpaid; "
                    "0.25 is a quarter."
                ),
                max_digits=6,
                verbose_name="warning when a buyer's unpaid hours exceed this share",
            ),
        ),
        migrations.AddConstraint(
            model_name="charter",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("unpaid_engagement_threshold__gte", 0),
                    ("unpaid_engagement_threshold__lte", 1),
                ),
                name="charter_unpaid_engagement_threshold_range",
                violation_error_message="The unpaid hours threshold is between 0 and 1.",
            ),
        ),
        # Re-applied after the table rebuild (SQLite drops triggers with the old table).
        protect("pricing_charter", set_once=["superseded_at"]),
    ]
