"""Communes, territories and tiers-lieux."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Commune(models.Model):
    """A French commune from the INSEE Code officiel géographique (insee_code is its key)."""

    insee_code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    postal_codes = models.CharField(_("postal codes"), max_length=200, blank=True)
    departement_code = models.CharField(_("département code"), max_length=3, db_index=True)
    departement_name = models.CharField(_("département"), max_length=100)
    region_name = models.CharField(_("region"), max_length=100)
    epci_siren = models.CharField(_("EPCI SIREN"), max_length=9, blank=True, db_index=True)
    epci_name = models.CharField(_("EPCI"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), default=0)
    # Unknown (NULL) for the 2 communes whose source row says "nan" (Solore-en-Forez, Lanester):
    # they are kept, and nothing is computed from coordinates that do not exist.
    latitude = models.FloatField(_("latitude"), null=True)
    longitude = models.FloatField(_("longitude"), null=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name", "insee_code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180)
                    | Q(latitude__isnull=True, longitude__isnull=True)
                ),
                name="commune_coordinates_on_earth",
                violation_error_message=_("Coordinates must be a valid latitude and longitude."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement_code})"

    @property
    def main_postal_code(self) -> str:
        return self.postal_codes.split()[0] if self.postal_codes else ""


class TerritoryKind(models.TextChoices):
    EPCI = "epci", _("EPCI (intercommunality)")
    DEPARTEMENT = "departement", _("Département")
    CUSTOM = "custom", _("Custom set of communes")


class Territory(models.Model):
    """A named set of communes: the unit of planning, of governance and of scale-out."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=TerritoryKind.choices)
    code = models.CharField(
        _("code"), max_length=9, blank=True, help_text=_("EPCI SIREN or département code.")
    )
    communes = models.ManyToManyField(Commune, verbose_name=_("communes"), related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["epci", "departement", "custom"]),
                name="territory_kind_known",
                violation_error_message=_("Unknown territory kind."),
            ),
            models.CheckConstraint(
                condition=Q(kind="custom") | ~Q(code=""),
                name="territory_preset_has_code",
                violation_error_message=_("An EPCI or département territory needs its code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ThirdPlace(models.Model):
    """A tiers-lieu: a local support point where workers meet, train and sometimes work."""

    class Service(models.TextChoices):
        COWORKING = "coworking", _("Coworking desks")
        FABLAB = "fablab", _("Fab lab")
        DIGITAL_HELP = "digital_help", _("Digital help desk")
        TRAINING_ROOM = "training_room", _("Training room")
        CHILDCARE = "childcare", _("Childcare corner")
        MEETING_ROOM = "meeting_room", _("Meeting room")
        VIDEO_STUDIO = "video_studio", _("Video studio")

    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="third_places",
    )
    name = models.CharField(_("name"), max_length=200)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=300)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"))
    services = models.JSONField(_("services"), default=list, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("tiers-lieu")
        verbose_name_plural = _("tiers-lieux")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="third_place_capacity_positive",
                violation_error_message=_("Capacity must be at least one person."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def service_labels(self) -> list[str]:
        labels = dict(self.Service.choices)
        return [str(labels.get(code, code)) for code in self.services]


class OpeningHours(models.Model):
    """One opening span of a tiers-lieu on a weekday, in minutes from midnight."""

    third_place = models.ForeignKey(
        ThirdPlace, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.PositiveSmallIntegerField(_("opens at (minutes)"))
    closes_at = models.PositiveSmallIntegerField(_("closes at (minutes)"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")) & Q(closes_at__lte=1440),
                name="opening_hours_ordered_within_day",
                violation_error_message=_("Opening must come before closing, within the day."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="opening_hours_weekday_valid",
                violation_error_message=_("The day must be Monday (0) to Sunday (6)."),
            ),
        ]

    def __str__(self) -> str:
        opens, closes = format_minutes(self.opens_at), format_minutes(self.closes_at)
        return f"{self.get_weekday_display()} {opens}–{closes}"


def format_minutes(minutes: int) -> str:
    """'15:30' for 930 minutes from midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
