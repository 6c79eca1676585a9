"""Monitoring in the Wagtail admin: the dashboard (a municipality or a region, a year and the
two before it, the five question tables, trend charts, the comparison of a region's
municipalities, target groups), the cases behind a figure, and the three-year evaluation.

Who sees what is :mod:`kopiena.monitoring.scope`; a scope, figure or report outside it is
404. Every table exports as CSV or XLSX (``?export=csv&table=…``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kopiena.casework.registry import inspect_url_for
from kopiena.casework.views import visible_queryset

from .. import charts, presentation
from ..comparison import three_year_comparison
from ..exports import FORMATS, spreadsheet_response
from ..registry import indicators, provider_of, providers
from ..scope import find_scope, may_monitor, scopes_for
from ..snapshot import build

YEAR_MIN, YEAR_MAX = 2000, 2100


def parse_year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404
    return year


def latest_year(scope) -> int:
    """The most recent year up to this one in which the scope has cases (this year when
    it has none at all)."""
    this_year = timezone.localdate().year
    found = [
        year
        for provider in providers()
        if hasattr(provider, "latest_year")
        for year in [provider.latest_year(scope.municipality_ids, this_year)]
        if year
    ]
    return max(found) if found else this_year


class TitledMixin:
    """The view's title as the last breadcrumb (Wagtail's slim header shows the crumbs)."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class MonitoringMixin(TitledMixin):
    """Only people who may monitor; the scope from ``?scope=`` within theirs, else 404."""

    def dispatch(self, request, *args, **kwargs):
        if not may_monitor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_scope(self):
        key = self.request.GET.get("scope", "")[:130]
        scope = find_scope(self.request.user, key)
        if scope is None and key:
            raise Http404
        return scope


class DashboardView(MonitoringMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "kopiena_monitoring/admin/dashboard.html"
    page_title = gettext_lazy("Monitoring")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        self.scope = self.get_scope()
        if self.scope is None:
            return self.render_to_response(self.get_context_data(no_scope=True))
        self.year = parse_year(request.GET.get("year"), None) or latest_year(self.scope)
        self.data = build(self.scope, self.year)
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return self.export(fmt, request.GET.get("table", ""))
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        scope = getattr(self, "scope", None)
        return f"{scope.name}, {self.year}" if scope else ""

    def figure_url(self, key, year, target_group=None):
        params = {"indicator": key, "scope": self.scope.key, "year": year}
        if target_group:
            params["target_group"] = target_group
        return reverse("kopiena_monitoring_cases") + "?" + urlencode(params)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if kwargs.get("no_scope"):
            context["no_scope"] = True
            return context
        data = self.data
        context.update(
            scope=self.scope,
            scopes=scopes_for(self.request.user),
            year=self.year,
            years=data["years"],
            data=data,
            tables=presentation.tables(data, url_for=self.figure_url),
            trend_charts=charts.trend_charts(data, presentation.TREND_KEYS),
            no_data_years=[y for y in data["years"] if y not in data["data_years"]],
            target_groups=presentation.target_group_rows(data),
            surveys=data["surveys"],
            year_choices=list(range(timezone.localdate().year, YEAR_MIN - 1, -1))[:15],
            export_base=self.request.path
            + "?"
            + urlencode({"scope": self.scope.key, "year": self.year}),
            years_url=reverse("kopiena_monitoring_years")
            + "?"
            + urlencode({"scope": self.scope.key, "year": self.year}),
        )
        if self.scope.is_region:
            known = {i["key"]: i for i in data["indicators"]}
            chosen = self.request.GET.get("compare", "grants.approved")
            if chosen not in known:
                chosen = "grants.approved"
            columns, rows = presentation.municipality_comparison(data)
            context.update(
                comparison_columns=columns,
                comparison_rows=rows,
                comparison_choices=[
                    (key, presentation._label(known[key], (get_language() or "lv")[:2]))
                    for key in presentation.COMPARISON_KEYS
                    if key in known
                ],
                compare=chosen,
                comparison_chart=charts.comparison_charts(data, [chosen])[0],
            )
        return context

    def export(self, fmt, table):
        data = self.data
        slug = f"monitorings-{self.scope.slug}-{self.year}"
        if table == "comparison" and self.scope.is_region:
            columns, rows = presentation.municipality_comparison(data)
            headings = [_("Municipality"), *[label for _k, label, _u in columns]]
            body = [
                [
                    row["name"],
                    *[cell["value"] if row["has_data"] else None for cell in row["cells"]],
                ]
                for row in rows
            ]
            return spreadsheet_response(f"{slug}-salidzinajums", headings, body, fmt)
        if table == "target_groups":
            groups = presentation.target_group_rows(data)
            headings = [
                _("Target group"),
                _("People in the region"),
                *[c[1] for c in groups["columns"]],
            ]
            body = [
                [row["name"], row["people_count"], *[cell["display"] for cell in row["cells"]]]
                for row in groups["rows"]
            ]
            return spreadsheet_response(f"{slug}-merka-grupas", headings, body, fmt)
        question_tables = presentation.tables(data)
        wanted = [t for t in question_tables if not table or t.key == table]
        if not wanted:
            raise Http404
        headings = [
            _("Question"),
            _("Indicator"),
            *[str(y) for y in data["years"]],
            _("Cases") + f" {data['year']}",
        ]
        body = []
        for question in wanted:
            rows = list(question.rows) + [row for _label, group in question.groups for row in group]
            for row in rows:
                body.append(
                    [question.label, row.label, *[cell.value for cell in row.cells], row.last.cases]
                )
        return spreadsheet_response(f"{slug}{'-' + table if table else ''}", headings, body, fmt)


class CasesView(MonitoringMixin, WagtailAdminTemplateMixin, TemplateView):
    """The cases a figure counts: the same filter as the figure, so the list's length is
    the figure's case count (or, for events and answers, the cases they belong to, each
    with its part of the figure)."""

    template_name = "kopiena_monitoring/admin/cases.html"
    page_title = gettext_lazy("Cases behind a figure")
    header_icon = "list-ul"
    per_page = 50

    def get(self, request, *args, **kwargs):
        self.scope = self.get_scope()
        if self.scope is None:
            raise Http404
        key = request.GET.get("indicator", "")[:80]
        self.indicator = indicators().get(key)
        provider = provider_of(key)
        if self.indicator is None or provider is None:
            raise Http404
        self.year = parse_year(request.GET.get("year"), timezone.localdate().year)
        target_group = request.GET.get("target_group") or None
        if target_group is not None and not str(target_group).isdigit():
            raise Http404
        self.case_list = provider.cases(
            key, self.scope.municipality_ids, self.year, int(target_group) if target_group else None
        )
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.indicator.label} · {self.scope.name}, {self.year}"

    def rows(self, objects):
        case_list = self.case_list
        model = case_list.queryset.model
        visible = (
            set(
                visible_queryset(model, self.request.user)
                .filter(pk__in=[obj.pk for obj in objects])
                .values_list("pk", flat=True)
            )
            if objects
            else set()
        )
        result = []
        for obj in objects:
            contribution = None
            if case_list.contribution:
                contribution = getattr(obj, case_list.contribution)
            elif case_list.contribution_rows is not None:
                contribution = case_list.contribution_rows.get(obj.pk)
            result.append(
                {
                    "object": obj,
                    "reference": obj.case_reference() if hasattr(obj, "case_reference") else "",
                    "title": str(obj),
                    "url": inspect_url_for(obj) if obj.pk in visible else None,
                    "cells": [_cell(obj, attr) for attr, _label in case_list.columns],
                    "contribution": contribution,
                }
            )
        return result

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = self.case_list.queryset.order_by("pk")
        paginator = Paginator(queryset, self.per_page)
        page = paginator.get_page(self.request.GET.get("p"))
        params = {k: v for k, v in self.request.GET.items() if k not in ("p", "export")}
        context.update(
            scope=self.scope,
            year=self.year,
            indicator=self.indicator,
            page_obj=page,
            rows=self.rows(list(page.object_list)),
            columns=[label for _attr, label in self.case_list.columns],
            contribution_label=self.case_list.contribution_label,
            has_contribution=bool(
                self.case_list.contribution or self.case_list.contribution_rows is not None
            ),
            query=urlencode(params),
            dashboard_url=reverse("kopiena_monitoring_dashboard")
            + "?"
            + urlencode({"scope": self.scope.key, "year": self.year}),
        )
        return context

    def export(self, fmt):
        case_list = self.case_list
        queryset = case_list.queryset.order_by("pk")
        headings = [_("Reference"), _("Title"), *[label for _a, label in case_list.columns]]
        if case_list.contribution or case_list.contribution_rows is not None:
            headings.append(case_list.contribution_label)
        body = []
        for obj in (
            queryset.iterator(chunk_size=2000) if not case_list.contribution_rows else queryset
        ):
            row = [
                obj.case_reference() if hasattr(obj, "case_reference") else "",
                str(obj),
                *[_cell(obj, attr) for attr, _label in case_list.columns],
            ]
            if case_list.contribution:
                row.append(getattr(obj, case_list.contribution))
            elif case_list.contribution_rows is not None:
                row.append(case_list.contribution_rows.get(obj.pk))
            body.append(row)
        name = f"{self.indicator.key}-{self.scope.slug}-{self.year}".replace(".", "-")
        return spreadsheet_response(name, headings, body, fmt)


def _cell(obj, attr):
    value = getattr(obj, attr, "")
    if callable(value):
        value = value()
    if hasattr(value, "tzinfo") and value is not None and hasattr(value, "hour"):
        value = timezone.localtime(value).strftime("%d.%m.%Y")
    return "" if value is None else value


class ThreeYearView(MonitoringMixin, WagtailAdminTemplateMixin, TemplateView):
    """The three-year evaluation (seed 002: "novērtējums reizi 3 gados"): the annual reports
    of three years side by side, their published (frozen) figures where a report is
    published, the live figures marked as such where not, changes highlighted."""

    template_name = "kopiena_monitoring/admin/three_years.html"
    page_title = gettext_lazy("Three-year evaluation")
    header_icon = "history"

    def get(self, request, *args, **kwargs):
        self.scope = self.get_scope()
        if self.scope is None:
            raise Http404
        self.year = parse_year(request.GET.get("year"), None) or latest_year(self.scope)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.scope.name}, {self.year - 2}–{self.year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comparison"] = three_year_comparison(self.scope, self.year, live=True)
        context["scope"] = self.scope
        context["dashboard_url"] = (
            reverse("kopiena_monitoring_dashboard")
            + "?"
            + urlencode({"scope": self.scope.key, "year": self.year})
        )
        return context
