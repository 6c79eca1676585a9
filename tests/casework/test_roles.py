import pytest
from django.contrib.auth.models import Group

from kopiena.casework.roles import STAFF_ROLES, Role, has_role
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_every_role_group_exists_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {str(r) for r in Role}


def test_staff_roles_may_enter_the_admin_and_ngo_members_may_not():
    for role in Role:
        group = Group.objects.get(name=role)
        can_enter = group.permissions.filter(codename="access_admin").exists()
        assert can_enter == (role in STAFF_ROLES), role


def test_has_role_checks_group_membership_and_activity():
    officer = user_with_role(Role.GRANT_OFFICERS)
    assert has_role(officer, Role.GRANT_OFFICERS)
    assert not has_role(officer, Role.FINANCE)
    assert not has_role(UserFactory(), Role.GRANT_OFFICERS)
    officer.is_active = False
    assert not has_role(officer, Role.GRANT_OFFICERS)
