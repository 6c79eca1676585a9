"""The count, and the anonymised ballots it is made from.

:func:`count_category` is a pure function: given a category's money, the projects with
their cost and votes and the published tie rule, it returns the winners. Per category,
projects are ranked by votes (most first, ties by the rule); each is taken while it fits the
money still left and skipped when it does not; a project nobody voted for never wins.

The same function counts the database (:func:`count_process`) and the published CSV
(:func:`count_csv`, used by ``manage.py recount_participation``), so anyone with the file
gets the published winners. The CSV is self-contained: one row per choice, with the
category's money, the project's number and cost, and the tie rule::

    ballot,category,category_money,project,project_cost,tie_break
    3f0c…,infrastructure,185000.00,12,48500.00,lower_cost
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

LOWER_COST = "lower_cost"
EARLIER_IDEA = "earlier_idea"
TIE_RULES = (LOWER_COST, EARLIER_IDEA)

CSV_HEADER = ["ballot", "category", "category_money", "project", "project_cost", "tie_break"]


@dataclass(frozen=True)
class Project:
    number: int
    cost: Decimal
    votes: int


@dataclass
class CategoryResult:
    code: str
    money: Decimal
    ranked: list[Project] = field(default_factory=list)
    winners: list[Project] = field(default_factory=list)
    skipped: list[Project] = field(default_factory=list)

    @property
    def spent(self) -> Decimal:
        return sum((p.cost for p in self.winners), Decimal("0.00"))

    @property
    def unspent(self) -> Decimal:
        return self.money - self.spent

    @property
    def winner_numbers(self) -> list[int]:
        return [p.number for p in self.winners]


def rank_key(tie_break: str):
    if tie_break not in TIE_RULES:
        raise ValueError(f"unknown tie rule {tie_break!r}")
    if tie_break == LOWER_COST:
        return lambda p: (-p.votes, p.cost, p.number)
    return lambda p: (-p.votes, p.number)


def count_category(
    money: Decimal, projects: Iterable[Project], tie_break: str, code: str = ""
) -> CategoryResult:
    """Projects by votes (ties by ``tie_break``), each taken while it fits what is left."""
    result = CategoryResult(code=code, money=Decimal(money))
    result.ranked = sorted(projects, key=rank_key(tie_break))
    left = result.money
    for project in result.ranked:
        if project.votes <= 0:
            continue
        if project.cost <= left:
            result.winners.append(project)
            left -= project.cost
        else:
            result.skipped.append(project)
    return result


# --- the database ------------------------------------------------------------------------------


def count_process(process) -> list[CategoryResult]:
    """Every category of ``process`` counted from the stored ballots (three queries)."""
    from django.db.models import Count

    from .models import Idea

    votes = dict(
        Idea.objects.filter(process=process, status__in=Idea.BALLOT_STATES)
        .annotate(n=Count("ballot_choices"))
        .values_list("pk", "n")
    )
    ideas = Idea.objects.filter(pk__in=votes).only(
        "pk", "number", "category_id", "cost_estimate", "estimated_cost"
    )
    by_category = defaultdict(list)
    for idea in ideas:
        by_category[idea.category_id].append(
            Project(number=idea.number, cost=idea.ballot_cost, votes=votes[idea.pk])
        )
    return [
        count_category(category.money, by_category[category.pk], process.tie_break, category.code)
        for category in process.categories.all()
    ]


def ballot_rows(process):
    """The anonymised ballots as CSV rows (a generator: the file streams), ordered by the
    ballot's random public id so that the order says nothing about when anyone voted."""
    from .models import BallotChoice, Idea

    costs = {
        idea.pk: idea.ballot_cost
        for idea in Idea.objects.filter(process=process).only(
            "pk", "cost_estimate", "estimated_cost"
        )
    }
    rows = (
        BallotChoice.objects.filter(ballot__process=process, idea__status__in=Idea.BALLOT_STATES)
        .order_by("ballot__public_id", "idea__category__order", "idea__number")
        .values_list(
            "ballot__public_id",
            "idea__category__code",
            "idea__category__money",
            "idea__number",
            "idea_id",
        )
    )
    yield CSV_HEADER
    for public_id, code, money, number, idea_id in rows.iterator(chunk_size=5000):
        yield [
            str(public_id),
            code,
            f"{money:.2f}",
            str(number),
            f"{costs[idea_id]:.2f}",
            process.tie_break,
        ]


# --- the file ---------------------------------------------------------------------------------


class CsvError(ValueError):
    pass


def count_csv(lines: Iterable[str]) -> list[CategoryResult]:
    """Count from the published CSV alone (the recount command's work)."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if header != CSV_HEADER:
        raise CsvError(f"the first line must be {','.join(CSV_HEADER)}")
    votes: dict[str, Counter] = defaultdict(Counter)
    money: dict[str, Decimal] = {}
    costs: dict[tuple[str, int], Decimal] = {}
    seen: set[tuple[str, str, int]] = set()
    tie_rules = set()
    order: list[str] = []
    for line_number, row in enumerate(reader, start=2):
        if len(row) != len(CSV_HEADER):
            raise CsvError(f"line {line_number}: {len(row)} fields, expected {len(CSV_HEADER)}")
        ballot, code, category_money, number, cost, tie = row
        try:
            number = int(number)
            category_money = Decimal(category_money)
            cost = Decimal(cost)
        except (ValueError, ArithmeticError):
            raise CsvError(f"line {line_number}: not a number") from None
        if code not in money:
            order.append(code)
        if money.setdefault(code, category_money) != category_money:
            raise CsvError(f"line {line_number}: category {code} has two amounts of money")
        if costs.setdefault((code, number), cost) != cost:
            raise CsvError(f"line {line_number}: project {number} has two costs")
        if (ballot, code, number) in seen:
            raise CsvError(f"line {line_number}: ballot {ballot} chooses project {number} twice")
        seen.add((ballot, code, number))
        tie_rules.add(tie)
        votes[code][number] += 1
    if len(tie_rules) > 1:
        raise CsvError("the file names more than one tie rule")
    tie = tie_rules.pop() if tie_rules else LOWER_COST
    return [
        count_category(
            money[code],
            [Project(n, costs[(code, n)], v) for n, v in votes[code].items()],
            tie,
            code,
        )
        for code in order
    ]


def to_csv_text(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()
