"""Proposals: a member's correction, a resident's, a new entry; the editor publishes, returns
or rejects; nothing is public before it is published; a proposal against an entry that
changed since it was opened is refused (no lost update); every step is audited and mailed
after commit."""

import copy
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from kopiena.casework import audit
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, NotAllowed, TransitionInput
from kopiena.social_map import entries, proposals
from kopiena.social_map.models import Proposal, ProposalStatus, ProposedAs, Publication, Service
from tests.factories import entry

pytestmark = pytest.mark.django_db


def _correction(service, user, change, note=""):
    base = entries.snapshot(service)
    document = copy.deepcopy(base)
    change(document)
    return proposals.propose(
        user=user,
        organization=service.organization,
        document=document,
        service=service,
        base_data=base,
        base_digest=entries.digest(base),
        note=note,
    )


def _new_hours(document):
    document["locations"][0]["hours"]["MO"] = ["09:00", "13:00"]
    document["service"]["name"] = "Zupas virtuve"


def test_a_members_correction_waits_for_an_editor_and_is_not_public(
    ngo, member, map_editor, outbox, committed
):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    with committed():
        proposal = _correction(service, member, _new_hours)

    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.proposed_as == ProposedAs.MEMBER
    service.refresh_from_db()
    assert service.name == "Mantu apmaiņa"  # nothing proposed is public
    assert [m.to for m in outbox] == [[map_editor.email]]
    assert [e.data["to"] for e in audit.entries_for(proposal)] == ["submitted"]


def test_the_editor_publishes_and_the_entry_changes(ngo, member, map_editor, outbox, committed):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    proposal = _correction(service, member, _new_hours)
    outbox.clear()

    with committed():
        perform_transition(proposal, "publish", map_editor)

    service.refresh_from_db()
    assert service.name == "Zupas virtuve"
    schedules = {(s.byday, s.opens_at) for s in service.sites.get().schedules.all()}
    assert ("MO", dt.time(9, 0)) in schedules
    assert ("TU,WE,TH,FR,SA,SU", dt.time(10, 0)) in schedules
    assert service.last_confirmed_on == dt.date.today()
    assert [m.to for m in outbox] == [[member.email]]
    assert "Publicēts" in outbox[0].body or "Published" in outbox[0].body


def test_a_proposal_against_a_changed_entry_is_refused_with_nothing_lost(ngo, member, map_editor):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    proposal = _correction(service, member, _new_hours)
    # Meanwhile an editor changes the entry.
    other = _correction(
        service, map_editor, lambda d: d["service"].update(email="jauns@example.lv")
    )
    assert other.status == ProposalStatus.PUBLISHED

    with pytest.raises(GuardFailed) as refused:
        perform_transition(proposal, "publish", map_editor)

    assert "changed after this proposal" in " ".join(refused.value.errors["__all__"])
    service.refresh_from_db()
    assert service.email == "jauns@example.lv" and service.name == "Mantu apmaiņa"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_sending_against_an_entry_changed_since_the_form_opened_is_refused(ngo, member, map_editor):
    service = entry(organization=ngo)
    stale_base = entries.snapshot(service)
    _correction(service, map_editor, lambda d: d["service"].update(description="Jauns apraksts."))
    document = copy.deepcopy(stale_base)
    document["service"]["name"] = "Cits nosaukums"

    with pytest.raises(GuardFailed):
        proposals.propose(
            user=member,
            organization=ngo,
            document=document,
            service=service,
            base_data=stale_base,
            base_digest=entries.digest(stale_base),
        )
    assert not Proposal.objects.filter(proposer=member).exists()


def test_return_with_a_comment_then_resubmit(ngo, member, map_editor, outbox, committed):
    service = entry(organization=ngo)
    proposal = _correction(service, member, _new_hours)

    with pytest.raises(GuardFailed):
        perform_transition(proposal, "return_to_proposer", map_editor)  # comment required
    with committed():
        perform_transition(
            proposal, "return_to_proposer", map_editor, TransitionInput(comment="Norādiet tālruni.")
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    assert "Norādiet tālruni." in outbox[-1].body

    document = copy.deepcopy(proposal.data)
    document["service"]["phones"] = [{"number": "+371 26000000", "description": ""}]
    proposals.resubmit(proposal, user=member, document=document)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    perform_transition(proposal, "publish", map_editor)
    assert Service.objects.get(pk=service.pk).phones.get().number == "+371 26000000"


def test_reject_needs_a_reason_and_leaves_the_entry(ngo, member, map_editor):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    proposal = _correction(service, member, _new_hours)
    perform_transition(proposal, "reject", map_editor, TransitionInput(comment="Nav pamata."))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert Service.objects.get(pk=service.pk).name == "Mantu apmaiņa"


def test_only_editors_decide(ngo, member, resident):
    service = entry(organization=ngo)
    proposal = _correction(service, member, _new_hours)
    for user in (member, resident):
        with pytest.raises(NotAllowed):
            perform_transition(proposal, "publish", user)


def test_a_resident_may_correct_but_not_add(ngo, resident, map_editor):
    service = entry(organization=ngo)
    proposal = _correction(service, resident, _new_hours, note="Pirmdienās slēgts pēc 13.")
    assert proposal.proposed_as == ProposedAs.RESIDENT

    with pytest.raises(PermissionDenied):
        proposals.propose(
            user=resident,
            organization=ngo,
            document=entries.snapshot(service),
        )


def test_a_member_proposes_a_new_entry_which_appears_when_published(ngo, member, map_editor):
    service = entry(organization=ngo)
    document = entries.snapshot(service)
    for location in document["locations"]:
        location["id"] = None
    document["service"]["name"] = "Kaimiņu palīdzība"
    proposal = proposals.propose(user=member, organization=ngo, document=document)
    assert proposal.kind == "new" and proposal.service is None
    assert not Service.objects.filter(name="Kaimiņu palīdzība").exists()

    perform_transition(proposal, "publish", map_editor)
    proposal.refresh_from_db()
    created = proposal.service
    assert created.name == "Kaimiņu palīdzība" and created.publication == Publication.PUBLISHED
    assert created.sites.count() == 1


def test_another_organisations_member_proposes_only_as_a_resident(ngo, map_editor):
    from tests.factories import MembershipFactory

    outsider = MembershipFactory().user
    service = entry(organization=ngo)
    with pytest.raises(PermissionDenied):
        proposals.propose(user=outsider, organization=ngo, document=entries.snapshot(service))
    proposal = _correction(service, outsider, _new_hours)
    assert proposal.proposed_as == ProposedAs.RESIDENT


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["locations"][0].update(latitude="59.5"), "outside Latvia"),
        (lambda d: d["locations"][0].update(longitude="30.1"), "outside Latvia"),
        (lambda d: d["service"]["phones"].append({"number": "12-34", "description": ""}), "phone"),
        (lambda d: d["service"].update(email="nav-epasts"), "email address"),
        (lambda d: d["service"].update(url="javascript:alert(1)"), "http"),
        (lambda d: d["locations"][0]["hours"].update(MO=["17:00", "09:00"]), "not after"),
    ],
)
def test_bad_input_is_refused_with_messages(ngo, member, change, message):
    service = entry(organization=ngo)
    with pytest.raises(GuardFailed) as refused:
        _correction(service, member, change)
    assert message in " ".join(refused.value.errors["__all__"])
    assert not Proposal.objects.exists()


def test_an_editors_edit_is_published_at_once_and_confirms_a_flagged_entry(ngo, map_editor):
    service = entry(organization=ngo)
    perform_transition(service, "flag_stale", None)
    service.refresh_from_db()
    assert service.publication == Publication.NEEDS_CONFIRMATION

    proposal = _correction(service, map_editor, _new_hours)

    assert proposal.status == ProposalStatus.PUBLISHED
    service.refresh_from_db()
    assert service.publication == Publication.PUBLISHED
    assert service.name == "Zupas virtuve"


def test_the_diff_shows_what_changed_and_a_conflict(ngo, member, map_editor):
    service = entry(organization=ngo, name="Mantu apmaiņa")
    proposal = _correction(service, member, _new_hours)
    rows = entries.diff(proposal.base_data, proposal.data)
    changed = {row["label"]: (row["before"], row["after"]) for row in rows if row["changed"]}
    assert changed["Name"] == ("Mantu apmaiņa", "Zupas virtuve")
    hours = next(v for k, v in changed.items() if k.endswith("Opening hours"))
    assert "09:00–13:00" in hours[1]

    _correction(service, map_editor, lambda d: d["service"].update(name="Apmaiņas punkts"))
    current = entries.snapshot(Service.objects.get(pk=service.pk))
    rows = entries.diff(proposal.base_data, proposal.data, current)
    name = next(row for row in rows if row["label"] == "Name")
    assert name["conflict"] and name["now"] == "Apmaiņas punkts"
