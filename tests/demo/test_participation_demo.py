"""The demo's participatory budgets: Liepāja's round of seed 001 to the cent (themes, dates,
winners per category, reserve), a recount from the published CSV giving the same winners,
a current round with voting open and one taking ideas; a second load changes nothing."""

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.data import participation as demo
from kopiena.participation import counting
from kopiena.participation.models import Idea, Process
from tests.participation.conftest import _english  # noqa: F401 (autouse: messages in English)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    demo.load(io.StringIO())
    return Process.objects.get(slug=demo.LIEPAJA_SLUG)


def test_liepajas_round_has_the_seeds_figures_to_the_cent(loaded):
    process = loaded
    assert (process.voting_open, process.voting_close) == (
        dt.date(2025, 5, 19),
        dt.date(2025, 6, 1),
    )
    counts = Counter(process.ideas.values_list("theme__name", flat=True))
    assert [counts[name] for name, _ru, _en, _n in demo.THEMES] == [n for *_x, n in demo.THEMES]
    assert sum(counts.values()) == 43
    results = {r.code: r for r in counting.count_process(process)}
    assert len(results["infrastructure"].winners) == 6
    assert results["infrastructure"].spent == Decimal("184937.53")
    assert len(results["events"].winners) == 6
    assert results["events"].spent == Decimal("50264.00")
    assert sum(r.spent for r in results.values()) == Decimal("235201.53")
    assert process.reserve == Decimal("22024.47")
    assert process.money_figures()["reserve_left"] == Decimal("22024.47")
    # one project shows the rule: third by votes, skipped because it did not fit
    assert [p.cost for p in results["infrastructure"].skipped][0] == Decimal("98000.00")
    winners = set(
        Idea.objects.filter(process=process, status__in=Idea.WINNING_STATES).values_list(
            "number", flat=True
        )
    )
    assert winners == {n for r in results.values() for n in r.winner_numbers}


def test_the_published_csv_recounts_to_the_same_winners(loaded, client, tmp_path):
    body = b"".join(
        client.get(reverse("participation:ballots_csv", args=[loaded.slug])).streaming_content
    )
    path = tmp_path / "ballots.csv"
    path.write_bytes(body)
    out = io.StringIO()
    call_command("recount_participation", str(path), stdout=out)
    assert "winners 184937.53" in out.getvalue()
    assert "winners 50264.00" in out.getvalue()
    assert "total 235201.53" in out.getvalue()


def test_the_results_page_shows_the_figures(loaded, client):
    text = client.get(reverse("participation:results", args=[loaded.slug])).content.decode()
    assert "184\u00a0937,53\u00a0€" in text and "50\u00a0264,00\u00a0€" in text
    assert "235\u00a0201,53\u00a0€" in text and "22\u00a0024,47\u00a0€" in text


def test_a_current_round_votes_and_another_takes_ideas(loaded):
    voting = Process.objects.exclude(pk=loaded.pk).get(municipality__slug="liepaja")
    assert voting.voting_is_open() and voting.ideas.on_ballot().count() == 7
    ideas = Process.objects.get(municipality__slug="daugavpils")
    assert ideas.accepts_ideas() and ideas.ideas.count() == 1


def test_a_second_load_changes_nothing(loaded):
    before = (Process.objects.count(), Idea.objects.count(), loaded.ballots.count())
    demo.load(io.StringIO())
    assert (Process.objects.count(), Idea.objects.count(), loaded.ballots.count()) == before


def _load_on(monkeypatch, day):
    """Load the demo as if on ``day`` (every "today" of the code reads this one)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    demo.load(io.StringIO())


@pytest.mark.parametrize(
    "day", [dt.date(2026, 12, 5), dt.date(2031, 1, 2), dt.date(2025, 12, 20), dt.date(2028, 2, 29)]
)
def test_the_current_rounds_are_open_on_whatever_day_the_demo_is_loaded(monkeypatch, day):
    _load_on(monkeypatch, day)
    seed = Process.objects.get(slug=demo.LIEPAJA_SLUG)
    voting = Process.objects.exclude(pk=seed.pk).get(municipality__slug="liepaja")
    ideas = Process.objects.get(municipality__slug="daugavpils")
    assert voting.voting_is_open(day) and voting.ideas.on_ballot().count() == 7
    assert ideas.accepts_ideas(day) and ideas.phase(day) == "ideas"
    assert voting.year != 2025 and ideas.year == voting.year
    # the seed round keeps the seed's dates and figures, whatever the day
    assert (seed.voting_open, seed.voting_close) == (dt.date(2025, 5, 19), dt.date(2025, 6, 1))
    results = {r.code: r.spent for r in counting.count_process(seed)}
    assert results == {"infrastructure": Decimal("184937.53"), "events": Decimal("50264.00")}
    assert seed.reserve == Decimal("22024.47")


def test_a_later_load_moves_the_current_rounds_to_that_day(monkeypatch):
    _load_on(monkeypatch, dt.date(2026, 12, 5))
    counts = (Process.objects.count(), Idea.objects.count())
    later = dt.date(2027, 4, 20)
    _load_on(monkeypatch, later)
    assert (Process.objects.count(), Idea.objects.count()) == counts
    seed = Process.objects.get(slug=demo.LIEPAJA_SLUG)
    voting = Process.objects.exclude(pk=seed.pk).get(municipality__slug="liepaja")
    assert voting.voting_is_open(later) and voting.voting_open == later - dt.timedelta(days=3)
    assert Process.objects.get(municipality__slug="daugavpils").accepts_ideas(later)
    assert seed.voting_open == dt.date(2025, 5, 19) and seed.results_on == dt.date(2025, 6, 10)


def test_a_delivered_winner_shows_its_photo_in_public(loaded, client):
    idea = loaded.ideas.get(status="delivered")
    assert idea.delivery_photos.count() == 1
    text = client.get(
        reverse("participation:idea", args=[loaded.slug, idea.number])
    ).content.decode()
    assert "Celiņi izgaismoti" in text and "100 %" in text
