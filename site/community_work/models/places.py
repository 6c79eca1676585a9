"""Where community work happens: community centres and the communities themselves."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class CommunityCentre(models.Model):
    """A community centre (kopienas centrs) of a municipality, e.g. “Ābelzieds” in Rīga or
    “Kadiķis” in Kalngale (Ādažu novads): where a community meets and a social worker works
    with it."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="community_centres",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Decimal degrees, e.g. 56.946285 (Latvia is about 55.6–58.1)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("Decimal degrees, e.g. 24.105078 (Latvia is about 20.9–28.3)."),
    )
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("E.g. “Mon–Fri 10:00–18:00”.")
    )
    services = models.TextField(
        _("services offered"), blank=True, help_text=_("One service per line.")
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("services"),
        FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("community centre")
        verbose_name_plural = _("community centres")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="kopiena_community_work_centre_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="kopiena_community_work_centre_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="kopiena_community_work_centre_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both coordinates or neither.")})

    @property
    def service_list(self) -> list[str]:
        return [line.strip() for line in self.services.splitlines() if line.strip()]


class CommunityKind(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    PARISH = "parish", _("Parish")
    TARGET_GROUP = "target_group", _("Target group")


class Community(models.Model):
    """A community a social worker works with: a neighbourhood (Križi, Alderi, Dzirciems),
    a parish (Viļāni) or a target group (seniors living alone, parents of disabled
    children)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CommunityKind.choices, default=CommunityKind.NEIGHBOURHOOD
    )
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="communities",
    )
    size = models.PositiveIntegerField(
        _("size"), null=True, blank=True, help_text=_("Approximate number of people.")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("municipality")]),
        FieldPanel("size"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="kopiena_community_work_community_unique_name"
            ),
        ]

    def __str__(self):
        return self.name
