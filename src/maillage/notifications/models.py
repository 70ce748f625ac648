"""The in-app inbox, the email deliveries and what each person wants by email.

A `Notification` is one message in one person's inbox: a kind and its raw parameters,
rendered in the reader's language when shown. Each notification has at most one
`EmailDelivery`, written with it and sent after commit by a background task, which records
whether the email went out, was skipped (address not verified, kind turned off) or failed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.notifications.kinds import Kind

URL_LENGTH = 500
ERROR_LENGTH = 300
KNOWN_KINDS = [choice.value for choice in Kind]


class Notification(models.Model):
    """One message in one person's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # A path on this site ("/fr/..."), never another site: the inbox links to it.
    url = models.CharField(_("link"), max_length=URL_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=KNOWN_KINDS),
                name="notification_kind_known",
                violation_error_message=_("Unknown notification kind."),
            ),
            models.CheckConstraint(
                condition=Q(url="") | (Q(url__startswith="/") & ~Q(url__startswith="//")),
                name="notification_url_local",
                violation_error_message=_("A notification links to a page of this site."),
            ),
            models.CheckConstraint(
                condition=Q(read_at__isnull=True) | Q(read_at__gte=models.F("created_at")),
                name="notification_read_after_created",
                violation_error_message=_("A notification is read after it is created."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not sent")
    FAILED = "failed", _("Failed")


class SkipReason(models.TextChoices):
    NOT_VERIFIED = "not_verified", _("Email address not verified")
    OPTED_OUT = "opted_out", _("Turned off by the recipient")
    NO_ADDRESS = "no_address", _("No email address")
    INACTIVE = "inactive", _("Account inactive")
    # Notified while the demo data was built: history, not news (maillage.demo.notifications).
    DEMO_HISTORY = "demo_history", _("Demo data, not sent")


#: pending → sent | skipped | failed; pending stays pending between failed attempts.
DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    DeliveryState.PENDING: frozenset(
        {DeliveryState.SENT, DeliveryState.SKIPPED, DeliveryState.FAILED}
    ),
    DeliveryState.SENT: frozenset(),
    DeliveryState.SKIPPED: frozenset(),
    DeliveryState.FAILED: frozenset(),
}


class EmailDelivery(models.Model):
    """The email of one notification: pending until the background task decides its fate."""

    notification = models.OneToOneField(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="delivery",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    reason = models.CharField(_("reason"), max_length=16, choices=SkipReason.choices, blank=True)
    # The address it was sent to (the recipient may change theirs later).
    address = models.EmailField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=ERROR_LENGTH, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="email_delivery_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in DeliveryState]),
                name="email_delivery_state_known",
                violation_error_message=_("Unknown delivery state."),
            ),
            models.CheckConstraint(
                condition=(Q(state="skipped") & ~Q(reason=""))
                | (~Q(state="skipped") & Q(reason="")),
                name="email_delivery_skipped_has_reason",
                violation_error_message=_("A skipped email says why, and only a skipped one."),
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | (Q(sent_at__isnull=False) & ~Q(address="")),
                name="email_delivery_sent_has_address",
                violation_error_message=_("A sent email has an address and a time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id}: {self.get_state_display()}"


class EmailPreference(models.Model):
    """Whether one person wants the emails of one kind (no row: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="email_preferences",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    email = models.BooleanField(_("by email"))

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="email_preference_unique",
                violation_error_message=_("This person already chose for this kind."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=KNOWN_KINDS),
                name="email_preference_kind_known",
                violation_error_message=_("Unknown notification kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.email}"


class RecipientSettings(models.Model):
    """The language a person reads their emails in (no row: the site's default language)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    language = models.CharField(_("language of emails"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="recipient_settings_language_known",
                violation_error_message=_("Unknown language."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
