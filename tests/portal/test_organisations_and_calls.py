import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from kopiena.grants.models import RIGA, Membership, MembershipRole, Organisation
from kopiena.grants.validators import lv_iban
from tests.factories import GrantCallFactory, member_of

pytestmark = pytest.mark.django_db


def _organisation_data(where, **overrides):
    return {
        "name": "Biedrība “Jaunā”",
        "legal_form": "biedriba",
        "registration_number": "40008999999",
        "municipality": str(where.pk),
        "public_benefit": "on",
        "iban": lv_iban("HABA", "0551012345678").lower()[:4]
        + " "
        + lv_iban("HABA", "0551012345678")[4:],
        "contact_name": "Ilze",
        "contact_email": "ilze@example.lv",
        **overrides,
    }


def test_a_member_registers_an_organisation_and_becomes_its_owner(client, organisation):
    from kopiena.casework.roles import Role
    from tests.factories import user_with_role

    user = user_with_role(Role.NGO_MEMBERS, username="jauna")
    client.force_login(user)
    response = client.post(
        "/portal/organisations/new/", _organisation_data(organisation.municipality)
    )

    created = Organisation.objects.get(registration_number="40008999999")
    assert response["Location"] == f"/portal/organisations/{created.pk}/"
    assert created.iban == lv_iban("HABA", "0551012345678")  # spaces and case normalised
    assert Membership.objects.get(organisation=created).role == MembershipRole.OWNER


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("registration_number", "4000812345"),
        ("registration_number", "ABCDEFGHIJK"),
        ("iban", "LV00HABA0551012345678"),
        ("iban", "EE382200221020145685"),
        ("legal_form", "corporation"),
        ("municipality", "abc"),
    ],
)
def test_the_grants_validators_refuse_bad_identifiers(member_client, organisation, field, value):
    data = _organisation_data(organisation.municipality, **{field: value})
    response = member_client.post("/portal/organisations/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'href="#id_{field}"' in response.content.decode()


def test_a_registration_number_cannot_be_registered_twice(member_client, organisation):
    data = _organisation_data(
        organisation.municipality, registration_number=organisation.registration_number
    )
    response = member_client.post("/portal/organisations/new/", data)
    assert "registration_number" in response.context["form"].errors


def test_staff_accounts_cannot_register_an_organisation(client, officer, organisation):
    client.force_login(officer)
    response = client.post(
        "/portal/organisations/new/", _organisation_data(organisation.municipality)
    )
    assert response.status_code == 403


def test_the_owner_edits_the_profile_a_plain_member_cannot(client, member_client, organisation):
    data = _organisation_data(
        organisation.municipality,
        name="Biedrība “Zaļā apkaime” (jaunais nosaukums)",
        registration_number=organisation.registration_number,
    )
    response = member_client.post(f"/portal/organisations/{organisation.pk}/edit/", data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name.endswith("(jaunais nosaukums)")

    plain = member_of(organisation, username="biedrs")
    Membership.objects.filter(user=plain).update(role=MembershipRole.MEMBER)
    client.force_login(plain)
    assert client.get(f"/portal/organisations/{organisation.pk}/").status_code == 200
    assert client.get(f"/portal/organisations/{organisation.pk}/edit/").status_code == 403


def test_the_profile_lists_the_members(member_client, organisation, member):
    page = member_client.get(f"/portal/organisations/{organisation.pk}/")
    assert member.email in page.content.decode()
    assert member_client.get("/portal/organisations/").status_code == 200


def test_open_calls_with_their_rules_in_plain_words(client):
    deadline = dt.datetime(2026, 12, 15, 23, 59, tzinfo=RIGA)
    GrantCallFactory(
        title="Atvērtais konkurss",
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=max(deadline, timezone.now() + dt.timedelta(days=1)),
        funding_rate=Decimal("0.85"),
        infrastructure_share=Decimal("0.05"),
        max_grant=Decimal("10000"),
    )
    GrantCallFactory(
        title="Slēgtais",
        closes_at=timezone.now() - dt.timedelta(days=1),
        opens_at=timezone.now() - dt.timedelta(days=30),
    )
    GrantCallFactory(title="Nākamais", opens_at=timezone.now() + dt.timedelta(days=3))

    page = client.get("/portal/calls/")  # public: the rules are no secret
    html = page.content.decode().replace("\xa0", " ")

    assert [c.title for c in page.context["calls"]] == ["Atvērtais konkurss"]
    if timezone.now() < deadline:
        assert "2026. gada 15. decembris, 23:59" in html
    assert re.search(r"15 %", html)  # co-financing: 1 − 85 %
    assert "5 %" in html
    assert "10 000,00 €" in html


def test_the_deadline_is_shown_in_riga_time_in_summer_and_winter():
    from django.utils import translation

    from kopiena.portal.templatetags.portal_tags import riga

    with translation.override("lv"):
        winter = riga(dt.datetime(2026, 12, 15, 21, 59, tzinfo=dt.UTC))
        summer = riga(dt.datetime(2026, 6, 15, 20, 59, tzinfo=dt.UTC))
    assert winter == "2026. gada 15. decembris, 23:59"
    assert summer == "2026. gada 15. jūnijs, 23:59"
