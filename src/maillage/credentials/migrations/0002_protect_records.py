"""Signatures, transitions and issued credentials are never rewritten nor deleted.

A certification only moves its state along its lifecycle; a credential only gets its
revocation date and reason, once (core/immutability.py).
"""

from django.db import migrations

from maillage.core.immutability import protect


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0001_initial"),
    ]

    operations = [
        protect(
            "credentials_certification",
            mutable=["updated_at"],
            moves={
                "state": [
                    ("pending", "certified"),
                    ("pending", "cancelled"),
                    ("certified", "withdrawn"),
                ]
            },
        ),
        protect("credentials_certificationsignature"),
        protect("credentials_certificationtransition"),
        protect("credentials_issuedcredential", set_once=["revoked_at", "revocation_reason"]),
    ]
