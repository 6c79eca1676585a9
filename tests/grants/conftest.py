"""Fixtures of the grant tests: an open call, an organisation with a member, another
organisation's member, and an application per stage of the lifecycle."""

import pytest

from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from tests.factories import user_with_role
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    member_of,
)


@pytest.fixture
def call(db):
    return GrantCallFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Biedrība “Zaļā apkaime”")


@pytest.fixture
def member(organisation):
    return member_of(organisation, username="biedriba-test")


@pytest.fixture
def other_member(db):
    """An NGO member of another organisation."""
    return member_of(OrganisationFactory(name="Biedrība “Cita”"), username="cita-test")


@pytest.fixture
def application(call, organisation, member):
    """A draft that passes every submit rule of ``call``."""
    return ApplicationFactory(call=call, organisation=organisation, created_by=member)


@pytest.fixture
def users(
    db, member, other_member, officer, reviewer, finance, editor, social_worker, service_head
):
    """Every kind of user, by name, for the role matrix (anonymous included)."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "member": member,
        "other_member": other_member,
        "officer": officer,
        "reviewer": reviewer,
        "finance": finance,
        "editor": editor,
        "social_worker": social_worker,
        "service_head": service_head,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def act():
    """``act(app, "submit", user, comment=..., amount=...)``: the one transition path."""

    def run(application, name, user, **inputs):
        extra = inputs.pop("extra", {})
        return perform_transition(application, name, user, TransitionInput(extra=extra, **inputs))

    return run


@pytest.fixture
def second_officer(db):
    return user_with_role(Role.GRANT_OFFICERS, username="koordinators2-test")
