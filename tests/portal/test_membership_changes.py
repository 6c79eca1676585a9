"""Owners withdraw invitations and remove members; a member may leave; the last owner
stays; and none of it works across organisations (404) or for plain members (403)."""

import pytest
from django.test import Client

from kopiena.grants.models import Membership, MembershipRole
from kopiena.portal.models import Invitation
from tests.factories import InvitationFactory, member_of

pytestmark = pytest.mark.django_db


def _plain_member(organisation, username):
    user = member_of(organisation, username=username, email=username)
    Membership.objects.filter(user=user).update(role=MembershipRole.MEMBER)
    return user


def _revoke_url(organisation, invitation):
    return f"/portal/organisations/{organisation.pk}/invitations/{invitation.pk}/revoke/"


def _remove_url(organisation, membership):
    return f"/portal/organisations/{organisation.pk}/members/{membership.pk}/remove/"


def test_an_owner_withdraws_an_invitation_and_its_link_stops_working(member_client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="peteris@example.lv")
    page = member_client.get(f"/portal/organisations/{organisation.pk}/")
    assert _revoke_url(organisation, invitation) in page.content.decode()

    response = member_client.post(_revoke_url(organisation, invitation))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert Invitation.objects.for_token(invitation.token) is None
    assert Client().get(f"/portal/invitations/{invitation.token}/").status_code == 404
    # Withdrawn twice: the invitation is no longer pending, so there is nothing to withdraw.
    assert member_client.post(_revoke_url(organisation, invitation)).status_code == 404


def test_revoking_is_post_only_for_owners_and_404_across_organisations(
    client, member_client, organisation, other_organisation
):
    invitation = InvitationFactory(organisation=organisation)
    foreign = InvitationFactory(organisation=other_organisation)
    assert member_client.get(_revoke_url(organisation, invitation)).status_code == 405
    # Another organisation's invitation, through this organisation's URL or its own: 404.
    assert member_client.post(_revoke_url(organisation, foreign)).status_code == 404
    assert member_client.post(_revoke_url(other_organisation, foreign)).status_code == 404
    plain = _plain_member(organisation, "biedrs@example.lv")
    client.force_login(plain)
    assert client.post(_revoke_url(organisation, invitation)).status_code == 403
    assert Invitation.objects.filter(revoked_at__isnull=False).count() == 0


def test_an_owner_removes_a_member_after_confirming(member_client, organisation):
    plain = _plain_member(organisation, "biedrs@example.lv")
    membership = Membership.objects.get(user=plain)

    confirm = member_client.get(_remove_url(organisation, membership))
    assert confirm.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()  # GET changes nothing

    response = member_client.post(_remove_url(organisation, membership))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_may_leave_but_not_remove_others(client, organisation, member):
    plain = _plain_member(organisation, "biedrs@example.lv")
    client.force_login(plain)
    owner_membership = Membership.objects.get(user=member)
    assert client.post(_remove_url(organisation, owner_membership)).status_code == 403
    assert Membership.objects.filter(pk=owner_membership.pk).exists()

    own = Membership.objects.get(user=plain)
    response = client.post(_remove_url(organisation, own))
    assert response.status_code == 302 and response.url == "/portal/organisations/"
    assert not Membership.objects.filter(pk=own.pk).exists()
    # Gone: the organisation is now somebody else's, so its pages answer 404.
    assert client.get(f"/portal/organisations/{organisation.pk}/").status_code == 404


def test_the_only_owner_cannot_leave(member_client, organisation, member):
    own = Membership.objects.get(user=member)
    response = member_client.post(_remove_url(organisation, own))
    assert response.status_code == 400
    assert "vienīgais organizācijas administrators" in response.context["error"]
    assert Membership.objects.filter(pk=own.pk).exists()

    second = member_of(organisation, username="otrs@example.lv", email="otrs@example.lv")
    assert Membership.objects.get(user=second).role == MembershipRole.OWNER
    assert member_client.post(_remove_url(organisation, own)).status_code == 302
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_removing_across_organisations_is_404(member_client, organisation, other_member):
    foreign = Membership.objects.get(user=other_member)
    assert member_client.get(_remove_url(organisation, foreign)).status_code == 404
    assert member_client.post(_remove_url(foreign.organisation, foreign)).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()
