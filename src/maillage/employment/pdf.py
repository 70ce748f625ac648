"""The contract proposal as a PDF document (same layout as the quotes)."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from maillage.employment.models import ContractProposal
from maillage.pricing.pdf import document, euros


def contract_pdf(proposal: ContractProposal) -> bytes:
    """A permanent part-time contract proposal: hours, wage and the monthly payslip."""
    figures = proposal.figures
    title = _("Permanent part-time contract proposal — %(worker)s") % {"worker": proposal.worker}
    intro = [
        _("Start date: %(date)s.") % {"date": formats.date_format(proposal.start_date)},
        _("Hours: %(hours)s a week, %(monthly)s paid hours a month.")
        % {
            "hours": formats.number_format(proposal.weekly_hours, 2),
            "monthly": proposal.monthly_hours,
        },
        _("Hourly wage: %(pay)s gross (charter floor: %(floor)s).")
        % {"pay": euros(proposal.hourly_gross), "floor": euros(proposal.floor_hourly_gross)},
    ]
    rows = [
        [_("Monthly payslip (OpenFisca-France)"), _("Amount")],
        [_("Gross wage"), euros(figures.get("gross", proposal.monthly_gross))],
        [_("Employee contributions"), euros(figures.get("employee_contributions", 0))],
        [
            _("Employer contributions (after the general reduction)"),
            euros(figures.get("employer_contributions", 0)),
        ],
        [_("Net pay"), euros(figures.get("net_pay", 0))],
    ]
    outro = [
        _("Employer cost: %(cost)s a month.") % {"cost": euros(figures.get("employer_cost", 0))},
        _("State: %(state)s.") % {"state": proposal.get_state_display()},
        _(
            "The hours are the lowest weekly portfolio of the published plan: "
            "always covered by planned work."
        ),
    ]
    return document(title, intro, rows, outro)
