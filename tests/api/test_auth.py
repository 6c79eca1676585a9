"""Authentication: tokens issued for a username and password, stored as digests, sent as
``Authorization: Bearer``, revoked by their holder; the browser session with CSRF."""

import pytest
from django.test import Client
from wagtail.models import APIToken

from tests.factories import UserFactory

from .conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db


def test_token_for_username_and_password(anon, member):
    response = anon.post("/auth/token", {"username": member.username, "password": "kopiena-test"})

    assert response.status_code == 201
    token = response.data["token"]
    stored = APIToken.objects.get(user=member)
    assert token.startswith("wagtail_")
    assert stored.key_hash != token and token not in (stored.key_hash, stored.prefix)
    assert ApiClient(token).get("/applications").status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "biedriba-api", "password": "wrong"},
        {"username": "nobody-such", "password": "kopiena-test"},
    ],
)
def test_bad_credentials_answer_401_with_the_same_body(anon, member, credentials):
    response = anon.post("/auth/token", credentials)

    assert response.status_code == 401
    assert response.data == {"detail": response.data["detail"], "errors": {}}
    assert response.data["detail"]
    assert not APIToken.objects.exists()


def test_inactive_user_gets_no_token(anon):
    user = UserFactory(username="aizgajis", is_active=False)

    response = anon.post("/auth/token", {"username": user.username, "password": "kopiena-test"})

    assert response.status_code == 401


def test_token_request_needs_both_fields(anon):
    response = anon.post("/auth/token", {"username": "x"})

    assert response.status_code == 422
    assert "password" in response.data["errors"]


def test_token_request_with_malformed_json_is_400(anon):
    response = anon.post("/auth/token", raw="{username: ")

    assert response.status_code == 400
    assert set(response.data) == {"detail", "errors"}


def test_no_credentials_is_401_with_a_challenge(anon):
    response = anon.get("/applications")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert set(response.data) == {"detail", "errors"}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-token",
        "Bearer wagtail_" + "A" * 33,  # the right length, but the checksum is wrong
        "Bearer ",
        "Token abc",
    ],
)
def test_bad_bearer_tokens_are_401(header, member):
    response = Client().get("/api/cases/applications", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json()["detail"]


def test_token_of_a_deactivated_user_is_401(member):
    api = ApiClient(token_for(member))
    member.is_active = False
    member.save()

    assert api.get("/applications").status_code == 401


def test_revoking_the_token(member):
    api = ApiClient(token_for(member))

    response = api.delete("/auth/token")

    assert response.status_code == 204
    assert APIToken.objects.get(user=member).revoked_at is not None
    assert api.get("/applications").status_code == 401
    assert api.delete("/auth/token").status_code == 401


def test_revoking_revokes_only_the_callers_token(member):
    first, second = token_for(member), token_for(member)

    ApiClient(first).delete("/auth/token")

    assert ApiClient(first).get("/applications").status_code == 401
    assert ApiClient(second).get("/applications").status_code == 200


def test_revoke_needs_a_token(anon):
    assert anon.delete("/auth/token").status_code == 401


def test_session_reads(member, application):
    client = Client()
    client.force_login(member)

    response = client.get("/api/cases/applications")

    assert response.status_code == 200
    assert [a["id"] for a in response.json()["items"]] == [application.pk]


def test_session_writes_need_the_csrf_token(member, application):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    path = f"/api/cases/applications/{application.pk}"

    refused = client.patch(path, {"title": "Jauns"}, content_type="application/json")
    secret = "k" * 32  # what any Django page puts in the csrftoken cookie
    client.cookies["csrftoken"] = secret
    accepted = client.patch(
        path, {"title": "Jauns"}, content_type="application/json", headers={"X-CSRFToken": secret}
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["title"] == "Jauns"


def test_without_a_session_an_unsafe_request_is_401_not_a_csrf_failure(application):
    client = Client(enforce_csrf_checks=True)

    response = client.patch(
        f"/api/cases/applications/{application.pk}", {}, content_type="application/json"
    )

    assert response.status_code == 401


def test_a_bad_token_is_not_rescued_by_a_session(member):
    client = Client()
    client.force_login(member)

    response = client.get(
        "/api/cases/applications", headers={"Authorization": "Bearer wagtail_nonsense"}
    )

    assert response.status_code == 401
