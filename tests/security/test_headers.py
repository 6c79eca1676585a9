"""Security headers: a Content-Security-Policy on the public site, the portal and the
APIs (the social map's tile server allowed for images), Referrer-Policy and
Permissions-Policy everywhere, and the admin still working."""

import pytest
from django.test import Client

from kopiena.csp import content_security_policy, tile_source

pytestmark = pytest.mark.django_db

PAGES = ["/", "/portal/login/", "/portal/signup/", "/api/v2/pages/", "/api/cases/openapi.json"]


def _directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


@pytest.mark.parametrize("url", PAGES)
def test_the_site_portal_and_apis_send_a_strict_policy(client, url):
    response = client.get(url)
    assert response.status_code < 500
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=(self)" in response["Permissions-Policy"]


def test_the_social_map_tiles_are_allowed_as_images(client):
    policy = _directives(client.get("/portal/login/")["Content-Security-Policy"])
    assert "https://tile.openstreetmap.org" in policy["img-src"]


def test_the_tile_server_follows_the_setting():
    assert tile_source("https://{s}.tile.example.lv/{z}/{x}/{y}.png") == "https://*.tile.example.lv"
    policy = content_security_policy({"SOCIAL_MAP_TILES": None})
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    policy = content_security_policy(
        {"SOCIAL_MAP_TILES": {"url": "https://karte.example.lv/{z}/{x}/{y}.png"}}
    )
    assert "https://karte.example.lv" in policy["DIRECTIVES"]["img-src"]


def test_the_admin_still_works(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response  # Wagtail's admin needs inline code
    assert response["Referrer-Policy"] == "same-origin"
    assert Client().get("/admin/login/").status_code == 200


def test_staff_avatars_stay_on_the_site(admin_client):
    """No staff member's e-mail hash leaves for Gravatar: the admin draws its own avatar."""
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "gravatar" not in body.lower()
    assert "default-user-avatar" in body
