"""The annual report on the site: an index page (the reports of every municipality and
region, the three-year comparison, the open data) and one page per published report.

A report page is created and updated by :mod:`kopiena.monitoring.publishing` when the
report is approved; its content (narrative and frozen figures) comes from the report and is
not edited in the page editor. Its ``pdf/`` route serves the A4 PDF.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from kopiena.conf import kopiena_setting
from kopiena.pages.locales import in_reader_language, source_page
from kopiena.pages.models import ConsentCheckedPage
from kopiena.pages.sections import SectionPage

from .reports import NARRATIVE, NARRATIVE_FEATURES


class AnnualReportIndexPage(RoutablePageMixin, SectionPage, ConsentCheckedPage):
    """Pārskati: the published annual reports, newest first, per municipality and region.

    Routes: ``<slug>/<first>-<last>/`` is the three-year comparison of a place's published
    reports (``kopiena.monitoring.comparison``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = kopiena_setting("INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["kopiena_monitoring.AnnualReportPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    template = "kopiena_monitoring/public/report_index.html"

    class Meta:
        verbose_name = _("annual report index page")
        verbose_name_plural = _("annual report index pages")

    def reports(self):
        return (
            AnnualReportPage.objects.child_of(self)
            .live()
            .select_related("municipality", "region", "locale")
            .order_by("-year", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A translated index lists the original's reports, each in the reader's language
        # where it has a page in it (``kopiena.pages.locales``).
        context["reports"] = in_reader_language(
            source_page(self).reports(),
            AnnualReportPage.objects.live().select_related("municipality", "region", "locale"),
        )
        return context

    @re_path(r"^(?P<slug>[-\w]+)/(?P<first>\d{4})-(?P<last>\d{4})/$", name="years")
    def three_years(self, request, slug, first, last):
        from django.template.response import TemplateResponse

        from ..comparison import published_comparison

        first, last = int(first), int(last)
        if last - first != 2:
            raise Http404
        comparison = published_comparison(self, slug, last)
        if comparison is None:
            raise Http404
        return TemplateResponse(
            request,
            "kopiena_monitoring/public/three_years.html",
            {**self.get_context(request), "comparison": comparison},
        )


class AnnualReportPage(RoutablePageMixin, ConsentCheckedPage):
    """A published annual report with its frozen figures."""

    report = models.ForeignKey(
        "kopiena_monitoring.AnnualReport",
        verbose_name=_("annual report"),
        on_delete=models.PROTECT,
        related_name="pages",
        editable=False,
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    region = models.ForeignKey(
        "kopiena_casework.PlanningRegion",
        verbose_name=_("planning region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    summary = RichTextField(_("summary"), blank=True, features=NARRATIVE_FEATURES, editable=False)
    went_well = RichTextField(
        _("what went well"), blank=True, features=NARRATIVE_FEATURES, editable=False
    )
    hindered = RichTextField(
        _("what hindered"), blank=True, features=NARRATIVE_FEATURES, editable=False
    )
    plans = RichTextField(_("plans"), blank=True, features=NARRATIVE_FEATURES, editable=False)
    #: The frozen figures (``snapshot.freeze``): never recomputed.
    figures = models.JSONField(_("figures"), default=dict, editable=False)
    data_taken_at = models.DateTimeField(_("figures taken at"), editable=False)

    parent_page_types = ["kopiena_monitoring.AnnualReportIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "The report's text and figures are published from Monitoring → Annual "
                "reports and cannot be changed here; the figures are frozen."
            )
        ),
    ]

    template = "kopiena_monitoring/public/report_page.html"

    api_fields = [
        APIField("year"),
        APIField("place"),
        APIField("summary"),
        APIField("went_well"),
        APIField("hindered"),
        APIField("plans"),
        APIField("figures"),
        APIField("data_taken_at"),
        APIField("pdf_url"),
    ]

    class Meta:
        verbose_name = _("annual report page")
        verbose_name_plural = _("annual report pages")

    @property
    def place(self) -> dict:
        place = self.municipality or self.region
        kind = "municipality" if self.municipality_id else "region"
        return {"kind": kind, "slug": place.slug, "name": place.name} if place else {}

    @property
    def pdf_url(self) -> str:
        return self.url + "pdf/" if self.url else ""

    def narrative(self) -> list[dict]:
        return [
            {"field": name, "heading": heading, "text": getattr(self, name)}
            for name, heading in NARRATIVE
        ]

    def get_context(self, request, *args, **kwargs):
        from ..presentation import present_snapshot

        context = super().get_context(request, *args, **kwargs)
        context["report_view"] = present_snapshot(self.figures, language=self.locale.language_code)
        return context

    @path("")
    def report_view(self, request):
        return self.render(request)

    @path("pdf/")
    def pdf(self, request):
        from ..pdf import published_pdf_response

        return published_pdf_response(self, request)
