"""Employer groups' workers, the monthly payroll export and the groups' cost statements.

- ``GroupEmployment``: an employer group (``BuyerGroup`` of kind "employer") employs a worker
  of the carrier structure for whole months, from ``first_month`` (to ``last_month``), and
  adds its fee rate to the cost it shares out among its members.
- ``PayrollExport``: one version of a territory's payroll for a month, with a ``PayrollLine``
  per employee (figures from OpenFisca-France through ``maillage.payroll``). A re-run of the
  same month writes a new version; the latest version is the current one.
- ``GroupStatement``: what one member of an employer group owes for a month, computed from
  one export version, with a ``GroupStatementLine`` per worker of the group.

Every row is written once and never changed (database triggers, see
``core/immutability.py``): a figure shown once never changes; only a group employment's
``last_month`` is set once, when it ends.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Value
from django.utils.translation import gettext_lazy as _

from maillage.core.fields import MONEY, RATE
from maillage.employment.models import ContractProposal
from maillage.people.models import BuyerGroup, Organisation, User, WorkerProfile
from maillage.territory.models import Territory

# SQLite keeps decimals as floating point: sums are compared to the half cent (exact on
# PostgreSQL, where amounts are numeric with two places), as the quotes' parts are.
HALF_CENT = Value(Decimal("0.005"))


def _equals(field: str, expression) -> Q:
    """``field`` equals ``expression`` to the half cent."""
    return Q(**{f"{field}__gt": expression - HALF_CENT, f"{field}__lt": expression + HALF_CENT})


#: Largest fee rate an employer group may add (a share of the employer cost).
MAX_FEE_RATE = Decimal("0.5")


class GroupEmployment(models.Model):
    """An employer group employs a worker for whole months, and adds its fee to the cost."""

    group = models.ForeignKey(
        BuyerGroup,
        verbose_name=_("employer group"),
        on_delete=models.PROTECT,
        related_name="employments",
    )
    worker = models.ForeignKey(
        WorkerProfile,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="group_employments",
    )
    first_month = models.DateField(_("first month"), help_text=_("The first day of the month."))
    last_month = models.DateField(
        _("last month"), null=True, blank=True, help_text=_("Empty while it goes on.")
    )
    fee_rate = models.DecimalField(
        _("group's fee (share of the employer cost)"),
        help_text=_("Added to the employer cost shared among the members (0.08 = 8 %)."),
        **RATE,
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("employment by an employer group")
        verbose_name_plural = _("employments by employer groups")
        ordering = ["-first_month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_month__day=1),
                name="group_employment_first_month_first_day",
                violation_error_message=_("A group employment starts on the first of a month."),
            ),
            models.CheckConstraint(
                condition=Q(last_month__isnull=True)
                | (Q(last_month__day=1) & Q(last_month__gte=F("first_month"))),
                name="group_employment_last_month_after_first",
                violation_error_message=_(
                    "The last month is the first of a month, not before the first month."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fee_rate__gte=0, fee_rate__lt=MAX_FEE_RATE),
                name="group_employment_fee_rate_range",
                violation_error_message=_("The group's fee is between 0 and 50 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} — {self.group}"


class PayrollExport(models.Model):
    """One version of a territory's payroll for a month (the carrier's payroll software input)."""

    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="payroll_exports",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    number = models.PositiveIntegerField(_("version"))
    #: Employer headcount given to OpenFisca (from the pricing charter in force).
    company_size = models.PositiveIntegerField(_("employer headcount"))
    employees = models.PositiveIntegerField(_("employees"))
    gross = models.DecimalField(_("gross pay"), **MONEY)
    net_pay = models.DecimalField(_("net pay"), **MONEY)
    employer_cost = models.DecimalField(_("employer cost"), **MONEY)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payroll export")
        verbose_name_plural = _("payroll exports")
        ordering = ["-month", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "month", "number"],
                name="payroll_export_version_unique",
                violation_error_message=_("This version of the month's payroll already exists."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="payroll_export_month_first_day",
                violation_error_message=_("A month is written as its first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} {self.month:%Y-%m} v{self.number}"

    @property
    def month_label(self) -> str:
        """The month as ``YYYY-MM``."""
        return f"{self.month:%Y-%m}"


class PayrollLine(models.Model):
    """One employee's month: contract, hours, absences and the OpenFisca payslip figures."""

    export = models.ForeignKey(
        PayrollExport, verbose_name=_("export"), on_delete=models.PROTECT, related_name="lines"
    )
    worker = models.ForeignKey(
        WorkerProfile, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(
        ContractProposal, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="+"
    )
    # As they were when the export was computed (a later change of name does not rewrite it).
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    employed_days = models.PositiveSmallIntegerField(_("days employed in the month"))
    contract_hours = models.DecimalField(_("contract hours in the month"), **MONEY)
    worked_minutes = models.PositiveIntegerField(_("validated minutes worked"))
    sickness_days = models.PositiveSmallIntegerField(_("sickness days"))
    leave_days = models.PositiveSmallIntegerField(_("leave days"))
    other_absence_days = models.PositiveSmallIntegerField(_("other absence days"))
    sickness_minutes = models.PositiveIntegerField(_("planned minutes missed, sickness"))
    leave_minutes = models.PositiveIntegerField(_("planned minutes missed, leave"))
    other_absence_minutes = models.PositiveIntegerField(_("planned minutes missed, other"))
    gross = models.DecimalField(_("gross pay"), **MONEY)
    employee_contributions = models.DecimalField(_("employee contributions"), **MONEY)
    employer_contributions = models.DecimalField(_("employer contributions"), **MONEY)
    general_reduction = models.DecimalField(_("general reduction"), **MONEY)
    net_pay = models.DecimalField(_("net pay"), **MONEY)
    employer_cost = models.DecimalField(_("employer cost"), **MONEY)

    class Meta:
        verbose_name = _("payroll line")
        verbose_name_plural = _("payroll lines")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["export", "worker"],
                name="payroll_line_one_per_worker",
                violation_error_message=_("A worker has one line in a payroll export."),
            ),
            models.CheckConstraint(
                condition=_equals("employer_cost", F("gross") + F("employer_contributions")),
                name="payroll_line_cost_adds_up",
                violation_error_message=_(
                    "The employer cost is the gross pay plus the employer contributions."
                ),
            ),
            models.CheckConstraint(
                condition=_equals("net_pay", F("gross") - F("employee_contributions")),
                name="payroll_line_net_adds_up",
                violation_error_message=_(
                    "The net pay is the gross pay minus the employee contributions."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class GroupStatement(models.Model):
    """What one member of an employer group owes for a month, from one payroll export."""

    export = models.ForeignKey(
        PayrollExport,
        verbose_name=_("payroll export"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    group = models.ForeignKey(
        BuyerGroup, verbose_name=_("employer group"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Organisation,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="group_statements",
    )
    cost_share = models.DecimalField(_("share of the employer cost"), **MONEY)
    fee_share = models.DecimalField(_("share of the group's fee"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("employer group statement")
        verbose_name_plural = _("employer group statements")
        ordering = ["-export__month", "group__name", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["export", "group", "member"],
                name="group_statement_one_per_member",
                violation_error_message=_("A member has one statement per group and export."),
            ),
            models.CheckConstraint(
                condition=_equals("total", F("cost_share") + F("fee_share")),
                name="group_statement_total_adds_up",
                violation_error_message=_("The total is the cost share plus the fee share."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.group} {self.export.month:%Y-%m}"


class GroupStatementLine(models.Model):
    """One worker of the group on a member's statement: hours there and the shares owed."""

    statement = models.ForeignKey(
        GroupStatement,
        verbose_name=_("statement"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    payroll_line = models.ForeignKey(
        PayrollLine, verbose_name=_("payroll line"), on_delete=models.PROTECT, related_name="+"
    )
    worker_name = models.CharField(_("worker"), max_length=201)
    member_minutes = models.PositiveIntegerField(_("validated minutes at this member"))
    group_minutes = models.PositiveIntegerField(_("validated minutes at all members"))
    employer_cost = models.DecimalField(_("worker's employer cost"), **MONEY)
    fee_rate = models.DecimalField(_("group's fee rate"), **RATE)
    fee = models.DecimalField(_("group's fee"), **MONEY)
    cost_share = models.DecimalField(_("share of the employer cost"), **MONEY)
    fee_share = models.DecimalField(_("share of the group's fee"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)

    class Meta:
        verbose_name = _("employer group statement line")
        verbose_name_plural = _("employer group statement lines")
        ordering = ["worker_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_equals("total", F("cost_share") + F("fee_share")),
                name="group_statement_line_total_adds_up",
                violation_error_message=_("The total is the cost share plus the fee share."),
            ),
            models.CheckConstraint(
                condition=Q(member_minutes__lte=F("group_minutes")),
                name="group_statement_line_minutes_within_group",
                violation_error_message=_("A member's minutes are part of the group's minutes."),
            ),
        ]

    def __str__(self) -> str:
        return self.worker_name

    @property
    def share(self) -> Decimal | None:
        """The member's share of the worker's validated hours (None without hours)."""
        if not self.group_minutes:
            return None
        return Decimal(self.member_minutes) / Decimal(self.group_minutes)
