"""Password guessing is slowed at every door: after five failures for one user name from
one address (or fifty from one address) within the window, the portal, the admin and the
case API refuse further attempts from that address without checking the password — even
the right one — and say why. (That another address is not refused: tests/security.)"""

import pytest
from django.test import Client

from kopiena.casework import throttle
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


def _portal_login(client, username, password):
    return client.post("/portal/login/", {"username": username, "password": password})


def test_the_sixth_portal_attempt_is_refused_even_with_the_right_password(person):
    client = Client()
    for _ in range(5):
        response = _portal_login(client, "anna@example.lv", "nepareizi")
        assert response.status_code == 200
        assert response.context["form"].errors.as_data()["__all__"][0].code == "invalid_login"
    response = _portal_login(client, "ANNA@example.lv", PASSWORD)  # any spelling counts
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["__all__"][0].code == "throttled"
    assert "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_do_not_block_and_success_resets_them(person):
    client = Client()
    for _ in range(4):
        _portal_login(client, "anna@example.lv", "nepareizi")
    assert _portal_login(client, "anna@example.lv", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):  # the count started again after the success
        _portal_login(client, "anna@example.lv", "nepareizi")
    assert _portal_login(client, "anna@example.lv", PASSWORD).status_code == 302


def test_the_api_token_endpoint_answers_429_with_the_error_body(person):
    client = Client()
    body = {"username": "anna@example.lv", "password": "nepareizi"}
    for _ in range(5):
        response = client.post("/api/cases/auth/token", body, content_type="application/json")
        assert response.status_code == 401
    response = client.post(
        "/api/cases/auth/token",
        {**body, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu" in response.json()["detail"]
    assert response.json()["errors"] == {}


def test_the_admin_login_counts_the_same_failures(person, settings):
    staff = user_with_role(Role.GRANT_OFFICERS, username="koord")
    staff.set_password(PASSWORD)
    staff.save()
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "koord", "password": "nepareizi"})
    response = client.post("/admin/login/", {"username": "koord", "password": PASSWORD})
    assert response.status_code == 200  # the form again, not a redirect into the admin
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_names_is_limited_too(person, settings):
    settings.KOPIENA_SIGN_IN_LIMITS = {"address": (3, 600)}
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(3):
        _portal_login(client, f"cits{n}@example.lv", "nepareizi")
    response = _portal_login(client, "anna@example.lv", PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert _portal_login(other, "anna@example.lv", PASSWORD).status_code == 302


def test_the_block_ends_with_the_window(person, monkeypatch):
    client = Client()
    for _ in range(5):
        _portal_login(client, "anna@example.lv", "nepareizi")
    request = type("R", (), {"META": {"REMOTE_ADDR": "127.0.0.1"}})()
    assert 0 < throttle.wait_seconds(request, "anna@example.lv") <= 15 * 60
    later = throttle.time.time() + 15 * 60 + 1
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    assert throttle.wait_seconds(request, "anna@example.lv") == 0


@pytest.mark.parametrize(
    "url, data",
    [
        ("/portal/signup/resend/", {"email": "kads@example.lv"}),
        ("/portal/password-reset/", {"email": "kads@example.lv"}),
        (
            "/portal/signup/",
            {
                "email": "jauns@example.lv",
                "first_name": "Jānis",
                "last_name": "Bērziņš",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        ),
    ],
    ids=["resend", "password-reset", "signup"],
)
def test_requests_that_send_mail_are_limited_per_address(url, data, settings, outbox):
    settings.KOPIENA_SIGN_IN_LIMITS = {"mail": (2, 3600)}
    client = Client(REMOTE_ADDR="198.51.100.4")
    for _ in range(2):
        assert client.post(url, data).status_code in (200, 302)
    sent = len(outbox)
    response = client.post(url, data)
    assert response.status_code == 429
    assert len(outbox) == sent  # nothing more was sent
    assert client.get(url).status_code == 200  # reading the form is not limited
    other = Client(REMOTE_ADDR="198.51.100.5")
    assert other.post(url, data).status_code in (200, 302)
