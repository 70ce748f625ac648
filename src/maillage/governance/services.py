"""Operations of the steering: statutes, college seats, proposals, the union's opinion, secret
votes, and the closing of a vote that records its decision and applies its change.

Every refusal raises ``Refused`` (a ValidationError with a translated message) before
anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.statemachine import IllegalTransition
from maillage.governance import changes
from maillage.governance.models import (
    Ballot,
    Choice,
    College,
    CollegeKind,
    CollegeMembership,
    Decision,
    OpinionPosition,
    Participation,
    Proposal,
    ProposalKind,
    ProposalState,
    ProposalTransition,
    Statutes,
    UnionOpinion,
)
from maillage.governance.tally import CollegeCount, Result, tally
from maillage.people.models import User
from maillage.pricing.models import Charter
from maillage.pricing.services import issue_charter
from maillage.territory.models import Territory

#: Text fields are bounded (a proposal's text is a motion, not a book).
TEXT_MAX = 20_000


class Refused(ValidationError):
    """A governance act the rules refuse; nothing was written."""


# Statutes and colleges ------------------------------------------------------------------


def statutes_in_force(territory: Territory, *, on: dt.date | None = None) -> Statutes | None:
    """The latest version of the statutes already started on ``on`` (today by default)."""
    day = on or timezone.localdate()
    return (
        Statutes.objects.filter(territory=territory, starts_on__lte=day).order_by("-number").first()
    )


def adopt_statutes(
    *,
    territory: Territory,
    weights: Mapping[str, int],
    quorum_bp: int,
    majority_bp: int,
    min_weight_bp: int = 1_000,
    max_weight_bp: int = 5_000,
    min_colleges: int = 3,
    starts_on: dt.date | None = None,
    by: User | None,
) -> Statutes:
    """Write a new version of the statutes (the founding one, or after an adopted proposal),
    and the colleges it names."""
    draft = Statutes(
        territory=territory,
        starts_on=starts_on or timezone.localdate(),
        quorum_bp=quorum_bp,
        majority_bp=majority_bp,
        min_weight_bp=min_weight_bp,
        max_weight_bp=max_weight_bp,
        min_colleges=min_colleges,
        weights={},
        created_by=by,
    )
    checked = changes.check_weights(weights, draft)
    with transaction.atomic():
        draft.number = (
            Statutes.objects.filter(territory=territory).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        draft.weights = checked
        draft.full_clean(exclude=["weights"])
        draft.save()
        for kind in checked:
            College.objects.get_or_create(territory=territory, kind=kind)
    return draft


def join_college(*, user: User, college: College, by: User | None) -> CollegeMembership:
    """Seat ``user`` in ``college``; a person sits in one college per territory."""
    if CollegeMembership.objects.filter(territory_id=college.territory_id, user=user).exists():
        raise Refused(_("This person is already in a college of the territory."))
    try:
        with transaction.atomic():
            return CollegeMembership.objects.create(
                college=college, territory_id=college.territory_id, user=user, added_by=by
            )
    except IntegrityError:
        raise Refused(_("This person is already in a college of the territory.")) from None


def seat_of(user: User, territory: Territory) -> CollegeMembership | None:
    """The user's seat on the territory, if any."""
    if not user.is_authenticated:
        return None
    return (
        CollegeMembership.objects.select_related("college")
        .filter(territory=territory, user=user)
        .first()
    )


# Proposals ------------------------------------------------------------------------------


def _base_charter(territory: Territory) -> Charter | None:
    """The latest charter version issued (a change applies on top of it)."""
    return Charter.objects.filter(territory=territory).order_by("-number").first()


def check_change(*, territory: Territory, kind: str, change: Any) -> tuple[dict, bool]:
    """The change, checked for its kind, and whether it touches pay floors."""
    if kind == ProposalKind.TEXT:
        if change:
            raise Refused(_("A text-only proposal carries no change."))
        return {}, False
    if kind in (ProposalKind.CHARTER, ProposalKind.FEE):
        base = _base_charter(territory)
        terms = changes.charter_terms(change, base=base, fee_only=kind == ProposalKind.FEE)
        return dict(change), kind == ProposalKind.CHARTER and changes.floors_change(terms, base)
    if kind == ProposalKind.WEIGHTS:
        statutes = statutes_in_force(territory)
        if statutes is None:
            raise Refused(_("This territory has no statutes yet."))
        return changes.check_weights(change, statutes), False
    raise Refused(_("Unknown kind of proposal."))


def create_proposal(
    *,
    territory: Territory,
    kind: str,
    title: str,
    text: str,
    change: Any = None,
    union_opinion_due: dt.date | None = None,
    by: User,
) -> Proposal:
    """Put a proposal on the agenda (a draft); its change is checked now and on adoption."""
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise Refused(_("A proposal has a title and a text."))
    if len(title) > 200 or len(text) > TEXT_MAX:
        raise Refused(_("The title or the text is too long."))
    try:
        checked, pay_floors = check_change(territory=territory, kind=kind, change=change or {})
    except Refused:
        raise
    except ValidationError as error:  # keep the fields the refusal names
        raise Refused(
            error.error_dict if hasattr(error, "error_dict") else error.messages
        ) from None
    with transaction.atomic():
        proposal = Proposal.objects.create(
            territory=territory,
            kind=kind,
            title=title,
            text=text,
            change=checked,
            changes_pay_floors=pay_floors,
            union_opinion_due=union_opinion_due,
            created_by=by,
        )
        ProposalTransition.objects.create(
            proposal=proposal, from_state="", to_state=ProposalState.DRAFT, by=by
        )
    return proposal


def _move(proposal: Proposal, to_state: str, *, by: User | None, reason: str = "") -> Proposal:
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        try:
            locked.transition(to_state, by=by, reason=reason)
        except IllegalTransition:
            raise Refused(
                _("This proposal cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": ProposalState(locked.state).label,
                    "to": ProposalState(to_state).label,
                }
            ) from None
    return locked


def start_discussion(*, proposal: Proposal, by: User) -> Proposal:
    """Open the discussion of a draft."""
    return _move(proposal, ProposalState.DISCUSSION, by=by)


def withdraw(*, proposal: Proposal, by: User, reason: str = "") -> Proposal:
    """Withdraw a proposal before its vote."""
    return _move(proposal, ProposalState.WITHDRAWN, by=by, reason=reason[:TEXT_MAX])


def record_union_opinion(*, proposal: Proposal, position: str, text: str, by: User) -> UnionOpinion:
    """Record the union college's opinion (once), before the vote opens."""
    text = text.strip()
    if position not in OpinionPosition.values:
        raise Refused(_("Choose a position."))
    if not text or len(text) > TEXT_MAX:
        raise Refused(_("Write the union college's opinion."))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in (ProposalState.DRAFT, ProposalState.DISCUSSION):
            raise Refused(_("The opinion is recorded before the vote opens."))
        if UnionOpinion.objects.filter(proposal=locked).exists():
            raise Refused(_("The union college's opinion is already recorded."))
        return UnionOpinion.objects.create(
            proposal=locked, position=position, text=text, recorded_by=by
        )


def waits_for_union(proposal: Proposal, *, today: dt.date | None = None) -> bool:
    """A pay-floor proposal waits for the union opinion until it is recorded or overdue."""
    if not proposal.changes_pay_floors:
        return False
    if UnionOpinion.objects.filter(proposal=proposal).exists():
        return False
    day = today or timezone.localdate()
    return proposal.union_opinion_due is None or day <= proposal.union_opinion_due


def open_vote(
    *, proposal: Proposal, closes_at: dt.datetime, by: User, now: dt.datetime | None = None
) -> Proposal:
    """Open the vote until ``closes_at``, under the statutes in force."""
    now = now or timezone.now()
    if closes_at <= now:
        raise Refused(_("The vote must close in the future."))
    statutes = statutes_in_force(proposal.territory, on=timezone.localdate(now))
    if statutes is None:
        raise Refused(_("This territory has no statutes yet: no vote can open."))
    if waits_for_union(proposal, today=timezone.localdate(now)):
        raise Refused(
            _(
                "This proposal changes pay floors: its vote opens once the union college has "
                "recorded its opinion, or after its deadline."
            )
        )
    check_change(territory=proposal.territory, kind=proposal.kind, change=proposal.change)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state != ProposalState.DISCUSSION:
            raise Refused(_("Only a proposal under discussion can be put to the vote."))
        locked.statutes = statutes
        locked.voting_opens_at = now
        locked.voting_closes_at = closes_at
        locked.save(update_fields=["statutes", "voting_opens_at", "voting_closes_at"])
        locked.transition(ProposalState.VOTING, by=by)
    return locked


def cast_vote(
    *, proposal: Proposal, user: User, choice: str, now: dt.datetime | None = None
) -> None:
    """Vote secretly: who voted is recorded, and apart, a ballot with no person and no time."""
    now = now or timezone.now()
    if choice not in Choice.values:
        raise Refused(_("Choose for, against or abstain."))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if (
            locked.state != ProposalState.VOTING
            or locked.voting_opens_at is None
            or locked.voting_closes_at is None
            or not locked.voting_opens_at <= now < locked.voting_closes_at
        ):
            raise Refused(_("The vote on this proposal is not open."))
        seat = seat_of(user, locked.territory)
        if seat is None or seat.college.kind not in (
            locked.statutes.weights if locked.statutes else {}
        ):
            raise Refused(_("Only the members of a college of the territory vote."))
        if Participation.objects.filter(proposal=locked, user=user).exists():
            raise Refused(_("You have already voted on this proposal."))
        try:
            with transaction.atomic():
                Participation.objects.create(
                    proposal=locked, user=user, college=seat.college, voted_at=now
                )
        except IntegrityError:
            raise Refused(_("You have already voted on this proposal.")) from None
        Ballot.objects.create(proposal=locked, college=seat.college, choice=choice)


def count(proposal: Proposal) -> Result:
    """The tally of the ballots cast, under the proposal's statutes."""
    statutes = proposal.statutes
    assert statutes is not None  # a vote always has its statutes (a named constraint)
    colleges = {c.kind: c for c in College.objects.filter(territory=proposal.territory)}
    members = dict(
        CollegeMembership.objects.filter(territory=proposal.territory)
        .values_list("college__kind")
        .annotate(n=Count("pk"))
        .values_list("college__kind", "n")
    )
    votes: dict[tuple[str, str], int] = {
        (kind, choice): n
        for kind, choice, n in Ballot.objects.filter(proposal=proposal)
        .values_list("college__kind", "choice")
        .annotate(n=Count("pk"))
        .values_list("college__kind", "choice", "n")
    }
    counts = [
        CollegeCount(
            kind=kind,
            weight_bp=weight,
            members=members.get(kind, 0) if kind in colleges else 0,
            votes_for=votes.get((kind, Choice.FOR), 0),
            votes_against=votes.get((kind, Choice.AGAINST), 0),
            abstentions=votes.get((kind, Choice.ABSTAIN), 0),
        )
        for kind, weight in sorted(
            statutes.weights.items(), key=lambda item: CollegeKind.values.index(item[0])
        )
    ]
    return tally(counts, quorum_bp=statutes.quorum_bp, majority_bp=statutes.majority_bp)


def close_vote(*, proposal: Proposal, now: dt.datetime | None = None) -> Decision | None:
    """Close a vote whose window has ended: count, record the decision, apply an adopted change.

    Two closings at once produce one decision: the proposal's row is locked, and a closing
    that finds the vote closed returns the decision already recorded.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
            if locked.state != ProposalState.VOTING:
                return Decision.objects.filter(proposal=locked).first()
            if locked.voting_closes_at is None or now < locked.voting_closes_at:
                raise Refused(_("The vote is still open."))
            result = count(locked)
            decision = Decision(
                proposal=locked,
                territory=locked.territory,
                adopted=result.adopted,
                quorum_reached=result.quorum_reached,
                tally=result.as_json(),
                decided_at=now,
            )
            if result.adopted:
                _apply(locked, decision, day=timezone.localdate(now))
            decision.save()
            locked.transition(
                ProposalState.ADOPTED if result.adopted else ProposalState.REJECTED, by=None
            )
    except IntegrityError:  # another closing recorded the decision first
        return Decision.objects.filter(proposal=proposal).first()
    return decision


def _apply(proposal: Proposal, decision: Decision, *, day: dt.date) -> None:
    """Apply an adopted change: a charter version from its start date, or new statutes.

    A change the rules now refuse (the SMIC rose above a proposed floor meanwhile) is not
    applied; the decision says why.
    """
    try:
        if proposal.kind in (ProposalKind.CHARTER, ProposalKind.FEE):
            change = dict(proposal.change)
            # A start date already past when the vote closes starts on the day of the decision.
            if dt.date.fromisoformat(change["starts_on"]) < day:
                change["starts_on"] = day.isoformat()
            base = _base_charter(proposal.territory)
            terms = changes.charter_terms(
                change, base=base, fee_only=proposal.kind == ProposalKind.FEE
            )
            note = _("Adopted by vote: %(title)s") % {"title": proposal.title}
            terms = dataclasses.replace(terms, note=note[:1000])
            with transaction.atomic():
                decision.charter = issue_charter(
                    territory=proposal.territory, terms=terms, by=proposal.created_by
                )
        elif proposal.kind == ProposalKind.WEIGHTS:
            rules = proposal.statutes
            assert rules is not None
            with transaction.atomic():
                decision.statutes = adopt_statutes(
                    territory=proposal.territory,
                    weights=proposal.change,
                    quorum_bp=rules.quorum_bp,
                    majority_bp=rules.majority_bp,
                    min_weight_bp=rules.min_weight_bp,
                    max_weight_bp=rules.max_weight_bp,
                    min_colleges=rules.min_colleges,
                    starts_on=day,
                    by=proposal.created_by,
                )
    except ValidationError as error:
        decision.not_applied_reason = " ".join(error.messages)


def close_due_votes(*, now: dt.datetime | None = None) -> int:
    """Close every vote whose window has ended (the beat task); returns how many closed."""
    now = now or timezone.now()
    closed = 0
    due = Proposal.objects.filter(state=ProposalState.VOTING, voting_closes_at__lte=now)
    for proposal in due.order_by("voting_closes_at", "pk"):
        if close_vote(proposal=proposal, now=now) is not None:
            closed += 1
    return closed
