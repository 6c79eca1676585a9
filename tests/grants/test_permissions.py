"""The model permissions the grants data migration gives the staff groups (row-level rules
are the querysets' and the transitions')."""

import pytest
from django.contrib.auth.models import Group

from kopiena.casework.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def codenames(role):
    return set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label="kopiena_grants")
        .values_list("codename", flat=True)
    )


def test_staff_groups_get_the_grants_permissions():
    officers = codenames(Role.GRANT_OFFICERS)
    assert {
        "view_application",
        "change_application",
        "view_organisation",
        "change_organisation",
        "view_reviewassignment",
        "add_reviewassignment",
    } <= officers
    assert "delete_application" not in officers
    finance = codenames(Role.FINANCE)
    assert {"view_application", "view_organisation"} <= finance
    assert not {c for c in finance if c.startswith(("change_", "add_", "delete_"))}
    assert {"view_application", "view_reviewassignment"} <= codenames(Role.REVIEWERS)
    assert codenames(Role.NGO_MEMBERS) == set()


def test_a_grant_officer_has_them_through_the_group():
    officer = user_with_role(Role.GRANT_OFFICERS)
    assert officer.has_perm("kopiena_grants.change_application")
    assert not officer.has_perm("kopiena_grants.delete_application")
