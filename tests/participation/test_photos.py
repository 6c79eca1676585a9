"""An idea's photo follows the site's consent rule: the resident says whether people can be
recognised in it; without an answer the upload is refused, and a photo whose consent is
withdrawn is no longer shown."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kopiena.participation.models import Idea
from tests.factories import budget

pytestmark = pytest.mark.django_db


def _png(name="vieta.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_photo_needs_an_answer_about_the_people_in_it(client, resident):
    from kopiena.pages.models import ImageConsent

    process = budget("ideas")
    client.force_login(resident)
    client.cookies["django_language"] = "en"
    url = reverse("participation:propose", args=[process.slug])
    form = {
        "title": "Soliņi",
        "description": "Desmit soliņi.",
        "theme": process.themes.first().pk,
        "category": process.categories.first().pk,
        "estimated_cost": "1200",
        "photo": _png(),
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "recognised in the photo" in response.content.decode()
    assert not Idea.objects.exists()

    response = client.post(url, {**form, "photo": _png(), "photo_consent": "not_needed"})
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert ImageConsent.objects.get(image=idea.photo).status == "not_needed"
    page = reverse("participation:idea", args=[process.slug, idea.number])
    assert 'class="pb-photo"' in client.get(page).content.decode()

    ImageConsent.objects.filter(image=idea.photo).update(status="none")
    assert 'class="pb-photo"' not in client.get(page).content.decode()


def test_a_photo_over_5_mb_is_refused(client, resident):
    process = budget("ideas")
    client.force_login(resident)
    big = SimpleUploadedFile("liels.png", _png().read() + b"0" * (5 * 1024 * 1024), "image/png")
    response = client.post(
        reverse("participation:propose", args=[process.slug]),
        {
            "title": "Soliņi",
            "description": "Desmit soliņi.",
            "theme": process.themes.first().pk,
            "category": process.categories.first().pk,
            "estimated_cost": "1200",
            "photo": big,
            "photo_consent": "not_needed",
        },
    )
    assert response.status_code == 200 and not Idea.objects.exists()
