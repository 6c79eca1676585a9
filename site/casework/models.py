"""Municipality, its planning region, and TargetGroup: the classifications every app shares
(pages, calls, organisations, initiatives, monitoring, and whatever a later app classifies).
They live in the core so that every domain app can point at them and the core's importing
lookups can read them without importing a domain app. Registered as snippets in
``casework.wagtail_hooks``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class PlanningRegion(index.Indexed, models.Model):
    """A planning region (plānošanas reģions: Kurzeme, Latgale, Rīga, Vidzeme, Zemgale): the
    municipalities a regional coordinator monitors together (seed 002: Latgale's social
    services programme and its regional coordinator)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("planning region")
        verbose_name_plural = _("planning regions")

    def __str__(self):
        return self.name


class Municipality(index.Indexed, models.Model):
    """A municipality (novads or valstspilsēta): news, stories, organisations and calls
    belong to one; it lies in one planning region."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    planning_region = models.ForeignKey(
        PlanningRegion,
        verbose_name=_("planning region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("planning_region")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class TargetGroup(index.Indexed, models.Model):
    """A group of people a service or project is for (seed 002 gives the Latgale counts)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    people_count = models.PositiveIntegerField(
        _("number of people"),
        null=True,
        blank=True,
        help_text=_("Estimated size of the group, where known."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Who belongs to the group, and where the number comes from."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("people_count"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name
