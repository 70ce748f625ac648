"""manage.py api_token --user EMAIL --scopes read,needs [--days N] [--name NAME]: a new token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.people.models import User
from maillage.tokens.services import DEFAULT_DAYS, issue_token


class Command(BaseCommand):
    help = "Print a new API token for a user (shown once; only its hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the user's email address")
        parser.add_argument("--scopes", required=True, help="comma-separated, e.g. read,needs")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="days until expiry")
        parser.add_argument("--name", default="manage.py api_token", help="a name to find it by")

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(f"No user with the email {options['user']}.")
        try:
            issued = issue_token(
                user=user, name=options["name"], scopes=options["scopes"], days=options["days"]
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stderr.write(
            f"Token {issued.token.prefix}… for {user.email}, scopes {issued.token.scopes},"
            f" expires {issued.token.expires_at:%Y-%m-%d %H:%M %Z}. Keep it: it is shown once."
        )
        self.stdout.write(issued.secret)
