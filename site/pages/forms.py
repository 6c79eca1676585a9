"""The image form that records consent beside the image.

Wagtail builds every image form (upload, edit, the multiple uploader's edit forms) from
``WAGTAILIMAGES_IMAGE_FORM_BASE``. A host points that setting at :class:`ConsentImageForm`,
or mixes :class:`ConsentImageFormMixin` into its own base form; the system check
``kopiena.E004`` says so when neither is set. Uploads in the multiple uploader come back as
an edit form asking for the consent before the image is created, so nobody uploads an image
without choosing.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from kopiena.pages.models.images import (
    ConsentStatus,
    ImageConsent,
    image_consent,
    signed_form_errors,
)

#: The log action of a consent change, shown in the image's history.
CONSENT_CHANGED = "kopiena.image_consent"


#: How many of the latest consent changes the image form lists.
HISTORY_SHOWN = 5


def _status_label(value) -> str:
    try:
        return str(ConsentStatus(value).label)
    except ValueError:
        return str(_("not recorded"))


def consent_history(image):
    """The image's latest consent changes (Wagtail's log), newest first, as an HTML list
    for the image form: when, who, from what to what, and the form's date and place."""
    entries = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(image, for_concrete_model=False),
            object_id=str(image.pk),
            action=CONSENT_CHANGED,
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")[:HISTORY_SHOWN]
    )
    rows = [
        (
            date_format(localtime(entry.timestamp), "SHORT_DATETIME_FORMAT"),
            (entry.user.get_full_name() or entry.user.get_username()) if entry.user else "—",
            _status_label(entry.data.get("from", "")),
            _status_label(entry.data.get("to", "")),
            "; ".join(
                filter(None, [entry.data.get("given_on", ""), entry.data.get("form_kept_at", "")])
            ),
        )
        for entry in entries
    ]
    if not rows:
        return ""
    return format_html(
        '<ul class="kopiena-consent-history">{}</ul>',
        format_html_join("", "<li>{} — {}: {} → {} {}</li>", rows),
    )


class ConsentImageFormMixin(forms.Form):
    """Adds the consent fields to an image form and saves them to the image's
    :class:`ImageConsent` (with an entry in Wagtail's log) when the form saves."""

    consent_status = forms.ChoiceField(
        label=_("Consent"),
        choices=[("", _("Choose…")), *ConsentStatus.choices],
        help_text=_(
            "Pages showing an image without consent cannot be published. Photos of children "
            "need their parents' consent."
        ),
    )
    consent_given_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consent_form_kept_at = forms.CharField(
        label=_("Where the signed form is kept"),
        required=False,
        max_length=255,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self._consent_user = user
        consent = image_consent(self.instance) if self.instance.pk else None
        if consent is not None:
            self.fields["consent_status"].initial = consent.status
            self.fields["consent_given_on"].initial = consent.given_on
            self.fields["consent_form_kept_at"].initial = consent.form_kept_at
        if self.instance.pk:
            history = consent_history(self.instance)
            if history:
                field = self.fields["consent_status"]
                field.help_text = format_html(
                    "{}<br>{} {}", field.help_text, _("Consent history:"), history
                )

    def clean(self):
        cleaned_data = super().clean()
        errors = signed_form_errors(
            cleaned_data.get("consent_status"),
            cleaned_data.get("consent_given_on"),
            cleaned_data.get("consent_form_kept_at"),
        )
        for name, message in errors.items():
            self.add_error(f"consent_{name}", message)
        return cleaned_data

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            self.save_consent(image)
        return image

    @transaction.atomic
    def save_consent(self, image):
        data = self.cleaned_data
        values = {
            "status": data["consent_status"],
            "given_on": data.get("consent_given_on"),
            "form_kept_at": (data.get("consent_form_kept_at") or "").strip(),
        }
        consent = image_consent(image)
        before = {name: getattr(consent, name) for name in values} if consent else None
        if before == values:
            return consent
        consent, _created = ImageConsent.objects.update_or_create(
            image=image, defaults={**values, "updated_by": self._consent_user}
        )
        image.kopiena_consent = consent
        log(
            instance=image,
            action=CONSENT_CHANGED,
            user=self._consent_user,
            data={
                "from": before["status"] if before else "",
                "to": values["status"],
                "given_on": values["given_on"].isoformat() if values["given_on"] else "",
                "form_kept_at": values["form_kept_at"],
            },
        )
        return consent


class ConsentImageForm(ConsentImageFormMixin, BaseImageForm):
    """Wagtail's image form with the consent fields: the value for
    ``WAGTAILIMAGES_IMAGE_FORM_BASE``."""
