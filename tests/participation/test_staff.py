"""Staff in the admin: the lists (with export) and the counts — never who voted for what —,
an idea entered for a person, a paper ballot, the merge, publishing the results through the
transition service, and a reserve draw that finance decides with a reason on the record."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kopiena.casework.audit import entries_for
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, NotAllowed, TransitionInput
from kopiena.participation import services
from kopiena.participation.models import Ballot, DrawStatus, Idea, IdeaStatus, Process
from tests.factories import UserFactory, budget, eligible, feasible_idea

pytestmark = pytest.mark.django_db


def _closed(process):
    from tests.factories.participation import _dates

    Process.objects.filter(pk=process.pk).update(**_dates("delivery"))
    process.refresh_from_db()
    return process


def test_the_admin_lists_render_for_staff(client, pb_staff, django_assert_max_num_queries):
    process = budget("voting")
    for _ in range(20):
        feasible_idea(process)
    client.force_login(pb_staff)
    for name in ("process", "idea", "draw", "category", "theme", "milestone"):
        response = client.get(reverse(f"kopiena_participation_{name}:index"))
        assert response.status_code == 200, name
    with django_assert_max_num_queries(40):
        client.get(reverse("kopiena_participation_idea:index"))
    export = client.get(reverse("kopiena_participation_idea:index") + "?export=csv")
    assert export.status_code == 200


def test_the_count_shows_votes_never_voters(client, pb_staff, voting):
    idea = feasible_idea(voting, title="Skeitparks")
    voter = UserFactory(username="slepenais-balsotajs", first_name="Slepenais")
    services.cast_ballot(voting, voter, [idea.pk], eligible(voter))
    client.force_login(pb_staff)
    text = client.get(
        reverse("kopiena_participation_process:count", args=[voting.pk])
    ).content.decode()
    assert "Skeitparks" in text
    assert "slepenais" not in text.lower()


def test_staff_enter_a_paper_ballot_in_the_admin(client, pb_staff, voting):
    idea = feasible_idea(voting)
    client.force_login(pb_staff)
    url = reverse("kopiena_participation_process:paper_ballot", args=[voting.pk])
    form = {
        "person_code": "120385-11111",
        "ideas": [idea.pk],
        "birth_year": "1985",
        "resident": "on",
    }
    assert client.post(url, form).status_code == 302
    response = client.post(url, form)
    text = response.content.decode()
    assert response.status_code == 200
    assert "already voted" in text or "jau ir balsojusi" in text
    assert Ballot.objects.filter(paper=True).count() == 1


def test_a_resident_may_not_open_the_paper_ballot_form(client, resident, voting):
    resident.is_staff = True
    resident.save()
    client.force_login(resident)
    url = reverse("kopiena_participation_process:paper_ballot", args=[voting.pk])
    assert client.get(url).status_code in (302, 403)


def test_staff_enter_an_idea_for_a_person(client, pb_staff):
    process = budget("ideas")
    client.force_login(pb_staff)
    url = reverse("kopiena_participation_process:staff_idea", args=[process.pk])
    form = {
        "title": "Soliņi",
        "description": "Pie baznīcas.",
        "theme": process.themes.first().pk,
        "category": process.categories.first().pk,
        "estimated_cost": "3000",
        "author_name": "Anna Bērziņa",
        "channel": "paper",
    }
    assert client.post(url, form).status_code == 302
    idea = Idea.objects.get()
    assert idea.entered_by == pb_staff and idea.channel == "paper"


def test_the_merge_in_the_admin_names_the_other_idea(client, pb_staff):
    process = budget("ideas")
    first = services.submit_idea(
        process,
        {
            "title": "A",
            "description": "a",
            "theme": process.themes.first(),
            "category": process.categories.first(),
            "estimated_cost": Decimal("100"),
            "author_name": "X",
            "channel": "paper",
        },
        entered_by=pb_staff,
    )
    second = services.submit_idea(
        process,
        {
            "title": "B",
            "description": "b",
            "theme": process.themes.first(),
            "category": process.categories.first(),
            "estimated_cost": Decimal("100"),
            "author_name": "Y",
            "channel": "paper",
        },
        entered_by=pb_staff,
    )
    client.force_login(pb_staff)
    url = reverse("kopiena_participation_idea:transition", args=[second.pk, "merge"])
    response = client.post(url, {"comment": "Tā pati vieta.", "merged_into": first.pk})
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.merged_into) == (IdeaStatus.MERGED, first)


def test_publishing_the_results_marks_winners_on_the_record(client, pb_staff, voting, outbox):
    a = feasible_idea(voting, cost="30000.00")
    b = feasible_idea(voting, cost="30000.00")
    voter = UserFactory(username="v1")
    services.cast_ballot(voting, voter, [a.pk], eligible(voter))
    client.force_login(pb_staff)
    url = reverse("kopiena_participation_process:count", args=[voting.pk])
    client.post(url)
    a.refresh_from_db()
    assert a.status == IdeaStatus.FEASIBLE  # the vote is still open: refused
    _closed(voting)
    client.post(url)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (IdeaStatus.SELECTED, IdeaStatus.NOT_SELECTED)
    assert entries_for(a)[-1].data["source"] == "count"


def test_a_reserve_draw_is_a_finance_decision_within_the_reserve(pb_staff, finance, voting):
    idea = feasible_idea(voting, cost="30000.00")
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.SELECTED)
    idea.refresh_from_db()
    draw = services.request_reserve_draw(idea, Decimal("6000.00"), "Cenas pieauga.", pb_staff)
    with pytest.raises(NotAllowed):
        perform_transition(draw, "approve", pb_staff, TransitionInput(comment="Jā."))
    with pytest.raises(GuardFailed):
        perform_transition(draw, "approve", finance, TransitionInput())  # a reason is required
    draw = perform_transition(draw, "approve", finance, TransitionInput(comment="Pamatots."))
    assert draw.status == DrawStatus.APPROVED
    figures = voting.money_figures()
    assert figures["reserve_left"] == Decimal("4000.00")
    assert figures["committed"] == Decimal("36000.00")
    second = services.request_reserve_draw(idea, Decimal("4000.01"), "Vēl.", pb_staff)
    with pytest.raises(GuardFailed) as refused:
        perform_transition(second, "approve", finance, TransitionInput(comment="Jā."))
    assert (
        "4\u00a0000,00\u00a0€" in refused.value.errors["__all__"][0]
        or "4,000.00" in refused.value.errors["__all__"][0]
    )
    [entry] = entries_for(draw)
    assert entry.user == finance and entry.data["comment"] == "Pamatots."


def test_only_a_winner_may_ask_for_the_reserve(pb_staff, voting):
    from django.core.exceptions import ValidationError

    idea = feasible_idea(voting)
    with pytest.raises(ValidationError):
        services.request_reserve_draw(idea, Decimal("1"), "x", pb_staff)
