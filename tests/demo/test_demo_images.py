"""The demo's image model: files named with a random part, so that a photo whose consent is
withdrawn cannot be reached by guessing its address (a host's image model may do the same)."""

import os

import pytest

from kopiena.pages.models import ConsentStatus
from tests.factories.pages import ConsentImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_consent_image():
    return ConsentImageFactory(title="Bērni", consent=ConsentStatus.NONE)


def test_image_files_get_unguessable_names_so_a_no_consent_photo_is_not_reachable_by_name(
    no_consent_image,
):
    """Two uploads of the same "IMG_0001.jpg" get different, random names, and the
    renditions (named after the original) carry the same random part."""
    other = ConsentImageFactory(title="Otrs", consent=ConsentStatus.NONE)
    first, second = no_consent_image.file.name, other.file.name
    assert first != second
    assert first.startswith("original_images/") and second.startswith("original_images/")
    token = os.path.splitext(os.path.basename(first))[0].rsplit("-", 1)[1]
    assert len(token) == 20 and int(token, 16) >= 0
    rendition = no_consent_image.get_rendition("max-165x165")
    assert token in rendition.file.name
