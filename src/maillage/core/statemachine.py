"""Explicit state machines: one table of allowed moves, a typed error, a logged transition.

A model that has a lifecycle declares `TRANSITIONS` (state -> allowed next states) and a
transition log model; `transition()` checks the move, writes the log row and saves, in one
database transaction, so a refused move changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IllegalTransition(Exception):
    """A move that the lifecycle table does not allow."""

    def __init__(self, *, obj: object, from_state: str, to_state: str) -> None:
        self.obj = obj
        self.from_state = from_state
        self.to_state = to_state
        super().__init__(
            _("%(obj)s cannot go from “%(from)s” to “%(to)s”.")
            % {"obj": obj, "from": from_state, "to": to_state}
        )


class TransitionLog(models.Model):
    """Abstract log row: who moved what from which state to which, when and why."""

    from_state = models.CharField(_("from state"), max_length=32)
    to_state = models.CharField(_("to state"), max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @property
    def to_state_label(self) -> str:
        """The state moved to, named in the reader's language (the stored value is a code)."""
        return str(_state_labels(type(self)).get(self.to_state, self.to_state))


@functools.cache
def _state_labels(log_model: type[TransitionLog]) -> dict[str, str]:
    """The state names of the model whose moves ``log_model`` records (lazy translations,
    read in the language active when shown)."""
    for field in log_model._meta.fields:
        owner = field.related_model
        if (
            isinstance(owner, type)
            and issubclass(owner, StateMachineMixin)
            and getattr(owner, "log_model", None) is log_model
        ):
            # The concrete model's field (the mixin only declares the attribute).
            concrete: Any = owner
            return dict(concrete._meta.get_field("state").flatchoices)
    return {}


# The fields a transition saves, on the concrete model (named here, not in the save() call:
# django-stubs checks a literal update_fields against the abstract mixin, which has neither).
SAVED_ON_TRANSITION = ("state", "updated_at")


class StateMachineMixin(models.Model):
    """Mixin for models with a `state` field, a `TRANSITIONS` table and a log model."""

    TRANSITIONS: Mapping[str, frozenset[str]] = {}
    log_model: type[TransitionLog]
    log_fk_name: str
    # Declared by every concrete model (the fields themselves live there).
    state: str
    updated_at: dt.datetime

    class Meta:
        abstract = True

    def allowed_next_states(self) -> frozenset[str]:
        """States this object may move to from its current state."""
        return self.TRANSITIONS.get(self.state, frozenset())

    def can_transition(self, to_state: str) -> bool:
        return to_state in self.allowed_next_states()

    def transition(self, to_state: str, *, by=None, reason: str = "") -> TransitionLog:
        """Move to `to_state`, logging who and why; raise IllegalTransition if not allowed."""
        from_state = self.state
        if to_state not in self.allowed_next_states():
            raise IllegalTransition(obj=self, from_state=from_state, to_state=to_state)
        with transaction.atomic():
            self.state = to_state
            self.save(update_fields=SAVED_ON_TRANSITION)
            return self.log_model._default_manager.create(
                **{self.log_fk_name: self},
                from_state=from_state,
                to_state=to_state,
                by=by,
                reason=reason,
            )
