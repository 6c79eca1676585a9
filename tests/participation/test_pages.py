"""The pages residents use: the process with its rules and money, ideas, proposing, voting
with the counter, results with the CSV; another budget's or a hidden idea answers 404."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kopiena.participation import services
from kopiena.participation.models import Ballot, Idea
from tests.factories import UserFactory, budget, eligible, feasible_idea

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The portal speaks Latvian unless the switch says otherwise: these tests read English."""
    client.cookies["django_language"] = "en"


def url(name, process, *args):
    return reverse(f"participation:{name}", args=[process.slug, *args])


def test_the_process_page_shows_rules_categories_dates_and_money(client):
    process = budget("voting", min_age=16)
    response = client.get(url("process", process))
    assert response.status_code == 200
    text = response.content.decode()
    assert "€50,000.00" in text  # the infrastructure money
    assert "16" in text and process.voting_open.strftime("%d.%m.%Y") in text
    assert 'data-figure="reserve-left"' in text


def test_an_unpublished_process_is_not_found(client):
    process = budget("voting", published=False)
    assert client.get(url("process", process)).status_code == 404


def test_the_idea_list_costs_the_same_for_5_or_50_ideas(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    process = budget("voting")
    client.get(url("ideas", process))  # the first request fills the per-process caches
    counts = {}
    for total in (5, 50):
        while process.ideas.count() < total:
            feasible_idea(process)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("ideas", process))
        assert response.content.decode().count("data-idea=") == total
        counts[total] = len(queries)
    # The page's own queries plus the site's language navigation (locales, site, menu).
    assert counts[5] == counts[50] <= 12, counts


def test_a_waiting_idea_is_seen_by_its_author_only(client, resident):
    process = budget("ideas")
    data = {
        "title": "Suņu laukums",
        "description": "Pie ezera.",
        "theme": process.themes.first(),
        "category": process.categories.first(),
        "estimated_cost": Decimal("9000"),
    }
    idea = services.submit_idea(process, data, author=resident)
    assert client.get(url("idea", process, idea.number)).status_code == 404
    client.force_login(resident)
    assert client.get(url("idea", process, idea.number)).status_code == 200
    other = budget("ideas")
    assert client.get(url("idea", other, idea.number)).status_code == 404


def test_a_resident_proposes_an_idea_on_the_form(client, resident):
    process = budget("ideas")
    client.force_login(resident)
    category = process.categories.get(code="infrastructure")
    form = {
        "title": "Soliņi",
        "description": "Desmit soliņi.",
        "theme": process.themes.first().pk,
        "category": category.pk,
        "estimated_cost": "60000",
    }
    response = client.post(url("propose", process), form)
    assert response.status_code == 200
    assert "above the money" in response.content.decode()
    assert not Idea.objects.exists()
    form["estimated_cost"] = "12000.50"
    response = client.post(url("propose", process), form)
    idea = Idea.objects.get()
    assert response.status_code == 302 and idea.author == resident


def test_proposing_needs_an_account(client):
    process = budget("ideas")
    response = client.get(url("propose", process))
    assert response.status_code == 302 and "/portal/login/" in response["Location"]


def test_the_voting_page_offers_the_feasible_projects_with_their_costs(client, resident):
    process = budget("voting")
    a = feasible_idea(process, cost="30000.00", title="Skeitparks")
    client.force_login(resident)
    text = client.get(url("vote", process)).content.decode()
    assert (
        "Skeitparks" in text and 'data-cost="30000.00"' in text and 'data-money="50000.00"' in text
    )
    response = client.post(
        url("vote", process),
        {"ideas": [a.pk], "birth_year": "1990", "resident": "on", "person_code": "120390-10001"},
    )
    assert response.status_code == 302
    assert Ballot.objects.get().voter == resident


def test_a_refused_ballot_says_why_on_the_page(client, resident):
    process = budget("voting")
    a = feasible_idea(process, cost="30000.00")
    b = feasible_idea(process, cost="25000.00")
    client.force_login(resident)
    response = client.post(
        url("vote", process),
        {
            "ideas": [a.pk, b.pk],
            "birth_year": "1990",
            "resident": "on",
            "person_code": "120390-10001",
        },
    )
    assert response.status_code == 200
    assert "more than its money" in response.content.decode()
    response = client.post(
        url("vote", process),
        {"ideas": [a.pk], "birth_year": "2020", "resident": "on", "person_code": "120390-10001"},
    )
    assert "at least 16" in response.content.decode()
    assert not Ballot.objects.exists()


def test_results_show_winners_votes_unspent_and_the_csv_recounts(client, tmp_path):
    from django.core.management import call_command

    process = budget("voting")
    a = feasible_idea(process, cost="30000.00", title="Skeitparks")
    b = feasible_idea(process, cost="25000.00", title="Strūklaka")
    for n, ids in enumerate([[a.pk], [a.pk], [b.pk]]):
        voter = UserFactory(username=f"v{n}")
        services.cast_ballot(process, voter, ids, eligible(voter))
    assert client.get(url("results", process)).status_code == 404
    # Time passes: the results day comes.
    shift = timezone.localdate() - process.results_on
    for name in (
        "ideas_open",
        "ideas_close",
        "check_close",
        "voting_open",
        "voting_close",
        "results_on",
    ):
        setattr(process, name, getattr(process, name) + shift)
    process.save()
    text = client.get(url("results", process)).content.decode()
    assert "Skeitparks" in text and "€20,000.00" in text  # unspent infrastructure money
    response = client.get(url("ballots_csv", process))
    body = b"".join(response.streaming_content).decode()
    assert body.count("\n") == 4
    path = tmp_path / "ballots.csv"
    path.write_text(body)
    from io import StringIO

    out = StringIO()
    call_command("recount_participation", str(path), stdout=out)
    assert f"won  project {a.number}  votes 2  cost 30000.00" in out.getvalue()
    assert f"project {b.number}" not in out.getvalue()


def test_following_an_idea(client, resident):
    process = budget("voting")
    idea = feasible_idea(process)
    client.force_login(resident)
    client.post(url("follow", process, idea.number))
    assert idea.follows.filter(user=resident).exists()
    client.post(url("follow", process, idea.number))
    assert not idea.follows.exists()


def test_the_pages_speak_russian(client):
    process = budget("voting")
    client.cookies["django_language"] = "ru"
    text = client.get(url("process", process)).content.decode()
    assert "Инфраструктура" in text


def test_the_api_lists_the_process_and_its_public_ideas(client):
    process = budget("voting")
    feasible_idea(process, title="Skeitparks")
    out = client.get(f"/api/cases/participation/processes/{process.slug}").json()
    assert out["slug"] == process.slug and out["requires_code"] is False
    ideas = client.get(f"/api/cases/participation/processes/{process.slug}/ideas").json()
    assert [i["title"] for i in ideas] == ["Skeitparks"]
    assert (
        client.get(f"/api/cases/participation/processes/{process.slug}/results").status_code == 404
    )
    assert (
        "/api/cases/participation/processes"
        in client.get("/api/cases/openapi.json").content.decode()
    )
