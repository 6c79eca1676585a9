"""From a figures dict (``snapshot.build`` live, or a report's frozen copy) to what a page
shows: the tables of the four questions with formatted values, the change from the year
before, the comparison of municipalities and the charts' series.

Formatting follows the language: ``1 234,50 €`` and ``85,0 %`` in Latvian and Russian,
``€1,234.50`` and ``85.0 %`` in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from kopiena.grants.money import NBSP, format_eur

from .registry import DAYS, EUR, PERCENT, QUESTIONS, SCORE


def _comma() -> bool:
    return not (translation.get_language() or "lv").startswith("en")


def format_number(value, places: int = 0) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value:,.{places}f}"
    if _comma():
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def format_value(value, unit: str) -> str:
    """A figure as a person reads it; an em dash when nothing was measured."""
    if value is None:
        return "—"
    value = Decimal(value)
    if unit == EUR:
        return format_eur(value)
    if unit == PERCENT:
        return f"{format_number(value, 1)}{NBSP}%"
    if unit in (DAYS, SCORE):
        return format_number(value, 1)
    return format_number(value, 0)


def _label(indicator: dict, language: str) -> str:
    labels = indicator.get("labels", {})
    return labels.get(language) or labels.get("lv") or indicator["key"]


def _value(figure: dict | None):
    if not figure or figure.get("value") is None:
        return None
    return Decimal(figure["value"])


@dataclass
class Cell:
    year: int
    value: Decimal | None
    display: str
    cases: int
    url: str = ""
    measured: bool = True


@dataclass
class Change:
    display: str
    direction: str  # "up", "down", "same"
    verdict: str = ""  # "better", "worse" or ""
    verdict_label: str = ""


@dataclass
class Row:
    key: str
    label: str
    help: str
    unit: str
    better: str | None
    cells: list[Cell]
    change: Change | None = None
    group: str = ""

    @property
    def last(self) -> Cell:
        return self.cells[-1]


@dataclass
class Table:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)
    groups: list[tuple[str, list[Row]]] = field(default_factory=list)


def change_between(before, after, unit: str, better: str | None) -> Change | None:
    if before is None or after is None:
        return None
    difference = after - before
    if difference == 0:
        return Change(display="=", direction="same")
    direction = "up" if difference > 0 else "down"
    arrow = "▲" if difference > 0 else "▼"
    sign = "+" if difference > 0 else "−"
    if unit == PERCENT:
        display = f"{arrow} {sign}{format_number(abs(difference), 1)}{NBSP}{_('p.p.')}"
    elif before:
        display = f"{arrow} {sign}{format_number(abs(difference) / abs(before) * 100, 0)}{NBSP}%"
    else:
        display = f"{arrow} {sign}{format_value(abs(difference), unit)}"
    verdict = ""
    if better:
        verdict = "better" if direction == better else "worse"
    labels = {"better": _("better"), "worse": _("worse")}
    return Change(
        display=display, direction=direction, verdict=verdict, verdict_label=labels.get(verdict, "")
    )


def tables(data: dict, *, url_for=None, language: str | None = None, main_only: bool = False):
    """The five question tables of ``data``; ``url_for(key, year)`` gives each figure's
    link to its cases (the dashboard), or nothing (a published report)."""
    language = (language or translation.get_language() or "lv")[:2]
    years = data["years"]
    data_years = set(data.get("data_years", years))
    group_labels = {
        "grants": _("Applications by state"),
        "community": _("Initiatives by state"),
    }
    result = {key: Table(key=key, label=str(label)) for key, label in QUESTIONS}
    groups: dict[tuple[str, str], list[Row]] = {}
    for indicator in data["indicators"]:
        if main_only and not indicator.get("main", True):
            continue
        figures = data["totals"].get(indicator["key"], {})
        cells = []
        for year in years:
            figure = figures.get(str(year))
            value = _value(figure)
            measured = year in data_years
            cells.append(
                Cell(
                    year=year,
                    value=value if measured else None,
                    display=format_value(value, indicator["unit"]) if measured else "",
                    cases=(figure or {}).get("cases", 0),
                    url=url_for(indicator["key"], year)
                    if url_for and measured and (figure or {}).get("cases")
                    else "",
                    measured=measured,
                )
            )
        row = Row(
            key=indicator["key"],
            label=_label(indicator, language),
            help=(indicator.get("help") or {}).get(language, ""),
            unit=indicator["unit"],
            better=indicator.get("better"),
            cells=cells,
            change=change_between(
                cells[-2].value, cells[-1].value, indicator["unit"], indicator.get("better")
            ),
            group=indicator.get("group", ""),
        )
        if row.group:
            groups.setdefault((indicator["question"], indicator["provider"]), []).append(row)
        else:
            result[indicator["question"]].rows.append(row)
    for (question, provider), rows in groups.items():
        result[question].groups.append((str(group_labels.get(provider, provider)), rows))
    return [table for table in result.values() if table.rows or table.groups]


def municipality_comparison(data: dict, keys: list[str] | None = None, language=None):
    """Rows per municipality of a region for ``data["year"]``: ``(name, has_data, cells)``
    and the columns ``[(key, label, unit)]``."""
    language = (language or translation.get_language() or "lv")[:2]
    indicators = {i["key"]: i for i in data["indicators"]}
    columns = [
        (key, _label(indicators[key], language), indicators[key]["unit"])
        for key in (keys or COMPARISON_KEYS)
        if key in indicators
    ]
    rows = []
    for slug, item in data.get("by_municipality", {}).items():
        cells = []
        for key, _label_text, unit in columns:
            value = _value(item["figures"].get(key))
            cells.append(
                {
                    "key": key,
                    "value": value,
                    "display": format_value(value, unit) if item["has_data"] else "",
                }
            )
        rows.append(
            {"slug": slug, "name": item["name"], "has_data": item["has_data"], "cells": cells}
        )
    return columns, rows


#: The figures a regional coordinator compares municipalities by, unless they choose.
COMPARISON_KEYS = [
    "grants.applications",
    "grants.approved",
    "grants.decided_on_time",
    "grants.participants",
    "community.initiatives",
    "community.events",
    "community.participants",
    "community.satisfaction",
    "surveys.responses",
]

#: The figures drawn as trend charts on the dashboard and in the report.
TREND_KEYS = [
    "grants.applications",
    "grants.approved",
    "community.initiatives",
    "community.events",
]


def present_snapshot(data: dict, language: str | None = None) -> dict:
    """Everything a published report's page and PDF show, from its frozen figures."""
    from . import charts

    if not data:
        return {}
    with translation.override(language or translation.get_language()):
        question_tables = tables(data, language=language)
        columns, rows = municipality_comparison(data, language=language)
        return {
            "tables": question_tables,
            "charts": charts.trend_charts(data, TREND_KEYS, language=language),
            "comparison_columns": columns,
            "comparison_rows": rows,
            "comparison_charts": charts.comparison_charts(
                data, ["grants.approved", "community.participants"], language=language
            )
            if rows
            else [],
            "target_groups": target_group_rows(data, language=language),
            "surveys": localised_surveys(data.get("surveys", [])),
            "years": data["years"],
            "year": data["year"],
            "data_years": data.get("data_years", []),
            "no_data_years": [y for y in data["years"] if y not in data.get("data_years", [])],
            "taken_at": data.get("taken_at"),
            "taken_at_display": _moment(data.get("taken_at")),
            "scope": data["scope"],
        }


TARGET_GROUP_KEYS = [
    "grants.applications",
    "grants.funded",
    "grants.approved",
    "grants.participants",
]


def target_group_rows(data: dict, language=None):
    language = (language or translation.get_language() or "lv")[:2]
    indicators = {i["key"]: i for i in data["indicators"]}
    columns = [
        (key, _label(indicators[key], language), indicators[key]["unit"])
        for key in TARGET_GROUP_KEYS
        if key in indicators
    ]
    rows = []
    for pk, item in data.get("by_target_group", {}).items():
        rows.append(
            {
                "pk": pk,
                "name": item["name"],
                "people_count": format_number(item["people_count"])
                if item.get("people_count")
                else "",
                "cells": [
                    {"key": key, "display": format_value(_value(item["figures"].get(key)), unit)}
                    for key, _l, unit in columns
                ],
            }
        )
    return {"columns": columns, "rows": rows}


def localised_surveys(surveys: list[dict]) -> list[dict]:
    """The survey summaries with their averages written as the language writes them."""
    result = []
    for survey in surveys:
        questions = [
            {**item, "average": format_number(Decimal(item["average"]), 1)}
            if item.get("average") is not None
            else item
            for item in survey.get("questions", [])
        ]
        result.append({**survey, "questions": questions})
    return result


def _moment(iso: str | None) -> str:
    if not iso:
        return ""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(iso)
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""
