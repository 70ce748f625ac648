"""Two coordinators issue at the same moment, each in a thread with its own connection: no
number is shared or skipped (PostgreSQL only: SQLite serialises every writer anyway)."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

from maillage.invoicing.models import Invoice, InvoiceSequence
from maillage.invoicing.services import issue_draft
from tests.factories import OrganisationFactory
from tests.factories.invoicing import ISSUE_DAY, draft_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="row locks between two connections need PostgreSQL: set DATABASE_URL "
        "to a PostgreSQL server (CI does)",
    ),
]

PER_THREAD = 5


def test_concurrent_issues_never_share_nor_skip_a_number(territory):
    drafts = [draft_for(OrganisationFactory(territory=territory)) for _ in range(2 * PER_THREAD)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def issue(mine):
        try:
            start.wait(timeout=30)
            for draft in mine:
                issue_draft(draft=draft, by=None, today=ISSUE_DAY)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(drafts[index::2],)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("sequence_number", flat=True))
    assert numbers == list(range(1, 2 * PER_THREAD + 1))
    assert len(set(Invoice.objects.values_list("number", flat=True))) == 2 * PER_THREAD
    assert InvoiceSequence.objects.get(year=2026).last_number == 2 * PER_THREAD
