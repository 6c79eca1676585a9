"""API tokens under the person's control: a password reset or change revokes them, they
expire, and people list (created, last used) and revoke them on the portal and in the
admin."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from kopiena.casework.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "Pareiza-parole-2026"


@pytest.fixture
def person(db):
    user = user_with_role(Role.NGO_MEMBERS, username="anna@example.lv", email="anna@example.lv")
    user.set_password(PASSWORD)
    user.save()
    return user


def _token(user, name="Skripts"):
    return APIToken.create_token(user=user, name=name)


def _reads(token) -> int:
    return Client().get("/api/cases/applications", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def test_a_token_works_until_the_password_is_reset(person, outbox):
    _stored, plaintext = _token(person)
    assert _reads(plaintext) == 200

    client = Client()
    client.post("/portal/password-reset/", {"email": "anna@example.lv"})
    path = re.search(r"/portal/password-reset/[^/\s]+/[^/\s]+/", outbox[-1].body).group(0)
    set_url = client.get(path)["Location"]
    client.post(set_url, {"new_password1": "Jauna-parole-77", "new_password2": "Jauna-parole-77"})
    person.refresh_from_db()
    assert person.check_password("Jauna-parole-77")

    assert _reads(plaintext) == 401
    assert APIToken.objects.get(user=person).revoked_at is not None


def test_any_password_change_revokes_every_token_of_that_person_only(person):
    other = user_with_role(Role.NGO_MEMBERS, username="cits@example.lv")
    _a, first = _token(person, "a")
    _b, second = _token(person, "b")
    _c, others = _token(other, "c")

    person.set_password("Cita-parole-2026")
    person.save()

    assert _reads(first) == _reads(second) == 401
    assert _reads(others) == 200


def test_saving_a_user_without_a_new_password_keeps_the_tokens(person):
    _stored, plaintext = _token(person)
    person.first_name = "Anna"
    person.save()
    assert _reads(plaintext) == 200


def test_a_token_expires_after_the_configured_days(person, settings):
    stored, plaintext = _token(person)
    APIToken.objects.filter(pk=stored.pk).update(created=timezone.now() - dt.timedelta(days=91))
    assert _reads(plaintext) == 401

    settings.KOPIENA = {**settings.KOPIENA, "API_TOKEN_DAYS": 365}
    assert _reads(plaintext) == 200
    settings.KOPIENA = {**settings.KOPIENA, "API_TOKEN_DAYS": 30}
    APIToken.objects.filter(pk=stored.pk).update(created=timezone.now() - dt.timedelta(days=31))
    assert _reads(plaintext) == 401


def test_the_portal_lists_the_tokens_and_revokes_one(person):
    stored, plaintext = _token(person, "Grāmatvedības skripts")
    _reads(plaintext)
    other = user_with_role(Role.NGO_MEMBERS, username="cits@example.lv")
    others, _ = _token(other, "Svešs")

    client = Client()
    client.force_login(person)
    page = client.get("/portal/account/tokens/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Grāmatvedības skripts" in html and stored.prefix in html
    assert "Svešs" not in html
    assert page.context["tokens"][0].last_used_at is not None

    assert client.post(f"/portal/account/tokens/{others.pk}/revoke/").status_code == 404
    response = client.post(f"/portal/account/tokens/{stored.pk}/revoke/")
    assert response.status_code == 302
    assert _reads(plaintext) == 401
    assert APIToken.objects.get(pk=others.pk).revoked_at is None


def test_the_admin_lists_and_revokes_tokens(person):
    admin = User.objects.create_superuser("admins", "admins@example.lv", PASSWORD)
    stored, plaintext = _token(person, "Skripts")
    client = Client()
    client.force_login(admin)
    index = client.get("/admin/api-tokens/")
    assert index.status_code == 200
    assert stored.prefix in index.content.decode()
    response = client.post(f"/admin/api-tokens/delete/{stored.pk}/")
    assert response.status_code == 302
    assert _reads(plaintext) == 401
