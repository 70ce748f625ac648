"""Consolidation runs, plan versions, assignments, pins and workers' responses.

These rows are written directly (not through the engine) so that a test gets a plan in a
known state at once; ``tests.scenarios.plan`` runs the real engine when a test needs it.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from maillage.consolidation.models import (
    AssignmentResponse,
    ConsolidationRun,
    PairRule,
    PlanAssignment,
    PlanUnassigned,
    PlanVersion,
)
from tests.factories.missions import END, START, MissionFactory
from tests.factories.people import WorkerProfileFactory
from tests.factories.territory import TerritoryFactory


class ConsolidationRunFactory(DjangoModelFactory):
    """A queued engine run over the default period (2 Nov - 18 Dec 2026).

    Traits: ``running`` (40 %, fresh heartbeat), ``interrupted`` (running, heartbeat ten
    minutes old), ``succeeded``, ``failed``, ``baseline``.
    """

    class Meta:
        model = ConsolidationRun

    territory = factory.SubFactory(TerritoryFactory)
    period_start = START
    period_end = END
    method = "engine"

    class Params:
        running = factory.Trait(
            status="running",
            progress=40,
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            heartbeat_at=factory.LazyFunction(timezone.now),
        )
        # Running, but its last heartbeat is ten minutes old (its worker died).
        interrupted = factory.Trait(
            running=True,
            heartbeat_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=10)),
        )
        succeeded = factory.Trait(
            status="succeeded",
            progress=100,
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            status="failed",
            message="Le moteur a échoué.",
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
        baseline = factory.Trait(method="baseline")


class PlanVersionFactory(DjangoModelFactory):
    """Version 1 of a plan, made by a succeeded run; ``draft`` (default) or ``published``.

    A published version is written in that state directly (no mission moves to "planned"):
    use ``consolidation.services.publish_version`` when a test is about publishing.
    """

    class Meta:
        model = PlanVersion

    territory = factory.SubFactory(TerritoryFactory)
    period_start = START
    period_end = END
    number = factory.Sequence(lambda n: n + 1)
    run = factory.SubFactory(
        ConsolidationRunFactory,
        territory=factory.SelfAttribute("..territory"),
        period_start=factory.SelfAttribute("..period_start"),
        period_end=factory.SelfAttribute("..period_end"),
        method=factory.SelfAttribute("..method"),
        succeeded=True,
    )
    method = "engine"
    state = "draft"
    solver_status = "OPTIMAL"
    objective = "0"
    bound = "0"
    # The figures every run writes and the plan list reads.
    metrics = factory.LazyFunction(
        lambda: {
            "assigned_missions": 0,
            "unassigned_missions": 0,
            "workers_at_threshold": 0,
            "workers_wishing_threshold": 0,
            "km_week": 0.0,
        }
    )

    class Params:
        draft = factory.Trait(state="draft")
        published = factory.Trait(state="published")


class PlanAssignmentFactory(DjangoModelFactory):
    """A mission given to a worker of the same territory: Tuesday 15:00-16:30 (90 minutes)."""

    class Meta:
        model = PlanAssignment

    version = factory.SubFactory(PlanVersionFactory)
    mission = factory.SubFactory(
        MissionFactory,
        buyer__territory=factory.SelfAttribute("...version.territory"),
        state="planned",
    )
    worker = factory.SubFactory(
        WorkerProfileFactory, territory=factory.SelfAttribute("..version.territory")
    )
    blocks = factory.LazyFunction(lambda: [{"day": 1, "start": 900, "end": 990}])
    weekly_minutes = 90
    explanation = factory.LazyAttribute(
        lambda o: {"facts": {"km": 7.9, "week_hours": o.weekly_minutes / 60, "pinned": False}}
    )


class PlanUnassignedFactory(DjangoModelFactory):
    class Meta:
        model = PlanUnassigned

    version = factory.SubFactory(PlanVersionFactory)
    mission = factory.SubFactory(
        MissionFactory,
        buyer__territory=factory.SelfAttribute("...version.territory"),
        state="accepted",
    )
    reason = "no_qualified_worker"
    params = factory.LazyFunction(lambda: {"skills": "workshop-children ≥ 2"})


class PairRuleFactory(DjangoModelFactory):
    """A pin of a worker on a need of the same territory; ``forbid`` for a prohibition."""

    class Meta:
        model = PairRule

    mission = factory.SubFactory(MissionFactory, accepted=True)
    worker = factory.SubFactory(
        WorkerProfileFactory, territory=factory.SelfAttribute("..mission.territory")
    )
    kind = PairRule.Kind.PIN

    class Params:
        pin = factory.Trait(kind=PairRule.Kind.PIN)
        forbid = factory.Trait(kind=PairRule.Kind.FORBID, reason="Conflit d’horaires")
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))


class AssignmentResponseFactory(DjangoModelFactory):
    """The assigned worker accepts; ``refused`` or ``review`` come with a reason.

    Written directly: a refusal through ``respond_to_assignment`` also forbids the pair.
    """

    class Meta:
        model = AssignmentResponse

    assignment = factory.SubFactory(PlanAssignmentFactory, version__published=True)
    decision = AssignmentResponse.Decision.ACCEPTED
    by = factory.SelfAttribute("assignment.worker.user")

    class Params:
        refused = factory.Trait(
            decision=AssignmentResponse.Decision.REFUSED, reason="Trop loin de chez moi"
        )
        review = factory.Trait(
            decision=AssignmentResponse.Decision.REVIEW, reason="Je ne suis pas disponible"
        )
