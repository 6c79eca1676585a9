"""Annual reports in the admin: a new report for a place and year (refused for a year
without cases), the preview with every figure (live while a draft, frozen once published)
and the narrative, the draft's PDF. Editing is Wagtail's edit view (narrative and
translations); the status changes through the casework transition view."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kopiena.casework.views import CaseInspectView

from ..forms import ReportCreateForm
from ..models import AnnualReport
from ..models.reports import may_write
from ..pdf import draft_pdf_response
from ..permissions import AnnualReportPermissionPolicy
from ..presentation import present_snapshot
from ..scope import scopes_for
from ..snapshot import build
from .admin import TitledMixin


def default_title(scope, year) -> str:
    return _("%(place)s: annual report %(year)d") % {"place": scope.name, "year": year}


def suggested_factors(data_scope, year):
    """The year's evaluations' helping and hindering factors, one line per initiative, as a
    starting point for "what went well" and "what hindered"."""
    from kopiena.community_work.models import Evaluation

    evaluations = (
        Evaluation.objects.filter(initiative__municipality_id__in=data_scope.municipality_ids)
        .select_related("initiative")
        .order_by("initiative__title")
    )
    helped, hindered = [], []
    for evaluation in evaluations[:50]:
        started = evaluation.initiative.created_at
        logs = evaluation.initiative.logs.order_by("period_start").values_list(
            "period_start", flat=True
        )[:1]
        first = logs[0] if logs else timezone.localtime(started).date()
        if first.year != year:
            continue
        if evaluation.helping_factors.strip():
            helped.append((evaluation.initiative.title, evaluation.helping_factors.strip()))
        if evaluation.hindering_factors.strip():
            hindered.append((evaluation.initiative.title, evaluation.hindering_factors.strip()))

    def as_list(items):
        if not items:
            return ""
        return "<ul>" + format_html_join("", "<li><b>{}</b>: {}</li>", items) + "</ul>"

    return as_list(helped), as_list(hindered)


class ReportCreateView(TitledMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "kopiena_monitoring/admin/report_create.html"
    page_title = gettext_lazy("New annual report")
    header_icon = "doc-full"
    form_class = ReportCreateForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("kopiena_monitoring.add_annualreport"):
            raise PermissionDenied
        self.scopes = [
            scope
            for scope in scopes_for(request.user)
            if request.user.is_superuser or may_write(_probe(scope), request.user)
        ]
        if not self.scopes:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scopes": self.scopes}

    def form_valid(self, form):
        scope = form.cleaned_data["scope_object"]
        year = form.cleaned_data["year"]
        went_well, hindered = suggested_factors(scope, year)
        report = AnnualReport.objects.create(
            municipality_id=None if scope.is_region else scope.pk,
            region_id=scope.pk if scope.is_region else None,
            year=year,
            title=default_title(scope, year),
            went_well=went_well,
            hindered=hindered,
            created_by=self.request.user,
        )
        messages.success(
            self.request,
            _("The draft report “%(title)s” is ready: write the narrative.")
            % {"title": report.title},
        )
        return redirect("kopiena_monitoring_reports:edit", report.pk)


def _probe(scope):
    return AnnualReport(
        municipality_id=None if scope.is_region else scope.pk,
        region_id=scope.pk if scope.is_region else None,
    )


class ReportInspectView(CaseInspectView):
    template_name = "kopiena_monitoring/admin/report_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        if report.snapshot:
            data = report.snapshot
            live = build(report.scope, report.year)
            context["drift"] = drift(data, live)
        else:
            data = build(report.scope, report.year)
        context.update(
            report=report,
            report_view=present_snapshot(data),
            narrative=report.narrative("lv"),
            pdf_url=reverse("kopiena_monitoring_reports:pdf", args=[report.pk]),
            page_url=report.page.url if report.page_id and report.page.live else "",
            edit_url=reverse("kopiena_monitoring_reports:edit", args=[report.pk])
            if AnnualReportPermissionPolicy(AnnualReport).user_has_permission_for_instance(
                self.request.user, "change", report
            )
            else "",
            taken_at=formats.date_format(
                timezone.localtime(report.snapshot_taken_at), "DATETIME_FORMAT"
            )
            if report.snapshot_taken_at
            else "",
        )
        return context


def drift(frozen: dict, live: dict) -> list[dict]:
    """The figures of the report's own year that differ now from the published ones (a
    case corrected later): shown to staff, never applied to the published report."""
    year = str(frozen["year"])
    labels = {i["key"]: i["labels"].get("lv", i["key"]) for i in frozen["indicators"]}
    changed = []
    for key, years in frozen["totals"].items():
        before = years.get(year, {}).get("value")
        after = live["totals"].get(key, {}).get(year, {}).get("value")
        if before != after:
            changed.append(
                {"key": key, "label": labels.get(key, key), "published": before, "now": after}
            )
    return changed


class ReportPdfView(View):
    def get(self, request, pk):
        report = get_object_or_404(AnnualReport.objects.visible_to(request.user), pk=pk)
        if report.is_published and report.page_id and report.page.live:
            return redirect(report.page.url + "pdf/")
        return draft_pdf_response(report, request)
