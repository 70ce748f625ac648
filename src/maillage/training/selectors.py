"""Reads of training sessions, and what each one unlocked against what was predicted."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet, Sum

from maillage.consolidation.models import PlanAssignment
from maillage.gpec.supply_demand import studied_period
from maillage.people.models import User
from maillage.people.roles import territories_for
from maillage.territory.models import Territory
from maillage.training.models import Participant, TrainingSession


def visible_to(user: User) -> QuerySet[TrainingSession]:
    """Sessions of the territories the user coordinates, or that the user trains."""
    if not user.is_authenticated:
        return TrainingSession.objects.none()
    coordinated = territories_for(user, "coordinator")
    return TrainingSession.objects.filter(
        territory__in=coordinated
    ) | TrainingSession.objects.filter(trainer=user)


def with_people(sessions: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    return sessions.select_related("skill", "trainer", "third_place", "territory").prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("worker__user"))
    )


@dataclass
class Outcome:
    """What a session predicted and what the current published plan gives its attendees."""

    session: TrainingSession
    predicted_minutes: int
    predicted_missions: int
    unlocked_minutes: int
    unlocked_missions: int
    #: Attendees whose week reaches the contract threshold: predicted by the what-if (None
    #: without one), and in the latest published plan.
    predicted_jobs: int | None = None
    jobs: int = 0

    @property
    def predicted_hours(self) -> float:
        return round(self.predicted_minutes / 60, 1)

    @property
    def unlocked_hours(self) -> float:
        return round(self.unlocked_minutes / 60, 1)


def outcomes(territory: Territory) -> list[Outcome]:
    """For each held session: weekly hours and missions the latest published plan gives its
    attendees among the missions the training was meant to unlock."""
    _period, published = studied_period(territory)
    found = []
    for session in (
        TrainingSession.objects.filter(territory=territory, state="held")
        .select_related("what_if")
        .order_by("-starts_on", "pk")
    ):
        attendees = list(
            session.participants.filter(attended=True).values_list("worker", flat=True)
        )
        rows = (
            PlanAssignment.objects.filter(
                version=published, worker__in=attendees, mission__in=session.predicted_missions
            ).values_list("mission", "weekly_minutes")
            if published is not None
            else []
        )
        rows = list(rows)
        weeks = (
            PlanAssignment.objects.filter(version=published, worker__in=attendees)
            .values("worker")
            .annotate(minutes=Sum("weekly_minutes"))
            if published is not None
            else []
        )
        threshold = settings.MAILLAGE_CONTRACT_THRESHOLD_MINUTES
        what_if = session.what_if.result if session.what_if_id and session.what_if else None
        found.append(
            Outcome(
                session=session,
                predicted_minutes=session.predicted_weekly_minutes,
                predicted_missions=len(session.predicted_missions),
                unlocked_minutes=sum(minutes for _m, minutes in rows),
                unlocked_missions=len({mission for mission, _minutes in rows}),
                predicted_jobs=(what_if or {}).get("workers_at_threshold_gained"),
                jobs=sum(1 for week in weeks if week["minutes"] >= threshold),
            )
        )
    return found
