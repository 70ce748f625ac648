"""`flush`, allowed to erase the protected rows too (maillage.core.immutability).

Flushing erases every row on purpose: transactional tests flush the test database after each
test. PostgreSQL truncates (no row trigger fires); SQLite deletes row by row, which the
triggers of the protected tables would refuse without the allowance.
"""

from django.core.management.commands import flush

from maillage.core.immutability import rewrites_allowed


class Command(flush.Command):
    def handle(self, **options):
        with rewrites_allowed(options["database"]):
            return super().handle(**options)
