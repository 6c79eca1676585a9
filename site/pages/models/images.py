"""Image consent, for whatever image model the host uses.

Social services photograph the people they work with; a photo may only be shown when the
people in it (or, for children, their parents) agreed. The consent is a record beside the
image (:class:`ImageConsent`, one per image of ``WAGTAILIMAGES_IMAGE_MODEL``), edited on the
image's own admin form through :class:`kopiena.pages.forms.ConsentImageFormMixin`. An image
without a record has no consent on file: Kopiena's pages do not show it and cannot be
published with it (``kopiena.pages.publishing``). The host's own pages are not affected.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string

#: Renditions of a hero image: the page itself and social previews, and list cards. The
#: templates, the page API and the listing prefetch all read them from here.
HERO_RENDITIONS = {"large": "fill-1200x630", "thumbnail": "fill-400x300"}


class ConsentStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed (no identifiable people)")
    ADULT = "adult", _("Adult consent given")
    PARENTAL = "parental", _("Parental consent given")
    NONE = "none", _("No consent")


#: Statuses that let an image be shown. An image with no record is not among them.
PUBLISHABLE_STATUSES = (ConsentStatus.NOT_NEEDED, ConsentStatus.ADULT, ConsentStatus.PARENTAL)

#: Statuses that stand on a signed form: the date on it and where it is kept are required
#: (the image form asks for both; the database holds parental consent to it).
SIGNED_STATUSES = (ConsentStatus.ADULT, ConsentStatus.PARENTAL)

#: The reverse accessor from an image to its consent record.
CONSENT_ACCESSOR = "kopiena_consent"


def publishable_images_q(prefix: str = "") -> models.Q:
    """A filter for images that may be shown; ``prefix`` leads from the queried model to
    the image (``"hero_image__"``)."""
    return models.Q(**{f"{prefix}{CONSENT_ACCESSOR}__status__in": PUBLISHABLE_STATUSES})


def image_consent(image):
    """The image's consent record, or ``None`` when none was recorded."""
    if image is None:
        return None
    try:
        return getattr(image, CONSENT_ACCESSOR)
    except ImageConsent.DoesNotExist:
        return None


def is_publishable(image) -> bool:
    """False for an image nobody agreed to show, or whose consent was never recorded:
    templates and the API leave it out."""
    consent = image_consent(image)
    return consent is not None and consent.status in PUBLISHABLE_STATUSES


def signed_form_errors(status, given_on, form_kept_at) -> dict[str, str]:
    """Field messages (keyed ``given_on``/``form_kept_at``) when a consent that stands on a
    signed form lacks the form's date or where the form is kept."""
    errors = {}
    if status in SIGNED_STATUSES:
        if not given_on:
            errors["given_on"] = _("Give the date on the signed consent form.")
        if not (form_kept_at or "").strip():
            errors["form_kept_at"] = _("Say where the signed consent form is kept.")
    return errors


class ImageConsent(models.Model):
    """The consent on file for one image. ``WAGTAILIMAGES_IMAGE_MODEL`` is read when the
    migration runs, so the record follows the host's image model (swap it before the first
    ``migrate``, as with any swappable model)."""

    image = models.OneToOneField(
        get_image_model_string(),
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name=CONSENT_ACCESSOR,
    )
    status = models.CharField(_("consent"), max_length=20, choices=ConsentStatus.choices)
    given_on = models.DateField(
        _("consent given on"),
        null=True,
        blank=True,
        help_text=_("The date on the signed consent form."),
    )
    form_kept_at = models.CharField(
        _("where the signed form is kept"),
        max_length=255,
        blank=True,
        help_text=_("For example: the social service's archive, folder “Consents 2026”."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("image consent")
        verbose_name_plural = _("image consents")
        constraints = [
            # A child's photo is shown only on a parent's signed form: never without its
            # date and where it is kept, whatever path writes the record.
            models.CheckConstraint(
                condition=~models.Q(status=ConsentStatus.PARENTAL)
                | (models.Q(given_on__isnull=False) & ~models.Q(form_kept_at="")),
                name="kopiena_pages_parental_consent_has_its_form",
                violation_error_message=_(
                    "Parental consent needs the date on the signed form and where it is kept."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.image_id}: {self.get_status_display()}"

    def clean(self):
        super().clean()
        errors = signed_form_errors(self.status, self.given_on, self.form_kept_at)
        if errors:
            raise ValidationError(errors)

    @property
    def publishable(self) -> bool:
        return self.status in PUBLISHABLE_STATUSES
