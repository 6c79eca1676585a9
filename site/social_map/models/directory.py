"""The directory itself, in the shape of Open Referral HSDS 3.0: organisation → service →
service at location ← location, with phones and weekly schedules.

Every record has a ``uuid``: its HSDS ``id`` in exports and the API (URLs use the integer
pk). A service is a case (``CaseModel``): its ``publication`` state (published, needs
confirmation, hidden, withdrawn) changes only through ``casework.service.perform_transition``;
its content changes only by publishing a proposal (:mod:`kopiena.social_map.proposals`),
by the import, or by the "still correct" confirmation.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from kopiena.casework.notifications import APPLICANT
from kopiena.casework.workflow import COMMENT, CaseModel, action
from kopiena.pages.models.fields import ChoiceListField

from .. import validators
from ..querysets import (
    LocationQuerySet,
    OrganizationQuerySet,
    ScheduleQuerySet,
    ServiceAtLocationQuerySet,
    ServiceQuerySet,
)
from ..roles import is_editor
from .translated import translated


class OrganizationKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal institution")
    STATE = "state", _("State institution")
    NGO = "ngo", _("Association or foundation")
    RELIGIOUS = "religious", _("Religious organisation")
    OTHER = "other", _("Other")


class Organization(models.Model):
    """A provider of help: a municipal or state institution, an NGO, a congregation.

    ``grants_organisation`` links an NGO to the organisation its portal members act for
    (``kopiena.grants.Membership``): they may propose and confirm its entries. Institutions
    and NGOs without portal members are kept by the social map editors.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="directory_organizations",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.NGO
    )
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(
        _("website"), max_length=500, blank=True, validators=[validators.validate_web_url]
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=11,
        blank=True,
        validators=[
            RegexValidator(r"^\d{11}$", _("11 digits, as in the Register of Enterprises."))
        ],
    )
    grants_organisation = models.OneToOneField(
        "kopiena_grants.Organisation",
        verbose_name=_("portal organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_entry",
        help_text=_("Its portal members may propose changes to these entries and confirm them."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation in the directory")
        verbose_name_plural = _("organisations in the directory")

    def __str__(self):
        return self.name

    @property
    def display_description(self) -> str:
        return translated(self, "description")

    def member_users(self):
        """The active portal members who act for this organisation."""
        from django.contrib.auth import get_user_model

        if not self.grants_organisation_id:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(
            is_active=True, memberships__organisation_id=self.grants_organisation_id
        )

    def has_member(self, user) -> bool:
        if not self.grants_organisation_id or not getattr(user, "is_authenticated", False):
            return False
        return (
            user.is_active
            and user.memberships.filter(organisation_id=self.grants_organisation_id).exists()
        )


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("A place to visit")
    VIRTUAL = "virtual", _("Online or by phone")


class Location(models.Model):
    """A place where help is given (HSDS location, with its address and accessibility)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="locations",
    )
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="directory_locations",
    )
    location_type = models.CharField(
        _("kind of place"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    name = models.CharField(_("name of the place"), max_length=255, blank=True)
    description = models.TextField(_("about the place"), blank=True)
    address_1 = models.CharField(_("street and number"), max_length=255, blank=True)
    address_2 = models.CharField(_("neighbourhood or parish"), max_length=255, blank=True)
    city = models.CharField(_("city or village"), max_length=120, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=7, blank=True, validators=[validators.validate_postal_code]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validators.validate_latitude],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[validators.validate_longitude],
    )
    transportation = models.TextField(_("how to get there"), blank=True)
    transportation_ru = models.TextField(_("how to get there, in Russian"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free entrance, lift, toilet, induction loop…"),
    )
    accessibility_ru = models.TextField(_("accessibility, in Russian"), blank=True)
    url = models.CharField(
        _("web address of an online place"),
        max_length=500,
        blank=True,
        validators=[validators.validate_web_url],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["city", "address_1", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="kopiena_social_map_location_both_coordinates",
                violation_error_message=_("Give both coordinates, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=validators.LAT_MIN, latitude__lte=validators.LAT_MAX),
                name="kopiena_social_map_location_latitude_in_latvia",
                violation_error_message=_("The latitude is outside Latvia."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=validators.LON_MIN, longitude__lte=validators.LON_MAX),
                name="kopiena_social_map_location_longitude_in_latvia",
                violation_error_message=_("The longitude is outside Latvia."),
            ),
        ]
        indexes = [models.Index(fields=["municipality"], name="kopiena_social_map_loc_mun")]

    def __str__(self):
        return self.name or self.address_line or str(_("place without an address"))

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in (self.address_1, self.address_2, self.city) if p)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both coordinates, or neither."
            )
        if self.location_type == LocationType.PHYSICAL and not self.address_1:
            errors["address_1"] = _("A place to visit needs its street and number.")
        if errors:
            raise ValidationError(errors)


class ServiceStatus(models.TextChoices):
    """HSDS service status: whether the help is given now (data, not the workflow)."""

    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Not offered now")
    DEFUNCT = "defunct", _("Ended")


#: HSDS statuses the public sees.
PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class Publication(models.TextChoices):
    PUBLISHED = "published", _("Published")
    NEEDS_CONFIRMATION = "needs_confirmation", _("Needs confirmation")
    HIDDEN = "hidden", _("Hidden: not confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Publication states the public sees (a flagged entry stays public until it is hidden).
PUBLIC_STATES = (Publication.PUBLISHED, Publication.NEEDS_CONFIRMATION)


class Language(models.TextChoices):
    LATVIAN = "lv", _("Latvian")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


def _system(instance, user) -> bool:
    """Only code outside any request acts as no user: the freshness task. Views, the API
    and imports always pass the person (or AnonymousUser)."""
    return user is None


def _editor(instance, user) -> bool:
    return is_editor(user)


def _confirmer(instance, user) -> bool:
    return is_editor(user) or instance.organization.has_member(user)


class Service(CaseModel):
    """Help one organisation gives (HSDS service), at one or more places."""

    state_field_name = "publication"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=255)
    name_ru = models.CharField(_("name in Russian"), max_length=255, blank=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    publication = FSMField(
        _("publication"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.PUBLISHED,
        protected=True,
    )
    areas = models.ManyToManyField(
        "kopiena_social_map.TaxonomyTerm",
        verbose_name=_("areas of help"),
        related_name="services",
    )
    target_groups = models.ManyToManyField(
        "kopiena_casework.TargetGroup",
        verbose_name=_("target groups"),
        related_name="directory_services",
        blank=True,
    )
    eligibility_description = models.TextField(_("who may use it"), blank=True)
    eligibility_description_ru = models.TextField(_("who may use it, in Russian"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("from age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("up to age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    fees_description = models.TextField(_("what it costs"), blank=True)
    fees_description_ru = models.TextField(_("what it costs, in Russian"), blank=True)
    cost_amount = models.DecimalField(
        _("price (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    languages = ChoiceListField(_("languages"), item_choices=Language, blank=True)
    languages_other = models.CharField(_("other languages"), max_length=200, blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    application_process_ru = models.TextField(_("how to apply, in Russian"), blank=True)
    required_documents = models.TextField(
        _("documents needed"), blank=True, help_text=_("One document per line.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.CharField(
        _("web address"), max_length=500, blank=True, validators=[validators.validate_web_url]
    )
    last_confirmed_on = models.DateField(_("last confirmed"), default=timezone.localdate)
    last_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_modified = models.DateTimeField(_("last changed"), default=timezone.now)
    stale_since = models.DateField(_("flagged on"), null=True, blank=True)
    hidden_since = models.DateField(_("hidden on"), null=True, blank=True)
    confirmation_requested_on = models.DateField(_("confirmation asked on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        indexes = [
            models.Index(fields=["publication", "status"], name="kopiena_social_map_svc_pub"),
            models.Index(fields=["last_confirmed_on"], name="kopiena_social_map_svc_conf"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="kopiena_social_map_service_age_range",
                violation_error_message=_("The lower age limit is above the upper one."),
            ),
        ]

    def __str__(self):
        return self.display_name

    # --- reading ----------------------------------------------------------------------------

    @property
    def display_name(self) -> str:
        return translated(self, "name")

    @property
    def display_description(self) -> str:
        return translated(self, "description")

    def text(self, field: str) -> str:
        return translated(self, field)

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    @property
    def is_public(self) -> bool:
        return self.publication in PUBLIC_STATES and self.status in PUBLIC_STATUSES

    def case_reference(self) -> str:
        return f"SK-{self.pk}"

    def clean(self):
        errors = {}
        if not self.free_of_charge and not self.fees_description:
            errors["fees_description"] = _("Say what it costs, or mark it free of charge.")
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            errors["maximum_age"] = _("The upper age limit is below the lower one.")
        if errors:
            raise ValidationError(errors)

    # --- lifecycle ----------------------------------------------------------------------------

    @transition(
        field=publication,
        source=Publication.PUBLISHED,
        target=Publication.NEEDS_CONFIRMATION,
        permission=_system,
        custom=action(_("Flag as needing confirmation"), inputs=()),
    )
    def flag_stale(self, *, user, inputs):
        self.stale_since = timezone.localdate()

    @transition(
        field=publication,
        source=Publication.NEEDS_CONFIRMATION,
        target=Publication.HIDDEN,
        permission=_system,
        custom=action(_("Hide: not confirmed"), inputs=()),
    )
    def hide_stale(self, *, user, inputs):
        self.hidden_since = timezone.localdate()

    @transition(
        field=publication,
        source=[Publication.PUBLISHED, Publication.NEEDS_CONFIRMATION, Publication.HIDDEN],
        target=Publication.PUBLISHED,
        permission=_confirmer,
        custom=action(_("Still correct"), inputs=()),
    )
    def confirm(self, *, user, inputs):
        self.last_confirmed_on = timezone.localdate()
        self.last_confirmed_by = user
        self.stale_since = None
        self.hidden_since = None
        self.confirmation_requested_on = None

    @transition(
        field=publication,
        source=[Publication.PUBLISHED, Publication.NEEDS_CONFIRMATION, Publication.HIDDEN],
        target=Publication.WITHDRAWN,
        permission=_editor,
        custom=action(
            _("Withdraw from the map"),
            inputs=(COMMENT,),
            required=(COMMENT,),
            comment_label=_("Reason"),
            style="warning",
            confirm=_("Withdraw this entry? It disappears from the public map and list."),
        ),
    )
    def withdraw(self, *, user, inputs):
        pass

    @transition(
        field=publication,
        source=Publication.WITHDRAWN,
        target=Publication.PUBLISHED,
        permission=_editor,
        custom=action(_("Publish again"), inputs=(COMMENT,)),
    )
    def republish(self, *, user, inputs):
        pass

    def notification_recipients(self, action_name, source, target):
        if action_name in ("withdraw", "republish"):
            return [(member, APPLICANT) for member in self.organization.member_users()]
        return []

    def notification_url(self, audience):
        from django.urls import reverse

        from kopiena.conf import base_url

        if audience == APPLICANT:
            return base_url() + reverse("social_map_portal:overview")
        return base_url() + reverse("kopiena_social_map_service:inspect", args=[self.pk])


class ServiceAtLocation(models.Model):
    """A service given at a place (HSDS service_at_location), with its own hours there."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="sites"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("place"), on_delete=models.PROTECT, related_name="sites"
    )
    description = models.TextField(_("note for this place"), blank=True)

    objects = ServiceAtLocationQuerySet.as_manager()

    class Meta:
        ordering = ["service__name", "pk"]
        verbose_name = _("service at a place")
        verbose_name_plural = _("services at places")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="kopiena_social_map_sal_unique"
            )
        ]

    def __str__(self):
        return f"{self.service} — {self.location}"


class Schedule(models.Model):
    """Weekly hours of a service at a place (HSDS schedule, ``freq=WEEKLY``), or "by
    appointment". Times are Latvian local time."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    site = models.ForeignKey(
        ServiceAtLocation,
        verbose_name=_("service at a place"),
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    byday = models.CharField(
        _("days"), max_length=20, blank=True, help_text=_("HSDS day codes: MO,TU,WE,TH,FR,SA,SU")
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    by_appointment = models.BooleanField(_("by appointment"), default=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=500, blank=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["site", "pk"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="kopiena_social_map_schedule_closes_after_opens",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
            models.CheckConstraint(
                condition=Q(by_appointment=True)
                | (~Q(byday="") & Q(opens_at__isnull=False, closes_at__isnull=False)),
                name="kopiena_social_map_schedule_days_and_times",
                violation_error_message=_("Give the days and times, or mark it by appointment."),
            ),
        ]

    def __str__(self):
        from .. import hours

        if self.by_appointment and not self.opens_at:
            return str(_("By appointment"))
        return (
            f"{hours.format_days(self.days)} {hours.format_interval(self.opens_at, self.closes_at)}"
        )

    @property
    def days(self) -> tuple[str, ...]:
        return tuple(d for d in self.byday.split(",") if d)

    def clean(self):
        from .. import hours

        try:
            hours.check_interval(self.opens_at, self.closes_at)
        except hours.HoursError as exc:
            raise ValidationError({"closes_at": str(exc)}) from None
        if self.byday:
            validators.validate_byday(self.byday)


class Phone(models.Model):
    """A phone number of an organisation, a service or a place (HSDS phone)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(
        _("phone number"), max_length=20, validators=[validators.validate_phone]
    )
    description = models.CharField(_("note"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organization__isnull=False, service__isnull=True, location__isnull=True)
                    | Q(organization__isnull=True, service__isnull=False, location__isnull=True)
                    | Q(organization__isnull=True, service__isnull=True, location__isnull=False)
                ),
                name="kopiena_social_map_phone_one_owner",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "")
