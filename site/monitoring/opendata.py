"""Open data: the figures of every published annual report, one row per report and
indicator, as CSV and JSON at ``/api/monitoring/indicators.csv`` and ``.json``, with the
fields described at ``/api/monitoring/`` (:data:`FIELDS`).

Only published reports: their figures were approved and frozen, and stay as published.
Filters: ``municipality=<slug>``, ``region=<slug>``, ``year=<yyyy>``.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from .exports import spreadsheet_response

FIELDS = [
    ("level", _("“municipality” for a municipality's report, “region” for a planning region's")),
    ("place", _("slug of the municipality or region")),
    ("place_name", _("its name")),
    ("year", _("the year the figures are for")),
    ("indicator", _("indicator key, e.g. grants.approved (stable across years)")),
    ("question", _("seed 002's question: what_we_do, how_well, better_off, feel, cost")),
    ("label_lv", _("the indicator's name in Latvian, as published")),
    ("label_en", _("the indicator's name in English, as published")),
    ("unit", _("count, eur, percent, days or score (1–10)")),
    ("value", _("the figure; empty when nothing was measured (a ratio over no cases)")),
    ("numerator", _("sum or count the value is made of")),
    ("denominator", _("what the numerator is divided by, for ratios and means; else empty")),
    ("cases", _("number of cases the figure counts")),
    ("data_taken_at", _("when the figures were taken from the cases (ISO 8601)")),
    ("report_url", _("the published report's page")),
]


def rows(params) -> list[dict]:
    from .models import AnnualReportPage

    pages = (
        AnnualReportPage.objects.live()
        .filter(locale__language_code="lv")
        .select_related("municipality", "region")
    )
    if params.get("municipality"):
        pages = pages.filter(municipality__slug=params["municipality"][:120])
    if params.get("region"):
        pages = pages.filter(region__slug=params["region"][:120])
    year = params.get("year")
    if year:
        if not str(year).isdigit():
            raise ValueError("year")
        pages = pages.filter(year=int(year))
    result = []
    for page in pages.order_by("year", "path"):
        data = page.figures or {}
        place = page.place
        url = page.full_url
        for indicator in data.get("indicators", []):
            figure = data.get("totals", {}).get(indicator["key"], {}).get(str(page.year), {})
            result.append(
                {
                    "level": place.get("kind", ""),
                    "place": place.get("slug", ""),
                    "place_name": place.get("name", ""),
                    "year": page.year,
                    "indicator": indicator["key"],
                    "question": indicator["question"],
                    "label_lv": indicator["labels"].get("lv", ""),
                    "label_en": indicator["labels"].get("en", ""),
                    "unit": indicator["unit"],
                    "value": figure.get("value"),
                    "numerator": figure.get("num"),
                    "denominator": figure.get("den"),
                    "cases": figure.get("cases"),
                    "data_taken_at": data.get("taken_at"),
                    "report_url": url,
                }
            )
    return result


def _bad(message):
    return JsonResponse({"message": message}, status=400)


def indicators_json(request):
    try:
        data = rows(request.GET)
    except ValueError:
        return _bad("year must be a number, e.g. 2023")
    return JsonResponse(
        {"fields": {name: str(text) for name, text in FIELDS}, "rows": data},
        json_dumps_params={"ensure_ascii": False},
    )


def indicators_csv(request):
    try:
        data = rows(request.GET)
    except ValueError:
        return HttpResponse(
            "year must be a number, e.g. 2023\n", status=400, content_type="text/plain"
        )
    names = [name for name, _text in FIELDS]
    return spreadsheet_response(
        "kopiena-raditaji", names, [[row[name] for name in names] for row in data], "csv"
    )


def documentation(request):
    return JsonResponse(
        {
            "description": (
                "Kopiena: figures of the published annual reports (frozen at publication)."
            ),
            "csv": request.build_absolute_uri("indicators.csv"),
            "json": request.build_absolute_uri("indicators.json"),
            "filters": {"municipality": "slug", "region": "slug", "year": "yyyy"},
            "fields": {name: str(text) for name, text in FIELDS},
        },
        json_dumps_params={"ensure_ascii": False},
    )
