"""The demo's human review and contract answer, once the term's plan is published.

- The showcase worker asked a person to review one of their assignments; the coordinator
  answered (kept, with a written reason). Another worker's review request is still open in
  the coordinator's inbox.
- The showcase worker has a contract proposal issued to them, to accept on their page (when
  their planned portfolio supports one and the employer group did not already sign theirs).

Everything goes through the services. Nothing to do before a plan is published (``build_demo``
calls it; the demo's publication step may call it again). Idempotent.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from maillage.consolidation.models import AssignmentResponse, PlanAssignment, PlanState
from maillage.consolidation.services import answer_review, respond_to_assignment
from maillage.employment.models import ContractState
from maillage.employment.services import contract_terms, move_contract, propose_contract
from maillage.people.models import User, WorkerProfile
from maillage.territory.models import Territory

ANSWERED_REQUEST = "Le mercredi, j'ai déjà un autre atelier à 20 km de celui-ci."
ANSWER = (
    "Gardée : aucun autre artisan qualifié n'est libre ce créneau-là ; le trajet est "
    "défrayé et nous revoyons le planning au prochain trimestre."
)
OPEN_REQUEST = "Ce créneau tombe sur la sortie d'école de mes enfants : pouvez-vous revoir ?"


def _assignments(territory: Territory):
    return (
        PlanAssignment.objects.filter(
            version__territory=territory, version__state=PlanState.PUBLISHED
        )
        .select_related("worker__user", "mission", "version")
        .order_by("version__period_start", "mission__title", "pk")
    )


def _reviews(territory: Territory, showcase: User, coordinator: User) -> bool:
    if AssignmentResponse.objects.filter(
        assignment__version__territory=territory, decision=AssignmentResponse.Decision.REVIEW
    ).exists():
        return False
    assignments = list(_assignments(territory))
    mine = next((a for a in assignments if a.worker.user_id == showcase.pk), None)
    other = next((a for a in assignments if a.worker.user_id != showcase.pk), None)
    done = False
    if mine is not None:
        request = respond_to_assignment(
            assignment=mine, by=showcase, decision="review", reason=ANSWERED_REQUEST
        )
        answer_review(response=request, by=coordinator, outcome="kept", reason=ANSWER)
        done = True
    if other is not None:
        respond_to_assignment(
            assignment=other, by=other.worker.user, decision="review", reason=OPEN_REQUEST
        )
        done = True
    return done


def _contract_to_accept(showcase: User, coordinator: User) -> bool:
    worker = WorkerProfile.objects.filter(user=showcase).first()
    if worker is None or worker.contracts.exists() or contract_terms(worker) is None:
        return False
    try:
        proposal = propose_contract(worker=worker, by=coordinator)
    except ValidationError:
        return False
    move_contract(proposal=proposal, to_state=ContractState.ISSUED, by=coordinator)
    return True


def build_reviews(territory: Territory, *, showcase: User, coordinator: User) -> bool:
    """One answered and one open review request, and a contract to accept; False if nothing."""
    if not territory.plans.filter(state=PlanState.PUBLISHED).exists():
        return False
    reviewed = _reviews(territory, showcase, coordinator)
    proposed = _contract_to_accept(showcase, coordinator)
    return reviewed or proposed
