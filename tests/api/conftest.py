"""Fixtures of the case API tests: a JSON client per role (a bearer token each), two
organisations with a member and a draft each, and the grant staff."""

import json

import pytest
from django.test import Client
from wagtail.models import APIToken

from kopiena.casework.roles import Role
from tests.factories import user_with_role
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    member_of,
)

BASE = "/api/cases"


class ApiClient:
    """``api.get("/applications", limit=5)``, ``api.post("/applications", {...})``; the
    answer is Django's response with ``.data`` (the decoded JSON, or ``None``)."""

    def __init__(self, token=None, client=None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _wrap(self, response):
        content_type = response.get("Content-Type", "")
        decodable = "json" in content_type and response.content
        response.data = json.loads(response.content) if decodable else None
        return response

    def get(self, path, **params):
        return self._wrap(self.client.get(BASE + path, params, headers=self.headers))

    def _send(self, method, path, data, raw=None):
        body = raw if raw is not None else ("" if data is None else json.dumps(data))
        return self._wrap(
            getattr(self.client, method)(
                BASE + path, body, content_type="application/json", headers=self.headers
            )
        )

    def post(self, path, data=None, *, raw=None):
        return self._send("post", path, data, raw)

    def patch(self, path, data=None, *, raw=None):
        return self._send("patch", path, data, raw)

    def delete(self, path):
        return self._wrap(self.client.delete(BASE + path, headers=self.headers))


def token_for(user) -> str:
    return APIToken.create_token(user=user, name="test")[1]


@pytest.fixture
def api_as():
    """``api_as(user)``: a client authenticated with a fresh bearer token of ``user``;
    ``api_as(None)``: anonymous."""

    def make(user=None):
        return ApiClient(token_for(user) if user is not None else None)

    return make


@pytest.fixture
def anon():
    return ApiClient()


@pytest.fixture
def call(db):
    return GrantCallFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Biedrība “Zaļā apkaime”")


@pytest.fixture
def member(organisation):
    return member_of(organisation, username="biedriba-api")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Biedrība “Cita”")


@pytest.fixture
def other_member(other_organisation):
    return member_of(other_organisation, username="cita-api")


@pytest.fixture
def application(call, organisation, member):
    """A draft that passes every submit rule of ``call``."""
    return ApplicationFactory(call=call, organisation=organisation, created_by=member)


@pytest.fixture
def other_application(call, other_organisation, other_member):
    return ApplicationFactory(call=call, organisation=other_organisation, created_by=other_member)


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="admin-api", is_superuser=True, is_staff=True)


@pytest.fixture
def second_reviewer(db):
    return user_with_role(Role.REVIEWERS, username="vertetajs-api-2")
