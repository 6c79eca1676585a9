"""The figures of a scope (a municipality or a region) for a year and the two before it, as
one JSON-serialisable dict: the dashboard shows it live, the annual report freezes it at
publication (:func:`freeze`), the page, the page API, the PDF and the open data read the
frozen copy. Indicator labels are kept in every language at that moment, so a later rename
in the code does not rewrite a published report.

``build`` costs a fixed number of queries whatever the number of cases or municipalities:
each provider's grouped aggregates, the same per target group, and the survey summaries.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation

from kopiena.casework.models import TargetGroup

from .registry import Figure, indicators, providers
from .scope import Scope

VERSION = 1
LANGUAGES = ("lv", "ru", "en")


def _languages():
    codes = {code for code, _name in settings.LANGUAGES}
    return [code for code in LANGUAGES if code in codes] or [settings.LANGUAGE_CODE]


def _labels(text) -> dict:
    result = {}
    for code in _languages():
        with translation.override(code):
            result[code] = str(text)
    return result


def indicator_list() -> list[dict]:
    result = []
    for provider in providers():
        for indicator in provider.indicators():
            result.append(
                {
                    "key": indicator.key,
                    "provider": provider.key,
                    "question": indicator.question,
                    "unit": indicator.unit,
                    "better": indicator.better,
                    "group": indicator.group,
                    "main": indicator.main,
                    "by_target_group": indicator.by_target_group,
                    "labels": _labels(indicator.label),
                    "help": _labels(indicator.help_text) if indicator.help_text else {},
                }
            )
    return result


def empty(indicator) -> Figure:
    """No cases: 0 for a count or a sum, "not measured" for a ratio or a mean."""
    return Figure(den=0 if indicator.is_ratio else None)


def build(scope: Scope, year: int, *, with_municipalities: bool | None = None) -> dict:
    """Every indicator for ``scope`` in ``year`` and the two years before it."""
    years = [year - 2, year - 1, year]
    ids = scope.municipality_ids
    if with_municipalities is None:
        with_municipalities = scope.is_region
    known = indicators()
    activity = {key for provider in providers() for key in provider.activity_keys}

    per_municipality: dict[tuple[int, int], dict[str, Figure]] = defaultdict(dict)
    by_group: dict[tuple[int, int], dict[str, Figure]] = defaultdict(dict)
    for provider in providers():
        for key, figures in provider.compute(ids, years).items():
            per_municipality[key].update(figures)
        for key, figures in provider.compute_by_target_group(ids, [year]).items():
            by_group[key].update(figures)

    totals: dict[str, dict[str, dict]] = {}
    for key, indicator in known.items():
        row = {}
        for y in years:
            figure = empty(indicator)
            for pk in ids:
                part = per_municipality.get((pk, y), {}).get(key)
                if part is not None:
                    figure = figure + part
            row[str(y)] = figure.as_json(indicator.unit, recorded_only=indicator.recorded_only)
        totals[key] = row

    data_years = [
        y
        for y in years
        if any(
            per_municipality.get((pk, y), {}).get(key, Figure()).cases
            for pk in ids
            for key in activity
        )
    ]

    municipalities = {}
    if with_municipalities:
        for pk, slug, name in scope.municipalities:
            figures = per_municipality.get((pk, year), {})
            municipalities[slug] = {
                "name": name,
                "has_data": any(figures.get(key, Figure()).cases for key in activity),
                "figures": {
                    key: figures.get(key, empty(ind)).as_json(
                        ind.unit, recorded_only=ind.recorded_only
                    )
                    for key, ind in known.items()
                    if ind.main and not ind.group
                },
            }

    groups = {}
    if by_group:
        names = dict(
            TargetGroup.objects.filter(pk__in={pk for pk, _y in by_group}).values_list("pk", "name")
        )
        region_counts = _region_counts(scope)
        for (pk, _y), figures in sorted(
            by_group.items(), key=lambda item: names.get(item[0][0], "")
        ):
            groups[str(pk)] = {
                "name": names.get(pk, ""),
                "people_count": region_counts.get(pk),
                "figures": {key: f.as_json(known[key].unit) for key, f in figures.items()},
            }

    return {
        "version": VERSION,
        "taken_at": None,
        "year": year,
        "years": years,
        "scope": {
            "kind": scope.kind,
            "slug": scope.slug,
            "name": scope.name,
            "municipalities": [{"slug": s, "name": n} for _pk, s, n in scope.municipalities],
        },
        "indicators": indicator_list(),
        "totals": totals,
        "data_years": data_years,
        "by_municipality": municipalities,
        "by_target_group": groups,
        "surveys": survey_summaries(ids, year),
    }


def _region_counts(scope: Scope) -> dict[int, int]:
    if not scope.is_region:
        return {}
    from .models import RegionTargetGroup

    return dict(
        RegionTargetGroup.objects.filter(
            region_id=scope.pk, people_count__isnull=False
        ).values_list("target_group_id", "people_count")
    )


def survey_summaries(municipality_ids, year) -> list[dict]:
    """Per survey answered in ``year``: responses, and per question the count, the average
    (scale) and the count of each value or choice. Three queries."""
    from .models import Answer, Question, QuestionKind, Response, Survey

    responses = dict(
        Response.objects.filter(
            survey__municipality_id__in=municipality_ids, submitted_at__year=year
        )
        .order_by()
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    if not responses:
        return []
    surveys = list(
        Survey.objects.filter(pk__in=list(responses)).select_related("municipality").order_by("pk")
    )
    questions = list(
        Question.objects.filter(survey_id__in=list(responses)).order_by(
            "survey_id", "sort_order", "pk"
        )
    )
    counts = defaultdict(dict)
    for row in (
        Answer.objects.filter(
            question__survey_id__in=list(responses),
            response__submitted_at__year=year,
            number__isnull=False,
        )
        .order_by()
        .values("question_id", "number")
        .annotate(n=Count("pk"))
    ):
        counts[row["question_id"]][row["number"]] = row["n"]
    result = []
    for survey in surveys:
        items = []
        for question in (q for q in questions if q.survey_id == survey.pk):
            values = counts.get(question.pk, {})
            item = {
                "text": question.text,
                "kind": question.kind,
                "indicator": question.indicator,
                "answers": sum(values.values()),
            }
            if question.kind == QuestionKind.SCALE:
                total = sum(number * n for number, n in values.items())
                answered = sum(values.values())
                item["average"] = str(round(total / answered, 1)) if answered else None
                item["distribution"] = [values.get(v, 0) for v in range(1, 11)]
            elif question.is_choice:
                item["choices"] = [
                    {"label": label, "count": values.get(index, 0)}
                    for index, label in enumerate(question.choice_list("lv"))
                ]
            items.append(item)
        result.append(
            {
                "id": survey.pk,
                "title": survey.title,
                "municipality": survey.municipality.name,
                "responses": responses[survey.pk],
                "questions": items,
            }
        )
    return result


def freeze(scope: Scope, year: int) -> dict:
    """``build`` with the moment it was taken: what a published report keeps."""
    data = build(scope, year, with_municipalities=scope.is_region)
    data["taken_at"] = timezone.now().isoformat()
    return data
