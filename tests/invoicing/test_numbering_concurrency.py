"""Two coordinators issue at the same moment, each in a thread with its own connection: no
number is shared or skipped (PostgreSQL only: SQLite serialises every writer anyway)."""

from __future__ import annotations

import os

import pytest

from maillage.invoicing.models import Invoice, InvoiceSequence
from maillage.invoicing.services import issue_draft
from tests.concurrency import at_once
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

    def issuing(mine):
        def issue():
            for draft in mine:
                issue_draft(draft=draft, by=None, today=ISSUE_DAY)

        return issue

    _, errors = at_once(issuing(drafts[0::2]), issuing(drafts[1::2]))

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("sequence_number", flat=True))
    assert numbers == list(range(1, 2 * PER_THREAD + 1))
    assert len(set(Invoice.objects.values_list("number", flat=True))) == 2 * PER_THREAD
    assert InvoiceSequence.objects.get(year=2026).last_number == 2 * PER_THREAD
