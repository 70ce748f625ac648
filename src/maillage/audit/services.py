"""Writing an audit event: who, when, what, where and from where."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.http import HttpRequest

from maillage.audit.models import AuditEvent
from maillage.people.models import User

#: Field names through which a record reaches its territory, tried in order.
TERRITORY_PATHS = (
    "territory",
    "mission__territory",
    "charter__territory",
    "quote__mission__territory",
    "plan__territory",
    "run__territory",
    "version__run__territory",
    "proposal__territory",
    "invoice__territory",
    "export__territory",
    "contract__mission__territory",
    "absence__worker__territory",
    "timesheet__mission__territory",
    "occurrence__mission__territory",
    "worker__territory",
)


def territory_id_of(obj: models.Model | None) -> int | None:
    """The territory a record belongs to, if it says (directly or through a parent)."""
    if obj is None:
        return None
    if hasattr(obj, "territory_id"):
        return obj.territory_id
    for path in TERRITORY_PATHS:
        node: Any = obj
        for name in path.split("__")[:-1]:
            node = getattr(node, name, None) if node is not None else None
            if node is None:
                break
        if node is not None and node is not obj and hasattr(node, "territory_id"):
            return node.territory_id
    return None


def _label(obj: Any, limit: int = 254) -> str:
    try:
        return str(obj)[:limit]
    except Exception:  # a broken __str__ must not stop the act being logged
        return ""


def client_of(request: HttpRequest | None) -> tuple[str | None, str]:
    """The request's IP address (the proxy's ``X-Forwarded-For`` is not trusted) and agent."""
    if request is None:
        return None, ""
    address = request.META.get("REMOTE_ADDR") or None
    return address, str(request.META.get("HTTP_USER_AGENT", ""))[:512]


def record(
    *,
    action: str,
    actor: User | None = None,
    target: models.Model | None = None,
    territory_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event (inside the act's transaction: it is rolled back with the act)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    address, agent = client_of(request)
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=(actor.email if actor is not None else "")[:254],
        action=action[:64],
        target_type=target._meta.label_lower[:64] if target is not None else "",
        target_id=str(target.pk)[:64] if target is not None and target.pk is not None else "",
        target_label=_label(target) if target is not None else "",
        territory_id=territory_id if territory_id is not None else territory_id_of(target),
        ip_address=address,
        user_agent=agent,
        detail=dict(detail or {}),
    )
