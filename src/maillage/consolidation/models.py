"""Consolidation runs, versioned plans, assignments, pins and workers' responses.

Nothing here is edited in place: a run writes a new plan version; publishing supersedes the
previous version; a worker's response is a new row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from maillage.consolidation.progress import stage_label
from maillage.core.jobs import BackgroundJob
from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.missions.models import Mission
from maillage.people.models import User, WorkerProfile
from maillage.territory.models import Territory

if TYPE_CHECKING:
    from django import forms


class Method(models.TextChoices):
    ENGINE = "engine", _("Consolidation engine")
    BASELINE = "baseline", _("Marketplace baseline (nearest free worker)")


class RunStatus(models.TextChoices):
    """The job statuses (maillage.core.jobs.JobStatus) plus the engine's own outcome."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    INTERRUPTED = "interrupted", _("Interrupted")
    TIMED_OUT = "timed_out", _("Timed out without a plan")


class ConsolidationRun(BackgroundJob):
    """One request to plan a territory's period: its progress, its input and its outcome."""

    TRANSITIONS = {
        **BackgroundJob.TRANSITIONS,
        RunStatus.RUNNING: BackgroundJob.TRANSITIONS[RunStatus.RUNNING] | {RunStatus.TIMED_OUT},
        RunStatus.TIMED_OUT: frozenset(),
    }

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="runs")
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    time_limit_seconds = models.PositiveIntegerField(_("time limit (s)"), default=30)
    seed = models.PositiveIntegerField(_("seed"), default=1)
    # Also plan a few versions that give up a little coverage for more people at the
    # contract threshold (decision 0046): the charter's policy recommends one.
    explore_tradeoff = models.BooleanField(
        _("also plan the trade-off between coverage and people at 24 h"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    engine_input = models.JSONField(_("engine input"), null=True, blank=True)
    engine_result = models.JSONField(_("engine result"), null=True, blank=True)

    # Not stored: the status the plan pages show, set on the instance for their template.
    effective_status: str

    @property
    def message_label(self) -> str:
        """The progress message in the reader's language (the engine reports in English)."""
        return stage_label(self.message)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("consolidation run")
        verbose_name_plural = _("consolidation runs")
        constraints = [
            *BackgroundJob.Meta.constraints,
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="run_period_ordered",
                violation_error_message=_("The last day cannot come before the first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} — {self.territory} ({self.created_at:%Y-%m-%d %H:%M})"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class PlanVersion(StateMachineMixin, models.Model):
    """One version of a territory's plan for a period, produced by one run."""

    TRANSITIONS = {
        PlanState.DRAFT: frozenset({PlanState.PUBLISHED}),
        PlanState.PUBLISHED: frozenset({PlanState.SUPERSEDED}),
        PlanState.SUPERSEDED: frozenset(),
    }
    log_fk_name = "version"

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="plans")
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    number = models.PositiveIntegerField(_("version"))
    run = models.OneToOneField(ConsolidationRun, on_delete=models.PROTECT, related_name="version")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=PlanState.choices, default=PlanState.DRAFT
    )
    solver_status = models.CharField(_("solver status"), max_length=12)
    # Exact integers kept as text: the lexicographic weights make them exceed 64 bits.
    objective = models.CharField(_("objective"), max_length=80)
    bound = models.CharField(_("bound"), max_length=80)
    metrics = models.JSONField(_("metrics"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "period_start", "period_end", "number"],
                name="plan_version_number_unique",
                violation_error_message=_("This plan version number already exists."),
            ),
            models.UniqueConstraint(
                fields=["territory", "period_start", "period_end"],
                condition=Q(state="published"),
                name="plan_one_published_version",
                violation_error_message=_("Only one version of a plan can be published."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} {self.period_start}–{self.period_end} v{self.number}"

    @property
    def gap(self) -> float | None:
        """Relative gap between the objective and the engine's bound (0 = proven optimal)."""
        bound, objective = int(self.bound or 0), int(self.objective or 0)
        if not bound:
            return None
        return abs(bound - objective) / abs(bound)

    def figure(self, key: str) -> Any:
        """A figure of the plan as the pages read it: demand and its coverage as minutes a
        week on average over the period (the result counts them over the whole period;
        older versions, planned on one typical week, only have the week's figure)."""
        metrics = self.metrics or {}
        if key in ("covered_minutes", "demand_minutes"):
            return int(metrics.get(f"{key}_week", metrics.get(key, 0)))
        if key == "stability" and metrics.get("previous_missions") == 0:
            # The engine says 1.0 when no mission was held before: "100 % kept" of nothing.
            return None
        return metrics.get(key)

    @property
    def proven(self) -> bool:
        """The engine proved this plan the best on each level given those above it."""
        return self.solver_status == "optimal"

    @cached_property
    def worker_of_mission(self) -> dict[int, int]:
        """Who holds each assigned mission: read once per instance, as the comparisons with
        the plan in force, the previous version and the baseline all need it (a version's
        assignments are never edited in place)."""
        return dict(self.assignments.values_list("mission_id", "worker_id"))

    @property
    def covered_minutes_week(self) -> int:
        """Minutes of demand covered a week on average over the period."""
        return int(self.figure("covered_minutes"))

    @property
    def demand_minutes_week(self) -> int:
        """Minutes of demand a week on average over the period."""
        return int(self.figure("demand_minutes"))


class PlanTransition(TransitionLog):
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("plan transition")
        verbose_name_plural = _("plan transitions")


PlanVersion.log_model = PlanTransition


class PlanAssignment(models.Model):
    """A mission given to a worker in a plan version, with its weekly blocks and the why."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="assignments")
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="assignments")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.PROTECT, related_name="assignments")
    blocks = models.JSONField(_("weekly blocks"))
    weekly_minutes = models.PositiveIntegerField(_("minutes a week"))
    explanation = models.JSONField(_("explanation"), default=dict)

    # Not stored: the latest answer and the answer form, set by the plan pages for a template.
    response: AssignmentResponse | None
    form: forms.Form

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["worker", "mission"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "mission"],
                name="assignment_one_worker_per_mission",
                violation_error_message=_("A mission goes whole to one worker."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mission} → {self.worker}"

    @property
    def why(self) -> str:
        """Why this worker got this mission, in the reader's language."""
        from maillage.consolidation.explanations import describe_assignment

        return describe_assignment(self.explanation.get("facts", {}))

    def latest_response(self) -> AssignmentResponse | None:
        responses = list(self.responses.all())
        return responses[-1] if responses else None


class PlanUnassigned(models.Model):
    """A mission the plan could not give to anyone, and why."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="unassigned")
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=60)
    detail = models.TextField(_("detail"), blank=True)
    params = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("unassigned mission")
        verbose_name_plural = _("unassigned missions")
        ordering = ["mission"]

    def __str__(self) -> str:
        return f"{self.mission}: {self.reason}"

    @property
    def why(self) -> str:
        from maillage.consolidation.explanations import describe_unassigned

        return describe_unassigned(self.reason, self.params, self.detail)


class PairRule(models.Model):
    """A coordinator's (or a refusal's) decision about one mission and one worker."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Pinned: this worker does this mission")
        FORBID = "forbid", _("Forbidden: this worker must not do this mission")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="pair_rules")
    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="pair_rules")
    REASON_MAX_LENGTH = 300

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Removed from the next runs (replaced by a newer rule, or removed by a coordinator);
    # the row is kept: past plan versions were computed under it.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pin or prohibition")
        verbose_name_plural = _("pins and prohibitions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mission"],
                condition=Q(kind="pin", revoked_at__isnull=True),
                name="pair_rule_one_pin_per_mission",
                violation_error_message=_("This mission is already pinned to a worker."),
            ),
            models.UniqueConstraint(
                fields=["mission", "worker"],
                condition=Q(revoked_at__isnull=True),
                name="pair_rule_one_active_rule_per_pair",
                violation_error_message=_("This pair already has a pin or a prohibition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mission} / {self.worker}"


class AssignmentResponse(models.Model):
    """A worker's answer to an assignment; a new answer is a new row (nothing is overwritten)."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        REVIEW = "review", _("Human review requested")

    assignment = models.ForeignKey(
        PlanAssignment, on_delete=models.PROTECT, related_name="responses"
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    # Not stored: the coordinator's answer, set by the worker's page for its template.
    review_answer: ReviewAnswer | None

    class Meta:
        verbose_name = _("response to an assignment")
        verbose_name_plural = _("responses to assignments")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="accepted") | ~Q(reason=""),
                name="response_refusal_or_review_has_reason",
                violation_error_message=_("Say why you refuse or ask for a review."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} — {self.assignment}"


class ReviewOutcome(models.TextChoices):
    KEPT = "kept", _("Kept: the assignment stays as it is")
    CHANGED = "changed", _("Changed: the plan is changed")


class ReviewAnswer(models.Model):
    """A coordinator's answer to a worker's refusal or review request (human review).

    Written once, never edited nor deleted: with the worker's response it is the record
    that a person looked at the algorithm's decision (EU Platform Work Directive).
    """

    REASON_MAX_LENGTH = 2000

    response = models.OneToOneField(
        AssignmentResponse,
        verbose_name=_("answered request"),
        on_delete=models.PROTECT,
        related_name="answer",
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=ReviewOutcome.choices)
    reason = models.TextField(_("written reason"), max_length=REASON_MAX_LENGTH)
    by = models.ForeignKey(
        User, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a review request")
        verbose_name_plural = _("answers to review requests")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="review_answer_has_reason",
                violation_error_message=_("Write the reason of the answer."),
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["kept", "changed"]),
                name="review_answer_outcome_known",
                violation_error_message=_("Unknown outcome."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} — {self.response}"
