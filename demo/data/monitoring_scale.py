"""Monitoring's scale data for the benchmark (``bench/monitoring.py``): a planning region of
21 generated municipalities (seed 002's Latgale count), a regional coordinator over it, and
participant surveys with responses in its municipalities. Run after
``generate_scale_data``; recognisable by the slug ``scale-region`` and survey titles
ending ``(SC)``; a second run tops up instead of duplicating."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from kopiena.casework.models import Municipality, PlanningRegion
from kopiena.casework.roles import Role
from kopiena.grants.models import RIGA
from kopiena.monitoring.models import (
    AnnualReport,
    Answer,
    MonitoringAccess,
    Response,
    Survey,
    SurveyLink,
)
from kopiena.monitoring.survey_templates import create_from_template

from .scale import bulk

REGION_SIZE = 21
COORDINATOR = "scale-regkoordinators"
MARK = "(SC)"


def region() -> PlanningRegion:
    """The generated region: the 21 municipalities with the most applications' ids first
    (the scale municipalities, in id order)."""
    found, _ = PlanningRegion.objects.get_or_create(
        slug="scale-region", defaults={"name": "Reģions (mērogs, 21 pašvaldība)"}
    )
    ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True)[:REGION_SIZE])
    Municipality.objects.filter(pk__in=ids).update(planning_region=found)
    return found


def coordinator(area: PlanningRegion) -> User:
    user, created = User.objects.get_or_create(
        username=COORDINATOR,
        defaults={"is_staff": True, "password": make_password(None), "first_name": "Reģions"},
    )
    user.groups.add(Group.objects.get(name=Role.REGIONAL_COORDINATORS))
    MonitoringAccess.objects.get_or_create(user=user, region=area)
    return user


def generate_surveys(total: int, *, responses: int, seed: int) -> int:
    """Top up the generated surveys to ``total``, each with ``responses`` responses to the
    template's ten questions, in the region's municipalities, answered in 2019–2025."""
    area = region()
    places = list(area.municipalities.order_by("pk"))
    existing = Survey.objects.filter(title__endswith=MARK).count()
    for n in range(existing, total):
        r = random.Random(f"{seed}:survey:{n}")
        survey = create_from_template(
            municipality=places[n % len(places)], title=f"Aptauja {n + 1} {MARK}"
        )
        Survey.objects.filter(pk=survey.pk).update(status="open")
        link = SurveyLink.objects.create(survey=survey, label="WhatsApp")
        questions = list(survey.questions.all())
        year = 2019 + n % 7
        rows = bulk(
            Response,
            [
                Response(
                    survey=survey,
                    link=link,
                    language=r.choice(["lv", "lv", "ru"]),
                    submitted_at=dt.datetime(year, 5, 1 + i % 28, 18, tzinfo=RIGA),
                    device_hash=f"{survey.pk}-{i}",
                )
                for i in range(responses)
            ],
        )
        answers = []
        for row in rows:
            for question in questions:
                if question.kind == "scale":
                    answers.append(Answer(response=row, question=question, number=r.randint(4, 10)))
                elif question.kind in ("single", "multiple"):
                    answers.append(Answer(response=row, question=question, number=0))
        bulk(Answer, answers)
    return max(total - existing, 0)


def draft_report(area: PlanningRegion, year: int, user) -> AnnualReport:
    report, _ = AnnualReport.objects.get_or_create(
        region=area,
        year=year,
        defaults={
            "title": f"{area.name}: {year}. gada pārskats",
            "summary": "<p>Mēroga pārbaudes pārskats.</p>",
            "created_by": user,
        },
    )
    return report
