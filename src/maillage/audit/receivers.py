"""The audit log listens to the domain: every sensitive act becomes an ``AuditEvent``.

Connected in ``AuditConfig.ready()``:

- every transition log row created (any model subclassing ``core.statemachine.TransitionLog``):
  ``<app>.<model>.<to state>``; a quote accepted, an invoice or credit note issued get their
  own action code too;
- a charter version issued, a payroll export computed, a decision recorded;
- a role granted or withdrawn (``people.Membership`` created or deleted);
- a sign-in from a device (user agent and IP pair) the account never used before;
- ``core.signals.sensitive_act`` (exports, erasures, refused sign-ins...).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save

from maillage.audit.models import AuditEvent
from maillage.audit.services import client_of, record, territory_id_of
from maillage.core.signals import sensitive_act
from maillage.core.statemachine import TransitionLog

#: Specific action codes for some moves (model label, to state) -> action.
NAMED_MOVES = {
    ("pricing.quotetransition", "accepted"): "pricing.quote_accepted",
    ("pricing.quotetransition", "refused"): "pricing.quote_refused",
    ("consolidation.plantransition", "published"): "consolidation.plan_published",
    ("governance.proposaltransition", "adopted"): "governance.proposal_adopted",
    ("governance.proposaltransition", "voting"): "governance.vote_opened",
}


def _parent(log: TransitionLog) -> Any:
    """The record whose lifecycle the log row belongs to (its one foreign key but ``by``)."""
    for field in log._meta.concrete_fields:
        if field.is_relation and field.name != "by":
            return getattr(log, field.name)
    return None


def on_transition(sender, instance: TransitionLog, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    parent = _parent(instance)
    label = sender._meta.label_lower
    action = NAMED_MOVES.get((label, instance.to_state))
    if action is None and label == "invoicing.invoicetransition" and instance.to_state == "issued":
        kind = getattr(parent, "kind", "invoice")
        action = (
            "invoicing.credit_note_issued" if kind == "credit_note" else "invoicing.invoice_issued"
        )
    if action is None:
        app = sender._meta.app_label
        model = parent._meta.model_name if parent is not None else sender._meta.model_name
        action = f"{app}.{model}.{instance.to_state}"
    record(
        action=action,
        actor=instance.by,
        target=parent,
        detail={
            "from": instance.from_state,
            "to": instance.to_state,
            "reason": instance.reason[:500],
        },
    )


def on_charter(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        record(
            action="pricing.charter_issued",
            actor=instance.created_by,
            target=instance,
            detail={
                "number": instance.number,
                "starts_on": instance.starts_on.isoformat(),
                "cooperative_fee_rate": str(instance.cooperative_fee_rate),
            },
        )


def on_payroll_export(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        record(
            action="wages.payroll_exported",
            actor=instance.created_by,
            target=instance,
            detail={"month": instance.month.isoformat(), "version": instance.number},
        )


def on_decision(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        record(
            action="governance.decision_recorded",
            target=instance.proposal,
            territory_id=instance.territory_id,
            detail={"adopted": instance.adopted, "quorum_reached": instance.quorum_reached},
        )


def on_membership_saved(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        record(
            action="people.role_granted",
            target=instance.user,
            territory_id=instance.territory_id,
            detail={"role": instance.role, "scope": str(instance)[:254]},
        )


def on_membership_deleted(sender, instance, **kwargs):
    record(
        action="people.role_withdrawn",
        target=instance.user if instance.user_id else None,
        territory_id=instance.territory_id,
        detail={"role": instance.role, "scope": str(instance)[:254]},
    )


def on_login(sender, request, user, **kwargs):
    """A sign-in from a (user agent, IP) pair never seen for this account is logged."""
    address, agent = client_of(request)
    seen = AuditEvent.objects.filter(
        actor=user,
        action__in=["accounts.login_new_device", "accounts.login"],
        ip_address=address,
        user_agent=agent,
    ).exists()
    if not seen:
        record(action="accounts.login_new_device", actor=user, target=user, request=request)


def on_sensitive_act(
    sender,
    action: str,
    actor=None,
    target=None,
    territory=None,
    detail=None,
    request=None,
    **kwargs,
):
    record(
        action=action,
        actor=actor,
        target=target,
        territory_id=territory.pk if territory is not None else territory_id_of(target),
        detail=detail,
        request=request,
    )


def connect() -> None:
    """Connect every receiver (AuditConfig.ready)."""
    for model in apps.get_models():
        if issubclass(model, TransitionLog):
            post_save.connect(
                on_transition, sender=model, dispatch_uid=f"audit-{model._meta.label}"
            )
    post_save.connect(on_charter, sender="pricing.Charter", dispatch_uid="audit-charter")
    post_save.connect(on_payroll_export, sender="wages.PayrollExport", dispatch_uid="audit-payroll")
    post_save.connect(on_decision, sender="governance.Decision", dispatch_uid="audit-decision")
    post_save.connect(
        on_membership_saved, sender="people.Membership", dispatch_uid="audit-membership-saved"
    )
    post_delete.connect(
        on_membership_deleted, sender="people.Membership", dispatch_uid="audit-membership-deleted"
    )
    user_logged_in.connect(on_login, dispatch_uid="audit-login")
    sensitive_act.connect(on_sensitive_act, dispatch_uid="audit-sensitive-act")
