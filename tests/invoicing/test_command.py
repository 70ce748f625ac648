"""manage.py invoices: drafts, --issue, --output (Factur-X PDFs) and --chorus."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from maillage.invoicing.models import Invoice, InvoiceDraft


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("invoices", *args, stdout=out)
    return out.getvalue()


def test_drafts_then_issue_then_files(month, tmp_path):
    out = run("--month", "2026-11")
    assert "2 draft(s) for 2026-11" in out
    assert InvoiceDraft.objects.count() == 2
    assert not Invoice.objects.exists()

    out = run(
        "--month",
        "2026-11",
        "--issue",
        "--output",
        str(tmp_path / "pdf"),
        "--chorus",
        str(tmp_path / "chorus"),
    )

    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert len(numbers) == 2
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [f"{n}.pdf" for n in numbers]
    for path in (tmp_path / "pdf").iterdir():
        assert list(PdfReader(path).attachments) == ["factur-x.xml"]
    town_hall = Invoice.objects.get(buyer=month.town_hall)
    assert (tmp_path / "chorus" / month.town_hall.siret / f"{town_hall.number}.pdf").exists()
    index = (tmp_path / "chorus" / "index.csv").read_text().splitlines()
    assert len(index) == 2
    assert "SERVICE-NUM;EJ-2026-0042" in index[1]
    # Issued once: the next run has nothing left to draft.
    assert "0 draft(s)" in run("--month", "2026-11", "--issue")


def test_unvalidated_timesheets_are_said(unvalidated_month):
    out = run("--month", "2026-11")
    assert "0 draft(s) for 2026-11, 8 timesheet(s) awaiting validation" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("novembre", "Indiquez un mois au format AAAA-MM."),
        ("2026-1", "Indiquez un mois au format AAAA-MM."),
        ("0000-05", "Indiquez un mois entre 1970 et 2199."),
        ("9999-12", "Indiquez un mois entre 1970 et 2199."),
    ],
)
def test_a_wrong_month_is_refused_with_the_reason(month, message):
    with pytest.raises(CommandError) as refused:
        run("--month", month)

    assert str(refused.value) == f"--month {month!r}: {message}"
