"""The three-year evaluation (seed 002: "novērtējums reizi 3 gados"): three years of a
municipality or a region side by side, each year's figures from its published annual report
(frozen), changes from one year to the next highlighted with an arrow, the change in words
("better", "worse") where the direction matters, never by colour alone.

On the site only published reports count; in the admin a year without a published report
shows its live figures, marked "not published".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .presentation import _label, _value, change_between, format_value
from .snapshot import build


@dataclass
class YearColumn:
    year: int
    source: str  # "published", "live", "missing"
    report: object = None
    taken_at: str | None = None
    has_data: bool = True

    @property
    def source_label(self):
        return {
            "published": _("published report"),
            "live": _("live figures, not published"),
            "missing": _("no published report"),
        }[self.source]


@dataclass
class Comparison:
    name: str
    years: list[YearColumn]
    rows: list[dict] = field(default_factory=list)


def _published(scope_kind, pk, years):
    from .models import AnnualReport, ReportStatus

    lookup = {"municipality_id": pk} if scope_kind == "m" else {"region_id": pk}
    return {
        report.year: report
        for report in AnnualReport.objects.filter(
            status=ReportStatus.PUBLISHED, year__in=years, **lookup
        ).select_related("page")
    }


def three_year_comparison(scope, year, *, live: bool) -> Comparison:
    years = [year - 2, year - 1, year]
    published = _published(scope.kind, scope.pk, years)
    columns, datasets = [], {}
    for y in years:
        report = published.get(y)
        if report is not None and report.snapshot:
            columns.append(YearColumn(y, "published", report, report.snapshot.get("taken_at")))
            datasets[y] = report.snapshot
        elif live:
            data = build(scope, y, with_municipalities=False)
            columns.append(YearColumn(y, "live", has_data=y in data["data_years"]))
            datasets[y] = data
        else:
            columns.append(YearColumn(y, "missing", has_data=False))
    for column in columns:
        if column.source == "published":
            column.has_data = column.year in datasets[column.year].get("data_years", [column.year])
    return Comparison(name=scope.name, years=columns, rows=_rows(columns, datasets))


def _rows(columns, datasets):
    language = (translation.get_language() or "lv")[:2]
    reference = next((datasets[c.year] for c in reversed(columns) if c.year in datasets), None)
    if reference is None:
        return []
    rows = []
    for indicator in reference["indicators"]:
        if indicator.get("group") or not indicator.get("main", True):
            continue
        cells, previous = [], None
        for column in columns:
            data = datasets.get(column.year)
            value = None
            if data is not None and column.has_data:
                value = _value(data["totals"].get(indicator["key"], {}).get(str(column.year)))
            change = change_between(previous, value, indicator["unit"], indicator.get("better"))
            cells.append(
                {
                    "value": value,
                    "display": format_value(value, indicator["unit"]) if column.has_data else "",
                    "change": change,
                    "measured": column.has_data,
                }
            )
            previous = value
        rows.append(
            {
                "key": indicator["key"],
                "question": indicator["question"],
                "label": _label(indicator, language),
                "cells": cells,
            }
        )
    return rows


def published_comparison(index_page, slug, last):
    """The public three-year view: published reports only, of the municipality or region
    ``slug``; ``None`` when the place has no published report under ``index_page``."""
    from kopiena.casework.models import Municipality, PlanningRegion

    from .scope import scope_of

    place = Municipality.objects.filter(slug=slug).first()
    scope = scope_of(municipality=place) if place else None
    if scope is None:
        region = PlanningRegion.objects.filter(slug=slug).first()
        scope = scope_of(region=region) if region else None
    if scope is None:
        return None
    comparison = three_year_comparison(scope, last, live=False)
    if not any(c.source == "published" for c in comparison.years):
        return None
    return comparison
