"""Public page types, their snippets and the consent-aware image model.

Imports point one way: ``pages`` depends on Wagtail only; ``grants`` and ``community_work``
import ``Municipality`` and ``TargetGroup`` from here, never the reverse.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class ConsentStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed (no identifiable people)")
    ADULT = "adult", _("Adult consent given")
    PARENTAL = "parental", _("Parental consent given")
    NONE = "none", _("No consent")


class ConsentImage(AbstractImage):
    """Wagtail's image with the consent status a social service must keep for photos of
    people (children's photos need parental consent) and required alternative text."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    consent = models.CharField(
        _("consent"),
        max_length=20,
        choices=ConsentStatus.choices,
        default=ConsentStatus.NOT_NEEDED,
        help_text=_("Pages showing an image without consent cannot be published."),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "consent")

    search_fields = [*AbstractImage.search_fields, index.SearchField("alt_text")]

    @property
    def default_alt_text(self):
        return self.alt_text

    @property
    def publishable(self) -> bool:
        return self.consent != ConsentStatus.NONE

    def clean(self):
        super().clean()
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": _("Describe the image for people who cannot see it.")})

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class ConsentRendition(AbstractRendition):
    image = models.ForeignKey(ConsentImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_snippet
class Municipality(index.Indexed, models.Model):
    """A municipality (novads or valstspilsēta): news, stories, organisations and calls
    belong to one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


@register_snippet
class TargetGroup(index.Indexed, models.Model):
    """A group of people a service or project is for (seed 002 gives the Latgale counts)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    people_count = models.PositiveIntegerField(
        _("number of people"), null=True, blank=True,
        help_text=_("Estimated size of the group, where known."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("people_count")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class HomePage(Page):
    """The site root: one per locale, under Wagtail's root page."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
