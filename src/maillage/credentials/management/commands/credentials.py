"""Write every issued credential as a JSON file (a VC 2.0 enveloped credential)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from maillage.credentials.models import IssuedCredential
from maillage.credentials.selectors import enveloped


class Command(BaseCommand):
    help = "--export DIR: write each issued credential to DIR/<id>.json (revoked ones too)."

    def add_arguments(self, parser):
        parser.add_argument("--export", type=Path, required=True, metavar="DIR")

    def handle(self, *args, **options):
        directory: Path = options["export"]
        directory.mkdir(parents=True, exist_ok=True)
        count = 0
        for credential in IssuedCredential.objects.order_by("pk").iterator():
            path = directory / f"{credential.public_id}.json"
            path.write_text(json.dumps(enveloped(credential), indent=2) + "\n", encoding="utf-8")
            count += 1
        self.stdout.write(f"Wrote {count} credential(s) to {directory}.")
