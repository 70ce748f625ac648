"""Timesheet versions, their lines and the transition log are never rewritten.

A timesheet only moves its state along its lifecycle (its ``updated_at`` with it); a version
is superseded once, when the next one is written (core/immutability.py).
"""

from django.db import migrations

from maillage.core.immutability import protect


class Migration(migrations.Migration):
    dependencies = [
        ("timesheets", "0001_initial"),
    ]

    operations = [
        protect(
            "timesheets_timesheet",
            mutable=["updated_at"],
            moves={
                "state": [
                    ("declared", "disputed"),
                    ("declared", "validated"),
                    ("disputed", "declared"),
                    ("disputed", "validated"),
                    ("to_declare", "declared"),
                    ("validated", "declared"),
                ]
            },
        ),
        protect("timesheets_timesheetversion", set_once=["superseded_at"]),
        protect("timesheets_timesheetline"),
        protect("timesheets_timesheettransition"),
    ]
