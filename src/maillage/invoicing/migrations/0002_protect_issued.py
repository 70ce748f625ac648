"""Issued invoices, their lines, payments and log are never rewritten nor deleted.

Only an invoice's state moves (issued → partially paid → paid, issued → paid), with its
``updated_at``: a correction is a credit note, a new row (core/immutability.py).
"""

from django.db import migrations

from maillage.core.immutability import protect


class Migration(migrations.Migration):

    dependencies = [
        ("invoicing", "0001_initial"),
    ]

    operations = [
        protect(
            "invoicing_invoice",
            mutable=["updated_at"],
            moves={
                "state": [
                    ("issued", "partially_paid"),
                    ("issued", "paid"),
                    ("partially_paid", "paid"),
                ]
            },
        ),
        protect("invoicing_invoiceline"),
        protect("invoicing_payment"),
        protect("invoicing_invoicetransition"),
    ]
