"""The social map in the portal: a member's overview and "still correct" button, a correction
and a new entry through the form (with field messages for bad input), a resident's
correction, the entry changed meanwhile, returned proposals edited and sent again, and 404 for
what is not the person's own."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.social_map import entries
from kopiena.social_map.models import Proposal, ProposalStatus, Service
from tests.factories import MembershipFactory, entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _portal_in_english(client):
    """The portal speaks Latvian unless the language switch says otherwise."""
    client.cookies["django_language"] = "en"


def form_data(service, **changes):
    data = entries.to_form_data(entries.snapshot(service)).dict()
    full = entries.to_form_data(entries.snapshot(service))
    for key in full:
        values = full.getlist(key)
        data[key] = (
            values
            if len(values) > 1 or key in ("areas", "languages", "target_groups")
            else values[0]
        )
    data["base_digest"] = entries.digest(entries.snapshot(service))
    data.update(changes)
    return data


def test_the_member_sees_and_confirms_their_entries(client, ngo, member):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    client.force_login(member)
    response = client.get(reverse("social_map_portal:overview"))
    assert "Mantu apmaiņa" in response.content.decode()
    response = client.post(reverse("social_map_portal:confirm", args=[service.pk]))
    assert response.status_code == 302


def test_a_member_proposes_a_correction_through_the_form(client, ngo, member, map_editor):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    client.force_login(member)
    url = reverse("social_map_portal:propose_correction", args=[service.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, form_data(service, name="Mantu un grāmatu apmaiņa", note="Jauns nosaukums")
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302, response.context and response.context["form"].error_list()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.data["service"]["name"] == "Mantu un grāmatu apmaiņa"
    assert Service.objects.get(pk=service.pk).name == "Mantu apmaiņa"
    detail = client.get(reverse("social_map_portal:proposal", args=[proposal.pk]))
    assert "Mantu un grāmatu apmaiņa" in detail.content.decode()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"loc-0-latitude": "59.9"}, "loc-0-latitude", "outside Latvia"),
        ({"phone_1": "12"}, "phone_1", "not a phone number"),
        ({"email": "nav@"}, "email", "valid email"),
        ({"url": "ftp://example.lv"}, "url", "http"),
        ({"loc-0-MO_opens": "18:00", "loc-0-MO_closes": "09:00"}, "loc-0-MO_closes", "not after"),
    ],
)
def test_bad_input_gets_field_messages(client, ngo, member, changes, field, message):
    service = entry(organization=ngo)
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the messages below are English
    url = reverse("social_map_portal:propose_correction", args=[service.pk])
    response = client.post(url, form_data(service, **changes))
    assert response.status_code == 200
    with translation.override("en"):
        summary = " ".join(str(m) for _a, m in response.context["form"].error_list())
    assert message in summary
    assert f'id="id_{field}"' in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_entry_changed_while_the_form_was_open_is_refused_with_the_current_version(
    client, ngo, member, map_editor
):
    from kopiena.social_map import proposals

    service = entry(organization=ngo, name="Mantu apmaiņa")
    stale = form_data(service, name="Mana versija")
    current = entries.snapshot(service)
    changed = {**current, "service": {**current["service"], "name": "Redaktora versija"}}
    proposals.propose(
        user=map_editor,
        organization=ngo,
        document=changed,
        service=service,
        base_data=current,
        base_digest=entries.digest(current),
    )
    client.force_login(member)
    response = client.post(
        reverse("social_map_portal:propose_correction", args=[service.pk]), stale
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Redaktora versija" in html and "Mana versija" in html
    assert response.context["conflict"]
    assert not Proposal.objects.filter(proposer=member).exists()


def test_a_resident_suggests_a_correction(client, ngo, resident):
    service = entry(organization=ngo)
    client.force_login(resident)
    response = client.post(
        reverse("social_map_portal:propose_correction", args=[service.pk]),
        form_data(service, note="Tālrunis vairs neatbild."),
    )
    assert response.status_code == 302
    assert Proposal.objects.get().proposed_as == "resident"


def test_a_new_entry_from_a_portal_organisation_without_a_directory_entry(client, map_editor):
    membership = MembershipFactory()
    client.force_login(membership.user)
    url = reverse("social_map_portal:propose_new", args=[membership.organisation.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": "Kaimiņu palīdzība",
        "description": "Palīdzam iepirkties.",
        "status": "active",
        "areas": ["seniors"],
        "free_of_charge": "on",
        "languages": ["lv", "ru"],
        "phone_1": "26 000 000",
        "loc-TOTAL_FORMS": "1",
        "loc-INITIAL_FORMS": "0",
        "loc-MIN_NUM_FORMS": "0",
        "loc-MAX_NUM_FORMS": "5",
        "loc-0-location_type": "physical",
        "loc-0-address_1": "Ostas iela 5",
        "loc-0-city": "Liepāja",
        "loc-0-postal_code": "LV-3401",
        "loc-0-municipality": membership.organisation.municipality.slug,
        "loc-0-latitude": "56.52",
        "loc-0-longitude": "21.0",
        "loc-0-TU_opens": "10:00",
        "loc-0-TU_closes": "12:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].error_list()
    proposal = Proposal.objects.get()
    assert (
        proposal.kind == "new"
        and proposal.organization.grants_organisation == membership.organisation
    )
    perform_transition(proposal, "publish", map_editor)
    service = Service.objects.get(name="Kaimiņu palīdzība")
    assert service.phones.get().number == "+371 26000000"
    assert service.sites.get().schedules.get().byday == "TU"


def test_someone_elses_proposal_and_organisation_answer_404(client, ngo, member, resident):
    service = entry(organization=ngo)
    client.force_login(member)
    client.post(
        reverse("social_map_portal:propose_correction", args=[service.pk]), form_data(service)
    )
    proposal = Proposal.objects.get()
    client.force_login(resident)
    assert client.get(reverse("social_map_portal:proposal", args=[proposal.pk])).status_code == 404
    assert client.post(reverse("social_map_portal:confirm", args=[service.pk])).status_code == 404
    assert (
        client.get(
            reverse("social_map_portal:propose_new", args=[ngo.grants_organisation_id])
        ).status_code
        == 404
    )


def test_a_returned_proposal_is_edited_and_sent_again(client, ngo, member, map_editor):
    service = entry(organization=ngo)
    client.force_login(member)
    client.post(
        reverse("social_map_portal:propose_correction", args=[service.pk]),
        form_data(service, name="A"),
    )
    proposal = Proposal.objects.get()
    perform_transition(
        proposal, "return_to_proposer", map_editor, TransitionInput(comment="Precizējiet.")
    )
    detail = client.get(reverse("social_map_portal:proposal", args=[proposal.pk]))
    assert "Precizējiet." in detail.content.decode()
    data = form_data(service, name="B")
    response = client.post(reverse("social_map_portal:proposal_edit", args=[proposal.pk]), data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.data["service"]["name"] == "B"


def test_the_portal_menu_has_the_social_map(client, member):
    client.force_login(member)
    response = client.get(reverse("portal:dashboard"))
    assert reverse("social_map_portal:overview") in response.content.decode()
