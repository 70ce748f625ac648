"""Translatable wording of the status comparison: rights, units and lines, by code.

The OpenFisca adapter returns stable codes with English explanations (for logs and the
API); pages show these gettext strings instead, so every line is translatable.
"""

from django.utils.translation import gettext_lazy as _

RIGHT_LABELS = {
    "unemployment_insurance": _("Unemployment insurance"),
    "paid_leave": _("Paid leave"),
    "sick_pay": _("Sick pay"),
    "pension_quarters": _("Pension quarters validated"),
    "workplace_accident_cover": _("Workplace accident cover"),
}

#: (status, code, granted) -> plain explanation. The same right follows different rules for
#: an employee and a micro-entrepreneur (hours worked vs. declared turnover; an employer
#: top-up or none), so a text is written for each status, not only for granted or not.
RIGHT_EXPLANATIONS = {
    ("salaried", "unemployment_insurance", True): _(
        "You are covered: after 6 months of work in the last 24 months, you can receive "
        "unemployment benefit (ARE)."
    ),
    ("micro", "unemployment_insurance", False): _(
        "No unemployment insurance. Only a small allowance (ATI) if a court closes a viable "
        "business, under income conditions."
    ),
    ("salaried", "paid_leave", True): _(
        "5 weeks of paid leave a year (2.5 working days per month)."
    ),
    ("micro", "paid_leave", False): _("No paid leave: a week without invoices earns nothing."),
    ("salaried", "sick_pay", True): _(
        "Daily allowances from the 4th day off sick (at least 150 hours worked over 3 "
        "months); the employer tops them up after one year."
    ),
    ("salaried", "sick_pay", False): _(
        "No sick pay at these hours: it needs at least 150 hours worked over 3 months."
    ),
    ("micro", "sick_pay", True): _(
        "Daily allowances from the 4th day off sick, because your income (turnover after the "
        "flat allowance) reaches 10 % of the social security ceiling; no employer tops them up."
    ),
    ("micro", "sick_pay", False): _(
        "No sick pay: your income (turnover after the flat allowance) is under 10 % of the "
        "social security ceiling."
    ),
    ("salaried", "pension_quarters", True): _(
        "Quarters counted for your pension: one for each 150 hours of SMIC earned in the "
        "year, 4 at most."
    ),
    ("salaried", "pension_quarters", False): _(
        "No pension quarter this year: the income is under 150 hours of SMIC."
    ),
    ("micro", "pension_quarters", True): _(
        "Quarters counted for your pension from the turnover you declare, after the flat "
        "allowance: about one for each 150 hours of SMIC, 4 at most."
    ),
    ("micro", "pension_quarters", False): _(
        "No pension quarter this year: the turnover after the flat allowance is under about "
        "150 hours of SMIC."
    ),
    ("salaried", "workplace_accident_cover", True): _(
        "Accidents at work and on the way to work are covered from the first day."
    ),
    ("micro", "workplace_accident_cover", False): _(
        "Not covered for accidents at work, unless you pay for a voluntary insurance."
    ),
}


def right_explanation(status: str, code: str, granted: bool):
    """The explanation of one right for one status ("salaried" or "micro")."""
    return RIGHT_EXPLANATIONS[(status, code, granted)]


UNIT_LABELS = {
    "months_of_work_to_qualify": _("months of work to qualify"),
    "working_days_per_year": _("working days a year"),
    "waiting_days": _("waiting days"),
    "quarters_per_year": _("quarters a year"),
}

STATUS_LABELS = {
    "salaried": _("Salaried in the cooperative"),
    "micro": _("Micro-entrepreneur"),
}

LINE_LABELS = {
    "budget": _("Budget paid by the buyers"),
    "contributions": _("Social contributions and taxes"),
    "net_income": _("Net income"),
    "unspent": _("Budget not spent"),
}

NOTE_LABELS = (
    _(
        "The salaried net pay is before income tax (taken at source); the micro-entrepreneur "
        "net includes income tax only with the versement libératoire."
    ),
    _(
        "The salary is paid every month, including the 5 weeks of paid leave; the "
        "micro-entrepreneur turnover assumes every week of the year is invoiced."
    ),
    _("Amounts do not include the cooperative's fee."),
)

ACTIVITY_LABELS = {
    "bnc": _("Liberal profession (BNC)"),
    "bic_services": _("Commercial services (BIC)"),
}
