import re

import pytest
from django.contrib.auth.models import User

from kopiena.casework.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "Kopiena-ceļš-2026"


@pytest.fixture(autouse=True)
def _commit_runs_callbacks(client, django_capture_on_commit_callbacks):
    """The e-mails go after commit: each POST runs its commit callbacks, as a real request's
    commit would (the test's own transaction never commits)."""
    post = client.post

    def committing_post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = committing_post


def _sign_up(client, email="ilze@example.lv", **overrides):
    data = {
        "first_name": "Ilze",
        "last_name": "Kalniņa",
        "email": email,
        **overrides,
    }
    return client.post("/portal/signup/", data)


def _link(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_sign_up_makes_an_inactive_account_and_mails_the_confirmation_link(client, outbox):
    response = _sign_up(client)

    assert response.status_code == 302 and response["Location"] == "/portal/signup/sent/"
    user = User.objects.get(email="ilze@example.lv")
    assert not user.is_active
    assert not user.groups.exists()
    assert len(outbox) == 1 and outbox[0].to == ["ilze@example.lv"]
    assert "/portal/signup/confirm/" in outbox[0].body


def _confirm(client, message, password=PASSWORD):
    path = _link(message, r"/portal/signup/confirm/\S+/")
    return path, client.post(
        path,
        {
            "first_name": "Ilze",
            "last_name": "Kalniņa",
            "password1": password,
            "password2": password,
        },
    )


def test_an_unconfirmed_account_cannot_log_in_and_is_told_why(client, outbox):
    _sign_up(client)
    user = User.objects.get(email="ilze@example.lv")
    user.set_password(PASSWORD)  # as if it had one: the inactive account is still refused
    user.save()
    response = client.post("/portal/login/", {"username": "ilze@example.lv", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert (
        response.context["form"]
        .errors["__all__"][0]
        .startswith(str(response.context["form"].error_messages["inactive"])[:20])
    )


def test_the_confirmation_link_activates_gives_the_ngo_group_and_logs_in(client, outbox):
    _sign_up(client)
    assert client.get(_link(outbox[0], r"/portal/signup/confirm/\S+/")).status_code == 200

    path, response = _confirm(client, outbox[0])

    assert response.status_code == 302 and response["Location"] == "/portal/"
    user = User.objects.get(email="ilze@example.lv")
    assert user.is_active and user.check_password(PASSWORD)
    assert user.groups.filter(name=Role.NGO_MEMBERS).exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    # Used once: the second time it is refused.
    client.logout()
    assert client.get(path).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/portal/signup/confirm/xx/yy/",
        "/portal/signup/confirm/OTk5OTk5/abc-def/",
        "/portal/signup/confirm/%F0%9F%98%80/x/",
    ],
)
def test_a_garbage_confirmation_link_is_refused_without_an_error(client, path):
    assert client.get(path).status_code == 400


def test_the_confirmation_page_refuses_a_weak_or_mismatched_password(client, outbox):
    _sign_up(client)
    path = _link(outbox[0], r"/portal/signup/confirm/\S+/")
    names = {"first_name": "Ilze", "last_name": "Kalniņa"}

    weak = client.post(path, {**names, "password1": "123", "password2": "123"})
    mismatch = client.post(path, {**names, "password1": PASSWORD, "password2": "cits"})

    assert "password1" in weak.context["form"].errors
    assert "password2" in mismatch.context["form"].errors
    assert b"error-summary" in weak.content and b'href="#id_password1"' in weak.content
    assert not User.objects.get(email="ilze@example.lv").is_active


def test_sign_up_refuses_an_invalid_address_with_a_field_error(client, outbox):
    response = _sign_up(client, email="nav-adrese")
    assert "email" in response.context["form"].errors
    assert outbox == []


def test_signing_up_again_before_confirming_resends_the_link(client, outbox):
    _sign_up(client)
    _sign_up(client)
    assert User.objects.filter(email="ilze@example.lv").count() == 1
    assert len(outbox) == 2


def test_log_in_with_the_email_and_log_out(client, member):
    member.set_password(PASSWORD)
    member.save()

    response = client.post("/portal/login/", {"username": "zala@example.lv", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200

    response = client.post("/portal/logout/")
    assert response.status_code == 302 and response["Location"] == "/portal/login/"
    assert client.get("/portal/")["Location"].startswith("/portal/login/")


def test_a_wrong_password_is_a_form_error(client, member):
    response = client.post("/portal/login/", {"username": "zala@example.lv", "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_password_reset_by_email(client, member, outbox):
    response = client.post("/portal/password-reset/", {"email": "zala@example.lv"})
    assert response.status_code == 302 and response["Location"] == "/portal/password-reset/sent/"
    assert len(outbox) == 1
    path = _link(outbox[0], r"/portal/password-reset/[^/\s]+/[^/\s]+/")

    response = client.get(path)  # Django moves the token into the session
    assert response.status_code == 302
    set_password_url = response["Location"]
    response = client.post(
        set_password_url, {"new_password1": "Jauna-parole-77", "new_password2": "Jauna-parole-77"}
    )
    assert response.status_code == 302 and response["Location"] == "/portal/password-reset/done/"
    assert client.get(response["Location"]).status_code == 200

    member.refresh_from_db()
    assert member.check_password("Jauna-parole-77")


def test_resend_answers_the_same_whether_or_not_there_is_an_account(client, outbox):
    _sign_up(client)
    outbox.clear()
    known = client.post("/portal/signup/resend/", {"email": "ilze@example.lv"})
    unknown = client.post("/portal/signup/resend/", {"email": "neviens@example.lv"})
    assert known["Location"] == unknown["Location"] == "/portal/signup/sent/"
    assert len(outbox) == 1


def test_the_portal_is_latvian_by_default_and_switches_to_english(client):
    response = client.get("/portal/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert b'<html lang="lv">' in response.content

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/portal/login/"})
    assert response.status_code == 302 and response["Location"] == "/portal/login/"
    response = client.get("/portal/login/")
    assert b'<html lang="en">' in response.content
    assert b"Log in to the NGO portal" in response.content


def test_every_field_has_a_label(client):
    content = client.get("/portal/signup/").content.decode()
    for field_id in re.findall(r'<input[^>]+id="(id_[^"]+)"', content):
        assert f'for="{field_id}"' in content, field_id
