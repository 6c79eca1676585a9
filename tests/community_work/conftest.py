"""People and initiatives for the community-work tests."""

import pytest

from kopiena.casework.roles import Role
from kopiena.community_work.models import InitiativeStatus
from tests.factories import (
    EvaluationFactory,
    InitiativeFactory,
    TaskFactory,
    UserFactory,
    user_with_role,
)


@pytest.fixture
def other_social_worker(db):
    return user_with_role(Role.SOCIAL_WORKERS, username="socdarbinieks2-test")


@pytest.fixture
def other_head(db):
    return user_with_role(Role.SERVICE_HEADS, username="vaditajs2-test")


@pytest.fixture
def ngo_member(db):
    return user_with_role(Role.NGO_MEMBERS, username="biedriba-test")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin-test", is_superuser=True, is_staff=True)


@pytest.fixture
def people(
    social_worker,
    other_social_worker,
    service_head,
    other_head,
    editor,
    officer,
    reviewer,
    finance,
    ngo_member,
    superuser,
):
    """Everyone, by the part they play towards an initiative owned by ``social_worker``
    (``service_head`` is the one to decide; ``other_head`` too while no head is assigned)."""
    return {
        "owner": social_worker,
        "other social worker": other_social_worker,
        "head": service_head,
        "other head": other_head,
        "editor": editor,
        "grant officer": officer,
        "reviewer": reviewer,
        "finance": finance,
        "NGO member": ngo_member,
        "superuser without a role": superuser,
    }


@pytest.fixture
def make_initiative(social_worker, service_head):
    """An initiative owned by ``social_worker`` in ``status``, with what its next step needs
    (a goal and a task; an evaluation once the work is done) and ``service_head`` assigned."""

    def make(status=InitiativeStatus.IDEA, **kwargs):
        kwargs.setdefault("social_worker", social_worker)
        kwargs.setdefault("head", service_head)
        initiative = InitiativeFactory(status=status, **kwargs)
        TaskFactory(initiative=initiative)
        if status in (InitiativeStatus.EVALUATING, InitiativeStatus.REPORTED):
            EvaluationFactory(initiative=initiative)
        return initiative

    return make
