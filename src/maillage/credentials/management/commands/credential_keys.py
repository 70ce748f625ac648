"""Create, list, rotate or withdraw the cooperative's credential signing keys."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from maillage.credentials import keys


class Command(BaseCommand):
    help = (
        "--create: a new Ed25519 key becomes the signing key (the previous one retires and "
        "keeps verifying); --list; --revoke KID: a compromised key verifies nothing more. "
        "Directory: settings.MAILLAGE_CREDENTIAL_KEYS_DIR (env CREDENTIAL_KEYS_DIR)."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--create", action="store_true", help="create (or rotate to) a key")
        group.add_argument("--list", action="store_true", help="list the keys and their status")
        group.add_argument("--revoke", metavar="KID", help="withdraw a compromised key")

    def handle(self, *args, **options):
        directory = keys.keys_dir()
        if options["create"]:
            kid = keys.create_key(directory=directory)
            self.stdout.write(f"Created {kid} in {directory}; it signs from now on.")
        elif options["revoke"]:
            try:
                keys.revoke_key(options["revoke"], directory=directory)
            except keys.KeyError_ as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Withdrew {options['revoke']}.")
        for key in keys.public_keys(directory=directory):
            self.stdout.write(f"{key.kid}\t{key.status}\t{key.created}")
