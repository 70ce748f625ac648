"""A person's data: the export (JSON and a readable summary) and the erasure, from the register.

Erasure runs in one transaction (all of it or nothing: an interrupted erasure leaves the
person whole, and asking again starts over); it is idempotent (erasing an erased person
changes nothing). Decision 0042.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from maillage.core.immutability import rewrites_allowed
from maillage.core.signals import sensitive_act
from maillage.people.models import User

from .models import ErasureRequest, Invitation
from .register import DELETE, KEEP, PSEUDONYMISE, REGISTER, Entry

ERASED_DOMAIN = "erased.invalid"


def pseudonym_of(user: User) -> str:
    return f"Personne effacée n°{user.pk}"


def erased_email(user: User) -> str:
    return f"erased-{user.pk}@{ERASED_DOMAIN}"


def is_erased(user: User) -> bool:
    return user.email.endswith(f"@{ERASED_DOMAIN}")


def identifiers(user: User) -> list[str]:
    """What names the person in free text: email, full name both ways, last name, phone."""
    found = {user.email}
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last:
        found |= {f"{first} {last}", f"{last} {first}"}
    if len(last) >= 3:
        found.add(last)
    if len(user.phone.strip()) >= 6:
        found.add(user.phone.strip())
    return sorted((n for n in found if n), key=len, reverse=True)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _rows(model: type[models.Model], entry: Entry, user: User) -> models.QuerySet:
    assert entry.subject is not None
    return model._default_manager.filter(**{entry.subject: user.pk})


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool, type(None), list, dict)):
        return value
    return str(value)


def export_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about the person, by model, and the acts it records."""
    records: dict[str, list[dict[str, Any]]] = {}
    acts: dict[str, int] = {}
    for label, entry in sorted(REGISTER.items()):
        model = _model(label)
        if model is None:
            continue
        if entry.subject:
            rows = []
            for row in _rows(model, entry, user).order_by("pk"):
                rows.append(
                    {
                        f.attname: _plain(getattr(row, f.attname))
                        for f in model._meta.concrete_fields
                        if f.attname != "password"
                    }
                )
            if rows:
                records[label] = rows
        for actor in entry.actors:
            count = model._default_manager.filter(**{actor: user.pk}).count()
            if count:
                acts[f"{label}.{actor}"] = count
    invitations = Invitation.objects.filter(email__iexact=user.email)
    if invitations:
        records["accounts.Invitation"] = [
            {"email": i.email, "role": i.role, "created_at": str(i.created_at), "state": i.state}
            for i in invitations
        ]
    return {
        "generated_at": timezone.now().isoformat(),
        "person": {"id": user.pk, "email": user.email},
        "records": records,
        "acts": acts,
    }


def export_json(user: User) -> str:
    data = export_data(user)
    transaction.on_commit(
        lambda: sensitive_act.send(
            sender=User,
            actor=user,
            action="accounts.data_exported",
            target=user,
            territory=None,
            detail={"models": len(data["records"])},
            request=None,
        )
    )
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _scrub_value(value: Any, pattern: re.Pattern[str], replacement: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_scrub_value(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {
            _scrub_value(k, pattern, replacement): _scrub_value(v, pattern, replacement)
            for k, v in value.items()
        }
    return value


def _scrub(
    model: type[models.Model], fields: Iterable[str], needles: list[str], replacement: str
) -> int:
    """Replace the person's identifiers in these text/JSON fields; returns the rows changed."""
    fields = list(fields)
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    forms = {form for n in needles for form in (n, json.dumps(n)[1:-1])}
    annotations = {f"_text_{f}": Cast(f, TextField()) for f in fields}
    condition = Q()
    for f in fields:
        for form in forms:
            condition |= Q(**{f"_text_{f}__icontains": form})
    changed = 0
    queryset = model._default_manager.annotate(**annotations).filter(condition)
    for row in queryset.only("pk", *fields):
        updates = {}
        for f in fields:
            value = getattr(row, f)
            scrubbed = _scrub_value(value, pattern, replacement)
            if scrubbed != value:
                updates[f] = scrubbed
        if updates:
            model._default_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


def _blank(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    if isinstance(field, models.JSONField):
        return field.get_default()
    if field.null:
        return None
    return ""


def erase_person(*, user: User, by: User | None = None) -> ErasureRequest:
    """Remove or pseudonymise the person everywhere the register says, in one transaction."""
    with rewrites_allowed():
        user = User.objects.select_for_update().get(pk=user.pk)
        request = ErasureRequest.objects.filter(
            user=user, done_at__isnull=False
        ).first() or ErasureRequest.objects.create(user=user)
        if request.done_at is not None:
            return request
        needles = identifiers(user)
        replacement = pseudonym_of(user)
        deleted: dict[str, int] = {}
        pseudonymised: dict[str, int] = {}
        kept: list[dict[str, Any]] = []

        scrubbed = {}
        for label, entry in REGISTER.items():
            model = _model(label)
            if model is not None and entry.scrub:
                count = _scrub(model, entry.scrub, needles, replacement)
                if count:
                    scrubbed[label] = count

        # Sign-in sessions first: their keys are listed by the user sessions deleted below.
        from allauth.usersessions.models import UserSession
        from django.contrib.sessions.models import Session

        keys = UserSession.objects.filter(user=user).values_list("session_key", flat=True)
        deleted["sessions.Session"] = Session.objects.filter(session_key__in=list(keys)).delete()[0]

        for label, entry in REGISTER.items():
            model = _model(label)
            if model is None or not entry.subject or label == "people.User":
                continue
            rows = _rows(model, entry, user)
            if entry.erase == DELETE:
                try:
                    with transaction.atomic():
                        count = rows.delete()[0]
                except models.ProtectedError:
                    # Referenced by a kept record (a skill with a signed credential): its
                    # free text is blanked instead.
                    count = rows.update(
                        **{
                            f: _blank(model, f)
                            for f in entry.personal
                            if not model._meta.get_field(f).is_relation
                        }
                    )
                    pseudonymised[label] = count
                    continue
                if count:
                    deleted[label] = count
            elif entry.erase == PSEUDONYMISE:
                blanks = {
                    f: _blank(model, f)
                    for f in entry.personal
                    if not model._meta.get_field(f).is_relation
                }
                if label == "people.WorkerProfile" and hasattr(model, "remote_base"):
                    blanks["remote_base"] = None
                count = rows.update(**blanks) if blanks else rows.count()
                if count:
                    pseudonymised[label] = count
            elif entry.erase == KEEP:
                count = rows.count()
                if count:
                    kept.append({"model": label, "rows": count, "why": entry.kept_because})

        for label, entry in REGISTER.items():
            if entry.erase == KEEP and not entry.subject and entry.kept:
                model = _model(label)
                if model is None:
                    continue
                pattern_rows = model._default_manager.annotate(
                    **{f"_text_{f}": Cast(f, TextField()) for f in entry.kept}
                ).filter(
                    Q(
                        *[Q(**{f"_text_{f}__icontains": n}) for f in entry.kept for n in needles],
                        _connector=Q.OR,
                    )
                )
                count = pattern_rows.count()
                if count:
                    kept.append({"model": label, "rows": count, "why": entry.kept_because})

        invitations = Invitation.objects.filter(email__iexact=user.email)
        if count := invitations.update(email=erased_email(user)):
            pseudonymised["accounts.Invitation"] = count

        user.email = erased_email(user)
        user.first_name = ""
        user.last_name = ""
        user.phone = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        pseudonymised["people.User"] = 1

        request.done_at = timezone.now()
        request.report = {
            "deleted": deleted,
            "pseudonymised": pseudonymised,
            "scrubbed": scrubbed,
            "kept": kept,
        }
        request.save(update_fields=["done_at", "report"])
        transaction.on_commit(
            lambda: sensitive_act.send(
                sender=User,
                actor=by,
                action="accounts.erased",
                target=user,
                territory=None,
                detail={"request": request.pk},
                request=None,
            )
        )
    return request
