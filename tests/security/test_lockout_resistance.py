"""No lockout weapon: failures are counted per (user name, address) and per address, so
someone hammering a user name from one address cannot keep its owner out (ASVS 2.2.1)."""

import pytest
from django.test import Client

from kopiena.casework.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "Pareiza-parole-2026"
ATTACKER = "198.51.100.66"
OWNER = "203.0.113.10"


@pytest.fixture
def person(db):
    user = user_with_role(Role.NGO_MEMBERS, username="anna@example.lv", email="anna@example.lv")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def staff(db):
    user = user_with_role(Role.GRANT_OFFICERS, username="koord")
    user.set_password(PASSWORD)
    user.save()
    return user


def _hammer(url, username, attempts=20, **kwargs):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(attempts):
        attacker.post(url, {"username": username, "password": "nepareizi"}, **kwargs)
    return attacker


def test_the_portal_owner_gets_in_while_another_address_hammers_her_name(person):
    attacker = _hammer("/portal/login/", "anna@example.lv")
    # The attacker is refused even with the right password...
    attacker.post("/portal/login/", {"username": "anna@example.lv", "password": PASSWORD})
    assert "_auth_user_id" not in attacker.session
    # ...the owner, from her own address, is not.
    owner = Client(REMOTE_ADDR=OWNER)
    response = owner.post("/portal/login/", {"username": "anna@example.lv", "password": PASSWORD})
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(person.pk)


def test_the_admin_owner_gets_in_while_another_address_hammers_his_name(staff):
    _hammer("/admin/login/", "koord")
    owner = Client(REMOTE_ADDR=OWNER)
    response = owner.post("/admin/login/", {"username": "koord", "password": PASSWORD})
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(staff.pk)


def test_the_api_gives_the_owner_a_token_while_another_address_gets_429(person):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    body = {"username": "anna@example.lv", "password": "nepareizi"}
    for _ in range(10):
        attacker.post("/api/cases/auth/token", body, content_type="application/json")
    refused = attacker.post(
        "/api/cases/auth/token", {**body, "password": PASSWORD}, content_type="application/json"
    )
    assert refused.status_code == 429
    owner = Client(REMOTE_ADDR=OWNER)
    response = owner.post(
        "/api/cases/auth/token", {**body, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code in (200, 201), response.content


def test_one_address_is_still_limited_per_name_and_overall(person, settings):
    settings.KOPIENA_SIGN_IN_LIMITS = {"user_address": (3, 600), "address": (6, 600)}
    attacker = _hammer("/portal/login/", "anna@example.lv", attempts=3)
    response = attacker.post(
        "/portal/login/", {"username": "anna@example.lv", "password": PASSWORD}
    )
    assert response.context["form"].errors.as_data()["__all__"][0].code == "throttled"
    # Other names from the same address are still allowed until the address's own limit.
    for n in range(3):
        attacker.post("/portal/login/", {"username": f"cits{n}@example.lv", "password": "x"})
    response = attacker.post("/portal/login/", {"username": "kads@example.lv", "password": "x"})
    assert response.context["form"].errors.as_data()["__all__"][0].code == "throttled"
