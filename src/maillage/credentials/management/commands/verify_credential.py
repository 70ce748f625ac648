"""Print the verdict on a credential file as JSON; exit 0 only when it is valid."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.credentials.verification import verify


class Command(BaseCommand):
    help = "Verify FILE (compact vc+jwt or enveloped JSON): valid, revoked, expired, invalid..."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        verdict = verify(text)
        self.stdout.write(json.dumps(verdict.as_json(), ensure_ascii=False, indent=2))
        if not verdict.is_valid:
            sys.exit(1)
