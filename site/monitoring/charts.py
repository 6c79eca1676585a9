"""Charts drawn on the server as SVG, so they show without JavaScript and in the PDF.

The visible title is the figure's caption in the page (it wraps in any language); the SVG
carries it as its accessible name.

Two kinds: a column chart of one figure over the report's three years, and a bar chart of
one figure across a region's municipalities. Each SVG is ``role="img"`` with a ``<title>``
and a ``<desc>`` that say what it shows, writes every value as text beside its bar, and
comes with the same numbers as a table in the page. A year without data is drawn as a
labelled gap, never as a zero bar.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .presentation import _label, _value, format_value

COLOUR = "#1f5f8b"
MUTED = "#5b6770"
GRID = "#d5dbe0"
FONT = "font-family:'DejaVu Sans',Arial,sans-serif"
_ids = itertools.count(1)


def _text(x, y, content, *, size=11, anchor="middle", colour=MUTED, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{colour}" font-weight="{weight}" style="{FONT}">{escape(content)}</text>'
    )


def column_chart(
    title: str, points: list[tuple[str, Decimal | None, str]], *, width=300, height=190
):
    """Columns for ``[(label, value or None, displayed value)]``."""
    number = next(_ids)
    values = [v for _l, v, _d in points if v is not None]
    top = max([abs(v) for v in values] + [Decimal(0)])
    left, right, bottom, head = 12, 12, 28, 20
    plot_height = height - bottom - head
    slot = (width - left - right) / max(len(points), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart{number}t chart{number}d" '
        f'class="kopiena-chart">',
        f'<title id="chart{number}t">{escape(title)}</title>',
        f'<desc id="chart{number}d">'
        + escape("; ".join(f"{label}: {display or _('no data')}" for label, _v, display in points))
        + "</desc>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" '
        f'stroke="{GRID}"/>',
    ]
    for index, (label, value, display) in enumerate(points):
        centre = left + slot * index + slot / 2
        bar_width = min(56, slot * 0.6)
        parts.append(_text(centre, height - 10, label))
        if value is None:
            parts.append(_text(centre, height - bottom - 8, _("no data"), size=10))
            continue
        bar = 0 if not top else float(abs(value) / top) * plot_height
        y = height - bottom - bar
        parts.append(
            f'<rect x="{centre - bar_width / 2:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
            f'height="{max(bar, 1):.1f}" fill="{COLOUR}"/>'
        )
        parts.append(_text(centre, y - 5, display, colour="#1b1b1b"))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(title: str, rows: list[tuple[str, Decimal | None, str]], *, width=560):
    """Horizontal bars for ``[(name, value or None, displayed value)]``, one per row."""
    number = next(_ids)
    row_height, head, label_width = 22, 6, 170
    height = head + row_height * len(rows) + 8
    values = [v for _n, v, _d in rows if v is not None]
    top = max([abs(v) for v in values] + [Decimal(0)])
    plot_width = width - label_width - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart{number}t chart{number}d" '
        f'class="kopiena-chart">',
        f'<title id="chart{number}t">{escape(title)}</title>',
        f'<desc id="chart{number}d">'
        + escape("; ".join(f"{name}: {display or _('no data')}" for name, _v, display in rows))
        + "</desc>",
    ]
    for index, (name, value, display) in enumerate(rows):
        y = head + row_height * index
        parts.append(_text(label_width - 8, y + 15, name, anchor="end", colour="#1b1b1b"))
        if value is None:
            parts.append(_text(label_width + 4, y + 15, _("no data"), anchor="start", size=10))
            continue
        bar = 0 if not top else float(abs(value) / top) * plot_width
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{max(bar, 1):.1f}" '
            f'height="{row_height - 8}" fill="{COLOUR}"/>'
        )
        parts.append(
            _text(label_width + bar + 6, y + 15, display, anchor="start", colour="#1b1b1b")
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_charts(data: dict, keys: list[str], language=None) -> list[dict]:
    indicators = {i["key"]: i for i in data["indicators"]}
    measured = set(data.get("data_years", data["years"]))
    charts = []
    for key in keys:
        indicator = indicators.get(key)
        if indicator is None:
            continue
        figures = data["totals"].get(key, {})
        points = []
        for year in data["years"]:
            value = _value(figures.get(str(year))) if year in measured else None
            points.append(
                (
                    str(year),
                    value,
                    format_value(value, indicator["unit"]) if value is not None else "",
                )
            )
        title = _label(indicator, (language or "lv")[:2])
        charts.append(
            {"key": key, "title": title, "svg": column_chart(title, points), "points": points}
        )
    return charts


def comparison_charts(data: dict, keys: list[str], language=None) -> list[dict]:
    indicators = {i["key"]: i for i in data["indicators"]}
    charts = []
    for key in keys:
        indicator = indicators.get(key)
        if indicator is None:
            continue
        rows = []
        for item in data.get("by_municipality", {}).values():
            value = _value(item["figures"].get(key)) if item["has_data"] else None
            rows.append(
                (
                    item["name"],
                    value,
                    format_value(value, indicator["unit"]) if value is not None else "",
                )
            )
        title = f"{_label(indicator, (language or 'lv')[:2])}, {data['year']}"
        charts.append({"key": key, "title": title, "svg": bar_chart(title, rows), "rows": rows})
    return charts
