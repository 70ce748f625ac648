"""The cooperative's steering (SCIC): colleges, statutes, proposals, secret ballots, decisions.

- A **college** groups members of one kind (workers, buyers, unions...) on a territory; a
  person is in one college per territory (a named constraint).
- The **statutes** are versioned: quorum, majority, the bounds on a college's weight, the
  least number of colleges, and the weights themselves (a change of weights is a proposal
  whose adoption issues a new version).
- A **proposal** has a lifecycle (draft → discussion → voting → adopted | rejected, or
  withdrawn) with a transition log, and optionally a structured change applied on adoption.
- The ballot is secret: ``Participation`` says who voted (one row per proposal and person: no
  one votes twice) and ``Ballot`` says what was voted in which college, with no person, no
  time and a random key, so no table links a person to a choice.
- A **decision** (one per proposal) records the tally per college and the weighted result.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.core.statemachine import StateMachineMixin, TransitionLog
from maillage.people.models import User
from maillage.territory.models import Territory

#: 100 % in basis points.
FULL = 10_000


class CollegeKind(models.TextChoices):
    WORKERS = "workers", _("Workers")
    BUYERS = "buyers", _("Buyers")
    UNIONS = "unions", _("Unions")
    THIRD_PLACES = "third_places", _("Tiers-lieux")
    LOCAL_AUTHORITIES = "local_authorities", _("Local authorities")
    TRAINING_BODIES = "training_bodies", _("Training bodies")
    FOUNDERS = "founders", _("Founders")


class College(models.Model):
    """One college of a territory's cooperative; its weight is in the statutes in force."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="colleges"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=CollegeKind.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("college")
        verbose_name_plural = _("colleges")
        ordering = ["territory", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "kind"],
                name="college_one_per_kind",
                violation_error_message=_("This territory already has a college of this kind."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CollegeKind.values),
                name="college_kind_known",
                violation_error_message=_("Unknown kind of college."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.territory}"


class Statutes(models.Model):
    """One version of the statutes' voting rules of a territory (never edited: a new version).

    All shares are in basis points (10,000 = 100 %). ``weights`` maps a college kind to its
    weight; the weights add up to 100 % and each lies between the two bounds.
    """

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="statutes"
    )
    number = models.PositiveIntegerField(_("version"))
    starts_on = models.DateField(_("in force from"))
    quorum_bp = models.PositiveIntegerField(
        _("quorum (basis points)"),
        help_text=_("Weighted share of the members who must take part (3,000 = 30 %)."),
    )
    majority_bp = models.PositiveIntegerField(
        _("majority (basis points)"),
        help_text=_("The weighted share of votes for must be more than this (5,000 = half)."),
    )
    min_weight_bp = models.PositiveIntegerField(_("least weight of a college (basis points)"))
    max_weight_bp = models.PositiveIntegerField(_("greatest weight of a college (basis points)"))
    min_colleges = models.PositiveSmallIntegerField(_("least number of colleges"))
    weights = models.JSONField(_("weights of the colleges (basis points)"))
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statutes")
        verbose_name_plural = _("statutes")
        ordering = ["territory", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "number"],
                name="statutes_number_unique",
                violation_error_message=_("This version of the statutes already exists."),
            ),
            models.CheckConstraint(
                condition=Q(quorum_bp__lte=FULL),
                name="statutes_quorum_range",
                violation_error_message=_("The quorum is between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(majority_bp__gte=FULL // 2, majority_bp__lt=FULL),
                name="statutes_majority_range",
                violation_error_message=_("The majority is between 50 % and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(min_weight_bp__lte=models.F("max_weight_bp"), max_weight_bp__lte=FULL),
                name="statutes_weight_bounds",
                violation_error_message=_(
                    "The least weight of a college is at most its greatest weight."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_colleges__gte=1),
                name="statutes_min_colleges_positive",
                violation_error_message=_("The statutes ask for at least one college."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} — statutes v{self.number}"


class CollegeMembership(models.Model):
    """A person's seat in a college: one college per person and territory."""

    college = models.ForeignKey(
        College, verbose_name=_("college"), on_delete=models.PROTECT, related_name="memberships"
    )
    # The college's territory, copied so that the database can say "one college per territory".
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.PROTECT, related_name="college_seats"
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    added_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("college membership")
        verbose_name_plural = _("college memberships")
        ordering = ["college", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "user"],
                name="college_membership_one_per_territory",
                violation_error_message=_("This person is already in a college of the territory."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.college}"


class ProposalKind(models.TextChoices):
    TEXT = "text", _("Text only")
    CHARTER = "charter", _("Pricing charter change")
    FEE = "fee", _("Cooperative's fee change")
    WEIGHTS = "weights", _("Colleges' weights change")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DISCUSSION = "discussion", _("Under discussion")
    VOTING = "voting", _("Vote open")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


P = ProposalState
PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.DISCUSSION, P.WITHDRAWN}),
    P.DISCUSSION: frozenset({P.VOTING, P.WITHDRAWN}),
    P.VOTING: frozenset({P.ADOPTED, P.REJECTED}),
    P.ADOPTED: frozenset(),
    P.REJECTED: frozenset(),
    P.WITHDRAWN: frozenset(),
}
PROPOSAL_STATE_MOVES = sorted(
    (old, new) for old, targets in PROPOSAL_TRANSITIONS.items() for new in targets
)


class Proposal(StateMachineMixin, models.Model):
    """A motion put to the colleges' vote; ``change`` is applied when it is adopted.

    ``change`` by kind: charter and fee: the charter terms that change (JSON, see
    ``governance.changes``); weights: ``{college kind: basis points}``; text: ``{}``.
    """

    TRANSITIONS = PROPOSAL_TRANSITIONS
    log_fk_name = "proposal"

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    change = models.JSONField(_("structured change"), default=dict, blank=True)
    #: Whether the change touches pay floors: its vote waits for the union college's opinion.
    changes_pay_floors = models.BooleanField(_("changes pay floors"), default=False)
    union_opinion_due = models.DateField(
        _("union opinion due by"),
        null=True,
        blank=True,
        help_text=_("After this day, the vote may open without the union college's opinion."),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ProposalState.choices, default=P.DRAFT
    )
    #: The statutes the vote is counted under (set when the vote opens).
    statutes = models.ForeignKey(
        Statutes, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    voting_opens_at = models.DateTimeField(_("vote opens at"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("vote closes at"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ProposalState.values),
                name="proposal_state_known",
                violation_error_message=_("Unknown proposal state."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProposalKind.values),
                name="proposal_kind_known",
                violation_error_message=_("Unknown kind of proposal."),
            ),
            models.CheckConstraint(
                condition=Q(voting_closes_at__isnull=True)
                | Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="proposal_window_ordered",
                violation_error_message=_("The vote closes after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=[P.DRAFT, P.DISCUSSION, P.WITHDRAWN])
                | Q(statutes__isnull=False, voting_closes_at__isnull=False),
                name="proposal_vote_has_window",
                violation_error_message=_("A vote has its window and its statutes."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalTransition(TransitionLog):
    """Log row of a proposal's lifecycle."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("proposal transition")
        verbose_name_plural = _("proposal transitions")


Proposal.log_model = ProposalTransition


class OpinionPosition(models.TextChoices):
    FAVOURABLE = "favourable", _("Favourable")
    RESERVED = "reserved", _("Favourable with reservations")
    UNFAVOURABLE = "unfavourable", _("Unfavourable")


class UnionOpinion(models.Model):
    """The union college's recorded opinion on a proposal (once, never edited)."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="union_opinion"
    )
    position = models.CharField(_("position"), max_length=16, choices=OpinionPosition.choices)
    text = models.TextField(_("opinion"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("union opinion")
        verbose_name_plural = _("union opinions")
        constraints = [
            models.CheckConstraint(
                condition=Q(position__in=OpinionPosition.values),
                name="union_opinion_position_known",
                violation_error_message=_("Unknown position."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_position_display()}"


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Participation(models.Model):
    """Who took part in a vote (not how): one row per proposal and person."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="participations")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    college = models.ForeignKey(College, on_delete=models.PROTECT, related_name="+")
    voted_at = models.DateTimeField(_("voted at"), default=timezone.now)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"],
                name="participation_one_vote_per_person",
                violation_error_message=_("You have already voted on this proposal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.proposal}"


class Ballot(models.Model):
    """One secret ballot: a choice in a college. No person, no time, a random key.

    Nothing here orders ballots by when they were cast (the key is random, there is no
    timestamp), so they cannot be matched with the participations.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="ballots")
    college = models.ForeignKey(College, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(
                condition=Q(choice__in=Choice.values),
                name="ballot_choice_known",
                violation_error_message=_("Unknown choice."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.get_choice_display()}"


class Decision(models.Model):
    """The outcome of a closed vote, with its tally (one per proposal, never edited).

    ``tally``: ``{"colleges": [{kind, weight_bp, members, voters, for, against, abstain,
    share_for}], "participation": "0.4200", "share_for": "0.6100", "expressed_weight_bp"}``.
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    adopted = models.BooleanField(_("adopted"))
    quorum_reached = models.BooleanField(_("quorum reached"))
    tally = models.JSONField(_("tally"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    #: What the adoption produced: the charter version or the statutes version it issued.
    charter = models.ForeignKey(
        "pricing.Charter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statutes = models.ForeignKey(
        Statutes, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: Why an adopted change could not be applied (e.g. the SMIC rose above a floor meanwhile).
    not_applied_reason = models.TextField(_("why the change was not applied"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adopted=False) | Q(quorum_reached=True),
                name="decision_adopted_needs_quorum",
                violation_error_message=_("A proposal is adopted only with the quorum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {_('adopted') if self.adopted else _('rejected')}"
