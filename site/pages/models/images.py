"""The consent-aware image model (``WAGTAILIMAGES_IMAGE_MODEL = "pages.ConsentImage"``).

Social services photograph the people they work with; a photo may only be shown when the
people in it (or, for children, their parents) agreed. The consent status lives on the image,
and ``pages.publishing`` refuses to publish a page that shows an image without it.
"""

import os
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image, ImageQuerySet
from wagtail.search import index

#: Renditions of a hero image: the page itself and social previews, and list cards. The
#: templates, the page API and the listing prefetch all read them from here.
HERO_RENDITIONS = {"large": "fill-1200x630", "thumbnail": "fill-400x300"}


class ConsentStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed (no identifiable people)")
    ADULT = "adult", _("Adult consent given")
    PARENTAL = "parental", _("Parental consent given")
    NONE = "none", _("No consent")


class ConsentImageQuerySet(ImageQuerySet):
    def without_consent(self):
        return self.filter(consent=ConsentStatus.NONE)


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

    objects = ConsentImageQuerySet.as_manager()

    @property
    def default_alt_text(self):
        return self.alt_text

    @property
    def publishable(self) -> bool:
        """False for an image nobody agreed to show: templates and the API leave it out."""
        return self.consent != ConsentStatus.NONE

    def get_upload_to(self, filename):
        """Wagtail's path with a random part added to the file name, so that nobody can
        guess the address of an original (or of its renditions, which are named after it):
        an image whose consent is later withdrawn must not stay reachable by its name."""
        path = super().get_upload_to(filename)
        folder, name = os.path.split(path)
        stem, extension = os.path.splitext(name)
        return os.path.join(folder, f"{stem[:60]}-{secrets.token_hex(10)}{extension}")

    def clean(self):
        super().clean()
        if not (self.alt_text or "").strip():
            raise ValidationError(
                {"alt_text": _("Describe the image for people who cannot see it.")}
            )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class ConsentRendition(AbstractRendition):
    image = models.ForeignKey(ConsentImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
