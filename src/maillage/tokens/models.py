"""Personal access tokens of the API: a name, scopes, an expiry; only a hash of the secret."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.people.models import User

#: What a token shows of itself in lists and logs: "mlg_" and the first characters.
PREFIX_LENGTH = 12
NAME_MAX_LENGTH = 100


class Scope(models.TextChoices):
    """What a token may do; every token reads with "read", the others write (or, for
    invoices, read documents that carry money and addresses)."""

    READ = "read", _("Read needs, quotes, plans, my week, timesheets and indicators")
    NEEDS = "needs", _("Create, change and cancel needs")
    QUOTES = "quotes", _("Accept or refuse quotes")
    TIMESHEETS = "timesheets", _("Declare and validate timesheets")
    INVOICES = "invoices", _("Read invoices and download them")


class ApiToken(models.Model):
    """A token a person made for a script; the secret is shown once and stored hashed
    (SHA-256: the secret is 256 random bits, so no slow hash is needed against guessing)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    scopes = models.CharField(_("scopes"), max_length=200)  # space-separated, as in OAuth
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True)
    secret_hash = models.CharField(_("SHA-256 of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(scopes=""),
                name="apitoken_has_a_scope",
                violation_error_message=_("A token has at least one scope."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="apitoken_expires_after_creation",
                violation_error_message=_("A token expires after it is created."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    def is_active(self, now=None) -> bool:
        """Neither revoked nor expired."""
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
