"""Receivers of the signals that lower layers send (connected in ExecutionConfig.ready)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse

from maillage.consolidation.models import PlanVersion
from maillage.execution.dates import iso_week_label, week_monday
from maillage.execution.models import Occurrence
from maillage.execution.services import expand_published_plan
from maillage.notifications.services import notify
from maillage.people.models import User, WorkerProfile


def expand_on_publish(sender, *, version: PlanVersion, by: User | None = None, **kwargs) -> None:
    """A published plan is dated at once, in the publishing transaction; each worker of the
    plan is told (first date and number of occurrences, a link to that week)."""
    expand_published_plan(version=version, by=by)
    per_worker = (
        Occurrence.objects.filter(version=version)
        .values("worker_id")
        .annotate(first=Min("date"), count=Count("pk"))
        .order_by("worker_id")
    )
    workers = {
        w.pk: w
        for w in WorkerProfile.objects.filter(
            pk__in=[row["worker_id"] for row in per_worker]
        ).select_related("user")
    }
    week_page = reverse("execution:worker_week")
    for row in per_worker:
        worker = workers[row["worker_id"]]
        notify(
            recipients=[worker.user],
            kind="plan_published",
            params={"first_date": row["first"], "occurrences": row["count"]},
            url=f"{week_page}?week={iso_week_label(week_monday(row['first']))}",
        )
