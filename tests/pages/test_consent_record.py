"""An image's consent on the record (issue 12, item 9): the uploader chooses it (no
default), consent that stands on a signed form needs the form's date and where it is kept
(field messages, and the database holds parental consent to it), and each change is in the
image's history, shown on the image's own form."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection, ModelLogEntry

from kopiena.pages.forms import CONSENT_CHANGED
from kopiena.pages.models import ConsentStatus, ImageConsent
from tests.factories.pages import ConsentImageFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/images/add/"


def png(name="berni.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), "orange").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def image_form(user, data, instance=None, files=None):
    form_class = get_image_form(get_image_model())
    data = {"collection": Collection.get_first_root_node().pk, **data}
    return form_class(data=data, files=files, instance=instance, user=user)


def test_the_upload_form_offers_no_consent_until_the_uploader_chooses(admin_client):
    html = admin_client.get(ADD, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    select = html[html.index('name="consent_status"') :]
    select = select[: select.index("</select>")]
    assert 'value="" selected' in select
    assert select.count("selected") == 1


def test_an_image_without_a_consent_choice_is_refused_on_that_field(admin_user):
    form = image_form(admin_user, {"title": "Bērni"}, files={"file": png()})
    assert not form.is_valid()
    assert "consent_status" in form.errors
    assert not ImageConsent.objects.exists()


@pytest.mark.parametrize("status", [ConsentStatus.PARENTAL, ConsentStatus.ADULT])
def test_signed_consent_needs_the_date_and_the_place_of_the_form(admin_user, status):
    with translation.override("lv"):
        form = image_form(
            admin_user, {"title": "Bērni", "consent_status": status}, files={"file": png()}
        )
        assert not form.is_valid()
        assert form.errors["consent_given_on"] == [
            "Norādiet datumu parakstītajā piekrišanas veidlapā."
        ]
        assert "consent_form_kept_at" in form.errors
    assert not get_image_model().objects.exists()


def test_each_change_of_consent_is_in_the_image_history_and_on_its_form(admin_client, admin_user):
    form = image_form(
        admin_user,
        {
            "title": "Bērnu darbnīca",
            "consent_status": ConsentStatus.PARENTAL,
            "consent_given_on": "2026-03-02",
            "consent_form_kept_at": "Sociālā dienesta arhīvs, mape „Piekrišanas 2026”",
        },
        files={"file": png()},
    )
    assert form.is_valid(), form.errors
    image = form.save()
    consent = ImageConsent.objects.get(image=image)
    assert (consent.status, consent.given_on) == (ConsentStatus.PARENTAL, dt.date(2026, 3, 2))

    form = image_form(
        admin_user,
        {"title": "Bērnu darbnīca", "consent_status": ConsentStatus.NONE},
        instance=image,
    )
    assert form.is_valid(), form.errors
    form.save()

    entries = ModelLogEntry.objects.filter(object_id=str(image.pk), action=CONSENT_CHANGED)
    assert [(e.data["from"], e.data["to"]) for e in entries.order_by("pk")] == [
        ("", ConsentStatus.PARENTAL),
        (ConsentStatus.PARENTAL, ConsentStatus.NONE),
    ]
    assert all(e.user == admin_user for e in entries)

    page = admin_client.get(
        f"/admin/images/{image.pk}/", HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert "Piekrišanas vēsture" in page
    assert "kopiena-consent-history" in page
    assert page.count("<li>", page.index("kopiena-consent-history")) >= 2
    assert "Piekrišanas 2026" in page


def test_the_model_refuses_parental_consent_without_its_form():
    image = ConsentImageFactory(consent=ConsentStatus.NOT_NEEDED)
    consent = ImageConsent.objects.get(image=image)
    consent.status = ConsentStatus.PARENTAL
    consent.given_on, consent.form_kept_at = None, ""
    with translation.override("lv"), pytest.raises(ValidationError) as refused:
        consent.full_clean()
    assert {"given_on", "form_kept_at"} <= set(refused.value.message_dict)
    with pytest.raises(IntegrityError), transaction.atomic():
        consent.save()


def test_the_multiple_uploader_asks_for_consent_before_creating_the_image(admin_client):
    response = admin_client.post("/admin/images/multiple/add/", {"files[]": png()})

    assert response.status_code == 200
    data = response.json()
    assert data["success"]
    # Kept as an uploaded file with a form to complete, not created as an image yet.
    assert "uploaded_file_id" in data or "uploaded_image_id" in data
    assert re.search(r'name="[^"]*consent_status"', data["form"])
    assert not get_image_model().objects.exists()
