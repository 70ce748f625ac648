"""manage.py demo_logins: the address of the demo and the table of its logins."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from maillage.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_URL
from maillage.people.models import Role


class Command(BaseCommand):
    help = "Print the demo's address and its logins (role, email, password, what to try)."

    def handle(self, *args, **options) -> None:
        role_labels = dict(Role.choices)
        rows = [("Rôle", "Adresse e-mail", "Mot de passe", "À essayer")]
        rows += [
            (str(role_labels[account.role]), account.email, DEMO_PASSWORD, account.what_to_try)
            for account in DEMO_ACCOUNTS
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write(f"Démo Maillage : {DEMO_URL}\n")
        for index, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[3]]).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in [*widths, len(row[3])]))
