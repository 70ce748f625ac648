"""Who reads the audit log: admins every event; coordinators the events of their territories."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.audit.models import AuditEvent
from maillage.people.access import Viewer, holds_any_role, territories_coordinated_by
from maillage.people.models import Role
from maillage.people.roles import has_role
from maillage.territory.models import Territory


def can_read_log(user: Viewer) -> bool:
    return holds_any_role(user, Role.COORDINATOR)


def log_territories(user: Viewer) -> QuerySet[Territory]:
    return territories_coordinated_by(user)


def events_visible_to(user: Viewer) -> QuerySet[AuditEvent]:
    """Admins: every event (sign-ins included); coordinators: their territories' events."""
    if not user.is_authenticated:
        return AuditEvent.objects.none()
    if has_role(user, Role.ADMIN):
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(territory__in=territories_coordinated_by(user))
