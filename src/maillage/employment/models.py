"""Permanent part-time contract proposals, made when a worker's planned portfolio stays at
or above the contract threshold (24 h a week) over a published plan's period."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from maillage.consolidation.models import PlanVersion
from maillage.core.fields import MONEY
from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.people.models import User, WorkerProfile


class ContractState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ISSUED = "issued", _("Issued to the worker")
    SIGNED = "signed", _("Signed")
    DECLINED = "declined", _("Declined by the worker")
    WITHDRAWN = "withdrawn", _("Withdrawn")


C = ContractState
CONTRACT_TRANSITIONS: dict[str, frozenset[str]] = {
    C.PROPOSED: frozenset({C.ISSUED, C.WITHDRAWN}),
    C.ISSUED: frozenset({C.SIGNED, C.DECLINED, C.WITHDRAWN}),  # signed: the worker accepted
    C.SIGNED: frozenset(),
    C.DECLINED: frozenset(),
    C.WITHDRAWN: frozenset(),
}


class ContractProposal(StateMachineMixin, models.Model):
    """A permanent part-time contract (CDI à temps partiel) offered to a worker.

    The hours are the lowest weekly portfolio of the plan's period, so the contract is always
    covered by planned work; the hourly wage is never below the charter floor it stores.
    """

    TRANSITIONS = CONTRACT_TRANSITIONS
    log_fk_name = "proposal"

    worker = models.ForeignKey(
        WorkerProfile, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="contracts"
    )
    plan_version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ContractState.choices, default=ContractState.PROPOSED
    )
    weekly_minutes = models.PositiveIntegerField(_("contract hours a week (minutes)"))
    hourly_gross = models.DecimalField(_("hourly wage (gross €/h)"), **MONEY)
    floor_hourly_gross = models.DecimalField(_("charter floor (gross €/h)"), **MONEY)
    monthly_hours = models.DecimalField(_("paid hours a month"), **MONEY)
    monthly_gross = models.DecimalField(_("monthly gross wage"), **MONEY)
    wage_basis = models.CharField(_("wage based on"), max_length=20)
    start_date = models.DateField(_("start date"))
    figures = models.JSONField(_("payslip figures"), default=dict)
    # PROTECT, not SET_NULL: a proposal is never rewritten, not even to forget its author.
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set once, when the worker's status became "employee of the cooperative" (on the start
    # date of a signed contract: at once if it has come, else by the daily task).
    employment_started_at = models.DateTimeField(
        _("employee since (recorded at)"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contract proposal")
        verbose_name_plural = _("contract proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker"],
                condition=Q(state__in=["proposed", "issued"]),
                name="contract_one_open_proposal_per_worker",
                violation_error_message=_("This worker already has an open contract proposal."),
            ),
            models.CheckConstraint(
                condition=Q(floor_hourly_gross__gt=0),
                name="contract_floor_positive",
                violation_error_message=_("The floor must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_gross__gte=F("floor_hourly_gross")),
                name="contract_wage_at_least_floor",
                violation_error_message=_(
                    "The hourly wage cannot be below the floor of the pricing charter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weekly_minutes__gt=0, weekly_minutes__lte=48 * 60),
                name="contract_weekly_hours_within_legal_week",
                violation_error_message=_("Contract hours are between 0 and 48 hours a week."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ContractState.values),
                name="contract_state_known",
                violation_error_message=_("Unknown contract state."),
            ),
        ]

    def __str__(self) -> str:
        return _("Contract proposal for %(worker)s") % {"worker": self.worker}

    @property
    def weekly_hours(self):
        return self.weekly_minutes / 60


class ContractTransition(TransitionLog):
    """Log row of a contract proposal's lifecycle."""

    proposal = models.ForeignKey(
        ContractProposal, on_delete=models.PROTECT, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("contract transition")
        verbose_name_plural = _("contract transitions")


ContractProposal.log_model = ContractTransition
