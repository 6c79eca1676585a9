import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from kopiena.casework.roles import Role
from kopiena.grants.models import Membership, MembershipRole
from kopiena.portal.models import Invitation
from tests.factories import InvitationFactory, member_of, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "Kopiena-ceļš-2026"


def test_an_owner_invites_by_email(
    member_client, organisation, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/portal/organisations/{organisation.pk}/invite/",
            {"email": "peteris@example.lv", "role": MembershipRole.MEMBER},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "peteris@example.lv"
    assert len(outbox) == 1 and outbox[0].to == ["peteris@example.lv"]
    token = re.search(r"/portal/invitations/([^/\s]+)/", outbox[0].body).group(1)
    assert Invitation.objects.for_token(token) == invitation
    assert token not in invitation.token_hash  # only the hash is stored


def test_a_member_who_is_not_an_owner_cannot_invite(client, organisation):
    plain = member_of(organisation, username="biedrs@example.lv")
    Membership.objects.filter(user=plain).update(role=MembershipRole.MEMBER)
    client.force_login(plain)

    response = client.post(
        f"/portal/organisations/{organisation.pk}/invite/",
        {"email": "x@example.lv", "role": "member"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_a_member_again_is_a_field_error(member_client, organisation, member):
    response = member_client.post(
        f"/portal/organisations/{organisation.pk}/invite/",
        {"email": member.email.upper(), "role": "member"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_a_new_person_signs_up_from_the_invitation_and_joins(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="peteris@example.lv")

    page = client.get(f"/portal/invitations/{invitation.token}/")
    assert page.status_code == 200
    response = client.post(
        f"/portal/invitations/{invitation.token}/signup/",
        {
            "first_name": "Pēteris",
            "last_name": "Ozols",
            "email": "someone-else@example.lv",  # ignored: the address is the invited one
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="peteris@example.lv")
    assert user.is_active
    assert user.groups.filter(name=Role.NGO_MEMBERS).exists()
    assert Membership.objects.filter(user=user, organisation=organisation).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # Used: the link no longer opens anything.
    assert client.get(f"/portal/invitations/{invitation.token}/").status_code == 404


def test_a_signed_in_person_with_the_invited_address_accepts(client, organisation):
    invitation = InvitationFactory(
        organisation=organisation, email="Janis@Example.lv", role=MembershipRole.OWNER
    )
    janis = user_with_role(Role.NGO_MEMBERS, username="janis", email="janis@example.lv")
    client.force_login(janis)

    response = client.post(f"/portal/invitations/{invitation.token}/")

    assert response.status_code == 302
    membership = Membership.objects.get(user=janis, organisation=organisation)
    assert membership.role == MembershipRole.OWNER


def test_another_address_or_a_staff_account_cannot_accept(client, organisation, officer):
    invitation = InvitationFactory(organisation=organisation, email="janis@example.lv")
    other = user_with_role(Role.NGO_MEMBERS, username="cits", email="cits@example.lv")

    client.force_login(other)
    response = client.post(f"/portal/invitations/{invitation.token}/")
    assert response.status_code == 200 and response.context["error"]

    officer.email = "janis@example.lv"
    officer.save()
    client.force_login(officer)
    response = client.post(f"/portal/invitations/{invitation.token}/")
    assert response.status_code == 200 and response.context["error"]
    assert (
        not Membership.objects.filter(organisation=organisation)
        .exclude(user__username="zala@example.lv")
        .exists()
    )


@pytest.mark.parametrize("token", ["garbage", "x" * 300, "%00"])
def test_a_wrong_token_is_404(client, token):
    assert client.get(f"/portal/invitations/{token}/").status_code == 404
    assert client.get(f"/portal/invitations/{token}/signup/").status_code == 404


def test_an_expired_invitation_is_404(client, organisation):
    invitation = InvitationFactory(
        organisation=organisation, created_at=timezone.now() - dt.timedelta(days=15)
    )
    assert client.get(f"/portal/invitations/{invitation.token}/").status_code == 404
