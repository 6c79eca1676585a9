"""The count: by votes, each project taken while it fits, skipped when it does not, ties by
the published rule; the same winners from the database and from the published CSV."""

from decimal import Decimal

import pytest

from kopiena.participation.counting import (
    CsvError,
    Project,
    count_category,
    count_csv,
    count_process,
)

D = Decimal


def test_projects_are_taken_by_votes_while_the_money_lasts():
    projects = [
        Project(1, D("40000"), 300),
        Project(2, D("30000"), 250),  # does not fit the 10 000 left: skipped
        Project(3, D("8000"), 200),
        Project(4, D("2500"), 10),  # 2 000 left: skipped
        Project(5, D("2000"), 5),
    ]
    result = count_category(D("50000"), projects, "lower_cost")
    assert result.winner_numbers == [1, 3, 5]
    assert [p.number for p in result.skipped] == [2, 4]
    assert result.spent == D("50000")
    assert result.unspent == D("0")


def test_a_project_nobody_voted_for_never_wins():
    result = count_category(D("100"), [Project(1, D("10"), 0)], "lower_cost")
    assert result.winners == []


@pytest.mark.parametrize(
    ("rule", "first"),
    [("lower_cost", 7), ("earlier_idea", 3)],
)
def test_ties_break_by_the_published_rule(rule, first):
    projects = [Project(3, D("900"), 10), Project(7, D("500"), 10)]
    result = count_category(D("1000"), projects, rule)
    assert result.winner_numbers == [first]


def test_an_unknown_tie_rule_is_refused():
    with pytest.raises(ValueError):
        count_category(D("1"), [], "coin")


def test_the_csv_gives_the_count_of_its_rows():
    text = "\n".join(
        [
            "ballot,category,category_money,project,project_cost,tie_break",
            "a,infra,100.00,1,60.00,lower_cost",
            "b,infra,100.00,1,60.00,lower_cost",
            "b,infra,100.00,2,50.00,lower_cost",
            "c,infra,100.00,3,40.00,lower_cost",
            "c,ev,10.00,9,10.00,lower_cost",
        ]
    )
    (infra, events) = count_csv(text.splitlines())
    assert infra.winner_numbers == [1, 3]
    assert [p.number for p in infra.skipped] == [2]
    assert events.winner_numbers == [9]


@pytest.mark.parametrize(
    "lines",
    [
        ["ballot,wrong"],
        ["ballot,category,category_money,project,project_cost,tie_break", "a,x,1,1,1"],
        ["ballot,category,category_money,project,project_cost,tie_break", "a,x,1,one,1,lower_cost"],
        [
            "ballot,category,category_money,project,project_cost,tie_break",
            "a,x,1,1,1,lower_cost",
            "a,x,1,1,1,lower_cost",
        ],
        [
            "ballot,category,category_money,project,project_cost,tie_break",
            "a,x,1,1,1,lower_cost",
            "b,x,1,1,2,lower_cost",
        ],
    ],
)
def test_a_damaged_csv_is_refused_with_the_line(lines):
    with pytest.raises(CsvError):
        count_csv(lines)


@pytest.mark.django_db
def test_the_database_count_and_the_csv_agree(voting, resident):
    from kopiena.participation import counting, services
    from tests.factories import UserFactory, eligible, feasible_idea

    a = feasible_idea(voting, cost="30000.00")
    b = feasible_idea(voting, cost="25000.00")
    c = feasible_idea(voting, cost="15000.00")
    e = feasible_idea(voting, "events", cost="4000.00")
    for n, choice in enumerate([[a, e], [a], [b, c], [b], [b], [b], [c, e], [a, c]]):
        user = UserFactory(username=f"balsotajs{n}")
        services.cast_ballot(voting, user, [i.pk for i in choice], eligible(user))
    results = {r.code: r.winner_numbers for r in count_process(voting)}
    assert results == {"infrastructure": [b.number, c.number], "events": [e.number]}
    text = counting.to_csv_text(counting.ballot_rows(voting))
    assert {r.code: r.winner_numbers for r in count_csv(text.splitlines())} == results
    assert text.startswith("ballot,category,category_money,project,project_cost,tie_break\n")
    assert "u:" not in text  # the voter's key never leaves the database
