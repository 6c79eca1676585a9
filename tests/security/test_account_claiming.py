"""Sign-up cannot be pre-claimed: the password that counts is chosen by whoever opens the
link in the mailbox, a later sign-up replaces a pending one and voids its links, and the
answer is the same whether or not the address has an account."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

OWNER_PASSWORD = "Ipasnieka-parole-2026"
ATTACKER_PASSWORD = "Uzbruceja-parole-2026"


def _sign_up(client, email, first_name="Ilze", **extra):
    return client.post(
        "/portal/signup/",
        {"first_name": first_name, "last_name": "Kalniņa", "email": email, **extra},
    )


def _confirm_path(message):
    return re.search(r"/portal/signup/confirm/\S+/", message.body).group(0)


def _choose(client, path, password, first_name="Ilze"):
    return client.post(
        path,
        {
            "first_name": first_name,
            "last_name": "Kalniņa",
            "password1": password,
            "password2": password,
        },
    )


def test_a_stranger_signing_up_first_sets_no_password(committing_client, outbox):
    # The attacker signs up with the owner's address and (tries to) choose a password.
    _sign_up(
        committing_client,
        "ilze@example.lv",
        first_name="Uzbrucējs",
        password1=ATTACKER_PASSWORD,
        password2=ATTACKER_PASSWORD,
    )
    user = User.objects.get(email="ilze@example.lv")
    assert not user.has_usable_password()

    # The owner opens the link in her mailbox and chooses her own password and name.
    owner = Client()
    response = _choose(owner, _confirm_path(outbox[-1]), OWNER_PASSWORD)
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.is_active and user.first_name == "Ilze"
    assert user.check_password(OWNER_PASSWORD)
    assert not user.check_password(ATTACKER_PASSWORD)
    assert not Client().login(username="ilze@example.lv", password=ATTACKER_PASSWORD)


def test_a_later_sign_up_replaces_the_pending_one_and_voids_earlier_links(
    committing_client, outbox
):
    _sign_up(committing_client, "ilze@example.lv", first_name="Pirmais")
    first_link = _confirm_path(outbox[0])
    _sign_up(committing_client, "ilze@example.lv", first_name="Otrais")

    assert User.objects.filter(email__iexact="ilze@example.lv").count() == 1
    assert User.objects.get(email="ilze@example.lv").first_name == "Otrais"
    assert Client().get(first_link).status_code == 400
    assert _choose(Client(), first_link, OWNER_PASSWORD).status_code == 400
    assert Client().get(_confirm_path(outbox[1])).status_code == 200


def test_opening_the_link_changes_nothing_until_the_password_is_chosen(committing_client, outbox):
    """Mail scanners open links: a GET must not activate the account."""
    _sign_up(committing_client, "ilze@example.lv")
    path = _confirm_path(outbox[0])
    assert Client().get(path).status_code == 200
    assert not User.objects.get(email="ilze@example.lv").is_active
    assert _choose(Client(), path, OWNER_PASSWORD).status_code == 302
    assert Client().get(path).status_code == 400  # used once


def test_sign_up_answers_alike_and_mails_the_owner_of_a_known_address(committing_client, outbox):
    User.objects.create_user("anna@example.lv", "anna@example.lv", OWNER_PASSWORD)

    known = _sign_up(committing_client, "ANNA@example.lv", first_name="Uzbrucējs")
    unknown = _sign_up(committing_client, "janis@example.lv")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/portal/signup/sent/"
    to_anna = [m for m in outbox if m.to == ["anna@example.lv"]]
    assert len(to_anna) == 1
    assert "/portal/signup/confirm/" not in to_anna[0].body
    assert "/portal/password-reset/" in to_anna[0].body
    anna = User.objects.get(email="anna@example.lv")
    assert anna.check_password(OWNER_PASSWORD) and anna.first_name == ""


def test_the_sent_page_does_not_tell_whether_the_address_is_known(committing_client, outbox):
    User.objects.create_user("anna@example.lv", "anna@example.lv", OWNER_PASSWORD)
    pages = []
    for email in ("anna@example.lv", "zane@example.lv"):
        client = Client()
        response = client.post(
            "/portal/signup/",
            {"first_name": "Z", "last_name": "K", "email": email},
            follow=True,
        )
        page = response.content.decode().replace(email, "ADDRESS")
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert pages[0] == pages[1]
