"""The participatory budget in the case API (``/api/cases/participation/…``, public,
read-only): the published processes with their money and rules, their public ideas, and the
results once published. Registered from ``ParticipationConfig.ready()``; the OpenAPI document
is the case API's own (``/api/cases/openapi.json``). Who voted for what is never here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from kopiena.casework.api.errors import responses
from kopiena.casework.api.types import Slug

from . import counting
from .models import Idea, Process

router = Router(tags=["participatory budget"])


class CategoryOut(Schema):
    code: str
    name: str
    money: Decimal


class ProcessOut(Schema):
    slug: str
    title: str
    municipality: str
    year: int
    total: Decimal
    reserve: Decimal
    phase: str
    ballot_type: str
    max_choices: int
    min_age: int
    requires_code: bool
    tie_break: str
    rules: str
    ideas_open: dt.date
    ideas_close: dt.date
    check_close: dt.date
    voting_open: dt.date
    voting_close: dt.date
    results_on: dt.date
    delivery_until: dt.date
    categories: list[CategoryOut]


class IdeaOut(Schema):
    number: int
    title: str
    description: str
    theme: str
    category: str
    status: str
    estimated_cost: Decimal
    cost_estimate: Decimal | None
    public_reason: str
    latitude: Decimal | None
    longitude: Decimal | None
    delivery_percent: int


class ProjectOut(Schema):
    number: int
    cost: Decimal
    votes: int
    won: bool


class CategoryResultOut(Schema):
    category: str
    money: Decimal
    spent: Decimal
    unspent: Decimal
    projects: list[ProjectOut]


def _process_out(process) -> dict:
    data = {
        name: getattr(process, name)
        for name in ProcessOut.model_fields
        if name not in ("municipality", "phase", "categories")
    }
    data["municipality"] = process.municipality.name
    data["phase"] = process.phase()
    data["categories"] = [
        {"code": c.code, "name": c.display_name, "money": c.money} for c in process.categories.all()
    ]
    return data


@router.get(
    "/processes",
    auth=None,
    response=responses(list[ProcessOut]),
    operation_id="participation_processes",
    url_name="participation_processes",
)
def processes(request):
    """The published participatory budgets, the latest year first."""
    qs = Process.objects.published().for_listing().prefetch_related("categories")[:100]
    return [_process_out(p) for p in qs]


def _published(slug):
    return get_object_or_404(Process.objects.published().select_related("municipality"), slug=slug)


@router.get(
    "/processes/{slug}",
    auth=None,
    response=responses(ProcessOut, 404),
    operation_id="participation_process",
    url_name="participation_process",
)
def process_detail(request, slug: Slug):
    return _process_out(_published(slug))


@router.get(
    "/processes/{slug}/ideas",
    auth=None,
    response=responses(list[IdeaOut], 404),
    operation_id="participation_ideas",
    url_name="participation_ideas",
)
def ideas(request, slug: Slug):
    """The public ideas (checked by the municipality) of a budget."""
    process = _published(slug)
    qs = Idea.objects.filter(process=process).public().for_listing()[:1000]
    return [
        {
            "number": i.number,
            "title": i.title,
            "description": i.description,
            "theme": i.theme.display_name,
            "category": i.category.code,
            "status": i.status,
            "estimated_cost": i.estimated_cost,
            "cost_estimate": i.cost_estimate,
            "public_reason": i.public_reason,
            "latitude": i.latitude,
            "longitude": i.longitude,
            "delivery_percent": i.delivery_percent,
        }
        for i in qs
    ]


@router.get(
    "/processes/{slug}/results",
    auth=None,
    response=responses(list[CategoryResultOut], 404),
    operation_id="participation_results",
    url_name="participation_results",
)
def results(request, slug: Slug):
    """The count per category once the results are public (404 before)."""
    process = _published(slug)
    if not process.results_public():
        from django.http import Http404

        raise Http404
    out = []
    for result in counting.count_process(process):
        won = set(result.winner_numbers)
        out.append(
            {
                "category": result.code,
                "money": result.money,
                "spent": result.spent,
                "unspent": result.unspent,
                "projects": [
                    {"number": p.number, "cost": p.cost, "votes": p.votes, "won": p.number in won}
                    for p in result.ranked
                ],
            }
        )
    return out
