"""Accounts, organisations, buyer groups, worker profiles and role memberships."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.people.siret import validate_siret
from maillage.territory.geo import TravelMode
from maillage.territory.models import Commune, Territory, ThirdPlace, Weekday

MAX_WEEK_MINUTES = 48 * 60  # legal weekly maximum (Code du travail L3121-20)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # The roles held anywhere, cached for the request by maillage.people.roles.roles_of.
    _maillage_roles: frozenset[str]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class OrganisationKind(models.TextChoices):
    COMMUNE = "commune", _("Town hall")
    SCHOOL = "school", _("School")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Company")
    LIBRARY = "library", _("Library")
    PUBLIC_DIGITAL_SPACE = "public_digital_space", _("Public digital space")
    EPCI = "epci", _("Intercommunality")
    CARRIER = "carrier", _("Carrier structure (employer)")
    TRAINING_BODY = "training_body", _("Training body")
    UNION = "union", _("Union")


class Organisation(models.Model):
    """A legal entity: a buyer (town hall, school, association...), the carrier, a union..."""

    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 digits, without spaces."),
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_public_buyer = models.BooleanField(
        _("public buyer"), default=False, help_text=_("Receives e-invoices (Chorus Pro).")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="organisation_siret_unique",
                violation_error_message=_("An organisation with this SIRET already exists."),
            ),
            models.CheckConstraint(
                condition=Q(siret="") | Q(siret__regex=r"^[0-9]{14}$"),
                name="organisation_siret_14_digits",
                violation_error_message=_("A SIRET has exactly 14 digits."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[choice.value for choice in OrganisationKind]),
                name="organisation_kind_known",
                violation_error_message=_("Unknown organisation kind."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_buyer(self) -> bool:
        return self.kind not in {
            OrganisationKind.CARRIER,
            OrganisationKind.UNION,
            OrganisationKind.TRAINING_BODY,
        }


class BuyerGroup(models.Model):
    """Buyers pooled to buy together (purchasing group) or to employ together (employer group)."""

    class Kind(models.TextChoices):
        PURCHASING = "purchasing", _("Purchasing group")
        EMPLOYER = "employer", _("Employer group")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="buyer_groups",
    )
    members = models.ManyToManyField(
        Organisation, verbose_name=_("members"), related_name="buyer_groups", blank=True
    )

    class Meta:
        verbose_name = _("buyer group")
        verbose_name_plural = _("buyer groups")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["purchasing", "employer"]),
                name="buyer_group_kind_known",
                violation_error_message=_("Unknown buyer group kind."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkerStatus(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Job seeker")
    MICRO_ENTREPRENEUR = "micro_entrepreneur", _("Micro-entrepreneur")
    EMPLOYEE_ELSEWHERE = "employee_elsewhere", _("Employee elsewhere")
    COOPERATIVE_EMPLOYEE = "cooperative_employee", _("Employee of the cooperative")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class WorkerProfile(models.Model):
    """A digital worker ("artisan numérique"): home, travel, wished hours, availability."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="worker_profile")
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="workers"
    )
    home_commune = models.ForeignKey(
        Commune, verbose_name=_("home commune"), on_delete=models.PROTECT, related_name="+"
    )
    travel_mode = models.CharField(
        _("travel mode"),
        max_length=8,
        choices=[
            (TravelMode.CAR, _("Car")),
            (TravelMode.TRANSIT, _("Public transport")),
            (TravelMode.BIKE, _("Bicycle")),
            (TravelMode.WALK, _("On foot")),
        ],
        default=TravelMode.CAR,
    )
    max_km = models.PositiveSmallIntegerField(
        _("maximum distance (km)"), default=20, help_text=_("From home, by road.")
    )
    wished_weekly_minutes = models.PositiveSmallIntegerField(
        _("wished weekly hours (minutes)"), default=24 * 60
    )
    max_weekly_minutes = models.PositiveSmallIntegerField(
        _("maximum weekly hours (minutes)"), default=35 * 60
    )
    status = models.CharField(
        _("current status"), max_length=24, choices=WorkerStatus.choices, default="job_seeker"
    )
    bio = models.TextField(_("presentation"), blank=True)
    # Where the worker does remote missions when not at home: a tiers-lieu of the territory.
    remote_base = models.ForeignKey(
        ThirdPlace,
        verbose_name=_("remote-work base"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="remote_workers",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("worker profile")
        verbose_name_plural = _("worker profiles")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wished_weekly_minutes__lte=F("max_weekly_minutes")),
                name="worker_wished_within_max",
                violation_error_message=_("Wished hours cannot exceed the maximum hours."),
            ),
            models.CheckConstraint(
                condition=Q(max_weekly_minutes__lte=MAX_WEEK_MINUTES),
                name="worker_max_within_legal_week",
                violation_error_message=_("The maximum cannot exceed the legal 48 hours a week."),
            ),
            models.CheckConstraint(
                condition=Q(max_km__lte=200),
                name="worker_max_km_reasonable",
                violation_error_message=_("The maximum distance cannot exceed 200 km."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def wished_hours(self) -> float:
        return self.wished_weekly_minutes / 60

    @property
    def max_hours(self) -> float:
        return self.max_weekly_minutes / 60


class AvailabilityWindow(models.Model):
    """A weekly span when a worker can work, in minutes from midnight."""

    worker = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_minute = models.PositiveSmallIntegerField(_("from (minutes)"))
    end_minute = models.PositiveSmallIntegerField(_("to (minutes)"))

    class Meta:
        verbose_name = _("availability window")
        verbose_name_plural = _("availability windows")
        ordering = ["weekday", "start_minute"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_minute__lt=F("end_minute")) & Q(end_minute__lte=1440),
                name="availability_ordered_within_day",
                violation_error_message=_("The start must come before the end, within the day."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="availability_weekday_valid",
                violation_error_message=_("The day must be Monday (0) to Sunday (6)."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()} "
            f"{self.start_minute // 60:02d}:{self.start_minute % 60:02d}–"
            f"{self.end_minute // 60:02d}:{self.end_minute % 60:02d}"
        )

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute


class Role(models.TextChoices):
    WORKER = "worker", _("Worker")
    BUYER_MEMBER = "buyer_member", _("Buyer member")
    GROUP_MANAGER = "group_manager", _("Buyer group manager")
    COORDINATOR = "coordinator", _("Coordinator")
    THIRD_PLACE_MANAGER = "third_place_manager", _("Tiers-lieu manager")
    TRAINER = "trainer", _("Trainer")
    UNION_REP = "union_rep", _("Union representative")
    ADMIN = "admin", _("Administrator")


class Membership(models.Model):
    """A role a user holds, scoped to what the role is about (organisation, territory...)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    territory = models.ForeignKey(
        Territory, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    buyer_group = models.ForeignKey(
        BuyerGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    third_place = models.ForeignKey(
        ThirdPlace, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="buyer_member") | Q(organisation__isnull=False),
                name="membership_buyer_has_organisation",
                violation_error_message=_("A buyer member belongs to an organisation."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["coordinator", "union_rep", "trainer", "worker"])
                | Q(territory__isnull=False),
                name="membership_territorial_role_has_territory",
                violation_error_message=_("This role is held on a territory."),
            ),
            models.CheckConstraint(
                condition=~Q(role="group_manager") | Q(buyer_group__isnull=False),
                name="membership_group_manager_has_group",
                violation_error_message=_("A group manager manages a buyer group."),
            ),
            models.CheckConstraint(
                condition=~Q(role="third_place_manager") | Q(third_place__isnull=False),
                name="membership_third_place_manager_has_place",
                violation_error_message=_("A tiers-lieu manager manages a tiers-lieu."),
            ),
            # Coalesce: a missing scope counts as one value, so the same role cannot repeat.
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("organisation", Value(0)),
                Coalesce("territory", Value(0)),
                Coalesce("buyer_group", Value(0)),
                Coalesce("third_place", Value(0)),
                name="membership_unique",
                violation_error_message=_("This person already holds this role here."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.buyer_group or self.third_place or self.territory or ""
        return f"{self.user} — {self.get_role_display()} {scope}".strip()
