"""What a real site has: an icon at /favicon.ico, and ASCII slugs (checked for hosts)."""

import pytest
from django.core import checks

from kopiena.casework.checks import check_ascii_slugs

pytestmark = pytest.mark.django_db


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_pages_link_the_icon(client):
    html = client.get("/portal/login/").content.decode()
    assert 'rel="icon"' in html


def test_the_demo_makes_ascii_slugs_and_a_host_that_does_not_is_warned(settings):
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    assert check_ascii_slugs() == []
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = True
    assert [w.id for w in check_ascii_slugs()] == ["kopiena.W002"]
    assert all(isinstance(w, checks.Warning) for w in check_ascii_slugs())
