"""The contract proposal as a PDF, built by the platform's one document builder."""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _

from maillage.core.documents.pdf import document
from maillage.core.formatting import format_money
from maillage.employment.models import ContractProposal


def contract_pdf(proposal: ContractProposal, *, language: str | None = None) -> bytes:
    """A permanent part-time contract proposal: hours, wage and the monthly payslip."""
    language = language or translation.get_language() or "fr"
    with translation.override(language):
        return _contract_pdf(proposal, language)


def _contract_pdf(proposal: ContractProposal, language: str) -> bytes:
    figures = proposal.figures

    def money(amount) -> str:
        return format_money(amount, language)

    title = _("Permanent part-time contract proposal — %(worker)s") % {"worker": proposal.worker}
    intro = [
        _("Start date: %(date)s.") % {"date": formats.date_format(proposal.start_date)},
        _("Hours: %(hours)s a week, %(monthly)s paid hours a month.")
        % {
            "hours": formats.number_format(proposal.weekly_hours, 2, use_l10n=True),
            "monthly": formats.number_format(proposal.monthly_hours, use_l10n=True),
        },
        _("Hourly wage: %(pay)s gross (charter floor: %(floor)s).")
        % {"pay": money(proposal.hourly_gross), "floor": money(proposal.floor_hourly_gross)},
    ]
    rows = [
        [_("Monthly payslip (OpenFisca-France)"), _("Amount")],
        [_("Gross wage"), money(figures.get("gross", proposal.monthly_gross))],
        [_("Employee contributions"), money(figures.get("employee_contributions", 0))],
        [
            _("Employer contributions (after the general reduction)"),
            money(figures.get("employer_contributions", 0)),
        ],
        [_("Net pay"), money(figures.get("net_pay", 0))],
    ]
    outro = [
        _("Employer cost: %(cost)s a month.") % {"cost": money(figures.get("employer_cost", 0))},
        _("State: %(state)s.") % {"state": proposal.get_state_display()},
        _(
            "The hours are the lowest weekly portfolio of the published plan: "
            "always covered by planned work."
        ),
    ]
    return document(title=title, intro=intro, rows=rows, outro=outro, language=language)
