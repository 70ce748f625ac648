"""Remove what is past its duration (docs/personal-data.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from maillage.accounts.retention import purge_expired


class Command(BaseCommand):
    help = "Delete or pseudonymise the personal data past its retention duration."

    def handle(self, *args: Any, **options: Any) -> None:
        for kind, count in purge_expired().items():
            self.stdout.write(f"{kind}: {count}")
