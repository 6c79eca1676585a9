"""Ideas and ballots as residents and staff meet them: the refusals say why and write
nothing; the check goes through the transition service, on the record, the author told."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopiena.casework.audit import entries_for
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, NotAllowed, TransitionInput
from kopiena.participation import services
from kopiena.participation.models import Ballot, BallotChoice, Idea, IdeaStatus
from tests.factories import UserFactory, budget, eligible, feasible_idea

pytestmark = pytest.mark.django_db

YES = services.Eligibility(birth_year=1985, resident=True)


def idea_data(process, **overrides):
    return {
        "title": "Soliņi Jūrmalas parkā",
        "description": "Desmit soliņi gar celiņu.",
        "theme": process.themes.first(),
        "category": process.categories.get(code="infrastructure"),
        "estimated_cost": Decimal("12000.00"),
        **overrides,
    }


# --- ideas ------------------------------------------------------------------------------------


def test_a_resident_proposes_an_idea_and_follows_it(resident):
    process = budget("ideas")
    idea = services.submit_idea(process, idea_data(process), author=resident)
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.number == 1 and idea.case_reference() == f"LB-{process.year}-001"
    assert idea.follows.filter(user=resident).exists()


def test_an_idea_above_its_categorys_money_is_refused(resident):
    process = budget("ideas")
    data = idea_data(process, estimated_cost=Decimal("50000.01"))
    with pytest.raises(ValidationError) as refused:
        services.submit_idea(process, data, author=resident)
    assert "estimated_cost" in refused.value.message_dict
    assert "above the money" in refused.value.message_dict["estimated_cost"][0]
    assert not Idea.objects.exists()


def test_ideas_are_refused_outside_the_idea_phase(resident, voting):
    with pytest.raises(ValidationError):
        services.submit_idea(voting, idea_data(voting), author=resident)
    assert not Idea.objects.exists()


def test_staff_enter_a_paper_idea_for_a_person_marked_so(pb_staff, resident):
    process = budget("ideas")
    data = idea_data(process, author_name="Anna Bērziņa", channel="paper")
    idea = services.submit_idea(process, data, entered_by=pb_staff)
    assert (idea.channel, idea.author_name, idea.entered_by) == ("paper", "Anna Bērziņa", pb_staff)
    assert idea.proposer_label == "Anna Bērziņa"
    with pytest.raises(PermissionDenied):
        services.submit_idea(process, data, entered_by=resident)


def test_staff_find_an_idea_feasible_on_the_record_and_the_author_is_told(
    pb_staff, resident, outbox, committed
):
    process = budget("ideas")
    idea = services.submit_idea(process, idea_data(process), author=resident)
    with committed():
        idea = perform_transition(
            idea, "find_feasible", pb_staff, TransitionInput(amount=Decimal("13500.00"))
        )
    assert idea.status == IdeaStatus.FEASIBLE
    assert idea.cost_estimate == Decimal("13500.00") == idea.ballot_cost
    [entry] = entries_for(idea)
    assert entry.data["to"] == "feasible" and entry.user == pb_staff
    assert [m.to for m in outbox] == [[resident.email]]


def test_not_feasible_needs_a_public_reason(pb_staff, resident):
    process = budget("ideas")
    idea = services.submit_idea(process, idea_data(process), author=resident)
    with pytest.raises(GuardFailed):
        perform_transition(idea, "find_not_feasible", pb_staff, TransitionInput())
    idea = perform_transition(
        idea, "find_not_feasible", pb_staff, TransitionInput(comment="Privāta zeme.")
    )
    assert idea.public_reason == "Privāta zeme."


def test_a_municipal_estimate_above_the_categorys_money_is_refused(pb_staff, resident):
    process = budget("ideas")
    idea = services.submit_idea(process, idea_data(process), author=resident)
    with pytest.raises(GuardFailed) as refused:
        perform_transition(
            idea, "find_feasible", pb_staff, TransitionInput(amount=Decimal("60000"))
        )
    assert "amount" in refused.value.errors
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SUBMITTED


def test_merge_names_another_idea_of_the_budget(pb_staff, resident):
    process = budget("ideas")
    first = services.submit_idea(process, idea_data(process), author=resident)
    second = services.submit_idea(process, idea_data(process), author=resident)
    with pytest.raises(GuardFailed):
        perform_transition(second, "merge", pb_staff, TransitionInput(comment="Tas pats."))
    second = perform_transition(
        second,
        "merge",
        pb_staff,
        TransitionInput(comment="Tas pats.", extra={"merged_into": first.pk}),
    )
    assert second.merged_into == first


def test_returned_idea_is_changed_and_sent_again_by_its_author(pb_staff, resident):
    process = budget("ideas")
    idea = services.submit_idea(process, idea_data(process), author=resident)
    idea = perform_transition(
        idea, "return_to_author", pb_staff, TransitionInput(comment="Precizējiet vietu.")
    )
    data = idea_data(
        process,
        title="Soliņi pie strūklakas",
        description="Pie strūklakas.",
        estimated_cost=Decimal("9000"),
    )
    idea = services.update_returned_idea(idea, data, resident)
    assert (idea.status, idea.title) == (IdeaStatus.SUBMITTED, "Soliņi pie strūklakas")


def test_a_resident_cannot_check_ideas(resident):
    process = budget("ideas")
    idea = services.submit_idea(process, idea_data(process), author=resident)
    with pytest.raises(NotAllowed):
        perform_transition(idea, "find_feasible", resident, TransitionInput(amount=Decimal("1")))


# --- ballots ----------------------------------------------------------------------------------


def test_a_ballot_within_the_money_is_cast_and_can_be_changed(voting, resident):
    a = feasible_idea(voting, cost="30000.00")
    b = feasible_idea(voting, cost="20000.00")
    c = feasible_idea(voting, cost="5000.00")
    ballot = services.cast_ballot(voting, resident, [a.pk, b.pk], eligible(resident))
    assert set(ballot.choices.values_list("idea", flat=True)) == {a.pk, b.pk}
    services.cast_ballot(voting, resident, [a.pk, c.pk], eligible(resident))
    assert Ballot.objects.count() == 1
    assert set(BallotChoice.objects.values_list("idea", flat=True)) == {a.pk, c.pk}


def test_a_ballot_over_a_categorys_money_is_refused_and_nothing_written(voting, resident):
    a = feasible_idea(voting, cost="30000.00")
    b = feasible_idea(voting, cost="20000.01")
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(voting, resident, [a.pk, b.pk], eligible(resident))
    [message] = refused.value.message_dict["category_infrastructure"]
    assert "more than its money" in message
    assert not Ballot.objects.exists() and not BallotChoice.objects.exists()


def test_an_up_to_n_ballot_counts_projects_not_money(resident):
    process = budget("voting", ballot_type="up_to_n", max_choices=1)
    a, b = feasible_idea(process, cost="100"), feasible_idea(process, cost="100")
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(process, resident, [a.pk, b.pk], eligible(resident))
    assert "at most 1" in refused.value.message_dict["category_infrastructure"][0]
    services.cast_ballot(process, resident, [a.pk], eligible(resident))


@pytest.mark.parametrize("phase", ["ideas", "check", "delivery"])
def test_a_ballot_outside_the_voting_dates_is_refused(phase, resident):
    process = budget(phase)
    a = feasible_idea(process)
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(process, resident, [a.pk], eligible(resident))
    assert "cannot be cast now" in refused.value.messages[0]
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("eligibility", "field"),
    [
        (services.Eligibility(birth_year=2020, resident=True), "birth_year"),
        (services.Eligibility(birth_year=None, resident=True), "birth_year"),
        (services.Eligibility(birth_year=1980, resident=False), "resident"),
    ],
)
def test_a_person_who_is_not_eligible_is_refused(voting, resident, eligibility, field):
    a = feasible_idea(voting)
    with pytest.raises(ValidationError) as refused:
        services.cast_ballot(voting, resident, [a.pk], eligibility)
    assert field in refused.value.message_dict
    assert not Ballot.objects.exists()


def test_ideas_not_on_the_ballot_or_of_another_budget_are_refused(voting, resident):
    other = budget("voting")
    theirs = feasible_idea(other)
    waiting = feasible_idea(voting)
    Idea.objects.filter(pk=waiting.pk).update(status="submitted")
    for ids in ([theirs.pk], [waiting.pk], [10**12], []):
        with pytest.raises(ValidationError):
            services.cast_ballot(voting, resident, ids, eligible(resident))
    assert not Ballot.objects.exists()


def test_a_paper_ballot_is_entered_once_per_person_and_audited(voting, pb_staff, resident):
    from wagtail.models import ModelLogEntry

    from kopiena.participation.services import PAPER_BALLOT

    a = feasible_idea(voting)
    ballot = services.enter_paper_ballot(voting, pb_staff, "120385-11111", [a.pk], YES)
    assert ballot.paper and ballot.entered_by == pb_staff and ballot.voter is None
    assert "120385" not in ballot.voter_key
    with pytest.raises(ValidationError) as refused:
        services.enter_paper_ballot(voting, pb_staff, "12038511111", [a.pk], YES)
    assert "already voted" in refused.value.messages[0]
    assert Ballot.objects.count() == 1
    assert ModelLogEntry.objects.filter(action=PAPER_BALLOT, user=pb_staff).count() == 1
    with pytest.raises(PermissionDenied):
        services.enter_paper_ballot(voting, resident, "1", [a.pk], YES)


def test_the_database_holds_one_ballot_per_person(voting, resident):
    from django.db import IntegrityError, transaction

    Ballot.objects.create(process=voting, voter_key="u:1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(process=voting, voter_key="u:1")


def test_staff_may_not_vote_for_someone_else_online(voting):
    a = feasible_idea(voting)
    anonymous = UserFactory.build(is_active=False)
    with pytest.raises(PermissionDenied):
        services.cast_ballot(voting, anonymous, [a.pk], YES)
