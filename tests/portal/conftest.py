"""Fixtures of the portal tests: an open call, an NGO with its owner, a second NGO with its
own member and application (for the 404 checks), and a client signed in as the owner."""

import pytest

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from tests.factories import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    TargetGroupFactory,
    member_of,
)


@pytest.fixture
def call(db):
    return GrantCallFactory(title="Kopienu iniciatīvu konkurss")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Biedrība “Zaļā apkaime”")


@pytest.fixture
def member(organisation):
    return member_of(organisation, username="zala@example.lv", email="zala@example.lv")


@pytest.fixture
def application(call, organisation, member):
    """A draft that passes every submit rule of ``call``."""
    return ApplicationFactory(call=call, organisation=organisation, created_by=member)


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Biedrība “Cita”")


@pytest.fixture
def other_member(other_organisation):
    return member_of(other_organisation, username="cita@example.lv", email="cita@example.lv")


@pytest.fixture
def other_application(call, other_organisation, other_member):
    return ApplicationFactory(call=call, organisation=other_organisation, created_by=other_member)


@pytest.fixture
def target_group(db):
    return TargetGroupFactory(name="Seniori")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def act():
    """``act(app, "request_changes", officer, comment=...)``: the one transition path."""

    def run(application, name, user, **inputs):
        return perform_transition(application, name, user, TransitionInput(**inputs))

    return run


@pytest.fixture
def approved(call, organisation, member, officer, finance, act):
    """An application whose project has ended (its final report is open), moved to
    approved through the service, as staff would."""
    from tests.factories import completed_review

    application = ApplicationFactory(
        call=call, organisation=organisation, created_by=member, ended=True
    )
    act(application, "submit", member)
    completed_review(application)
    completed_review(application)
    act(application, "start_review", officer)
    act(application, "recommend", officer)
    act(application, "approve_budget", finance, amount="4000.00")
    application.refresh_from_db()
    return application
