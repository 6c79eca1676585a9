"""Areas of help: the HSDS taxonomy and its terms, edited by staff (admin "Areas of help")."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .translated import translated


class Taxonomy(models.Model):
    """An HSDS taxonomy: where terms come from. Kopiena's own two are made by a data
    migration (areas of help; target groups, exported from the core's TargetGroup)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    uri = models.URLField(_("address"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class TaxonomyTermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_listing(self):
        return self.select_related("parent", "taxonomy")

    def with_children(self, codes):
        """The terms with these codes and their children (filtering by "food and goods"
        finds the item exchange too)."""
        return self.filter(models.Q(code__in=codes) | models.Q(parent__code__in=codes))


class TaxonomyTerm(models.Model):
    """An area of help (HSDS taxonomy_term). One level of children: "item exchange" under
    "food and goods"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, verbose_name=_("taxonomy"), on_delete=models.PROTECT, related_name="terms"
    )
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Used in addresses and in imports.")
    )
    name = models.CharField(_("name"), max_length=120)
    name_ru = models.CharField(_("name in Russian"), max_length=120, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description = models.TextField(_("description"))
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("offered in forms and filters"), default=True)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("area of help")
        verbose_name_plural = _("areas of help")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return translated(self, "name")

    @property
    def display_description(self) -> str:
        return translated(self, "description")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.parent_id and (self.parent_id == self.pk or self.parent.parent_id):
            raise ValidationError(
                {"parent": _("An area of help can be part of a top-level one only.")}
            )
