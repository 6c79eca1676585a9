"""Monitoring in the Wagtail admin: one menu group ("Monitorings") with the dashboard, the
annual reports and the surveys (both casework case types: inspect view, transition buttons,
history), and for administrators who monitors what and the regions' target-group counts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from kopiena.casework.registry import register_case_type
from kopiena.casework.viewsets import CaseViewSet, KopienaViewSetMixin

from .models import AnnualReport, MonitoringAccess, RegionTargetGroup, Survey
from .scope import may_monitor
from .views import admin as admin_views
from .views import reports as report_views
from .views import surveys as survey_views

QUESTION_PANELS = [
    FieldRowPanel([FieldPanel("kind"), FieldPanel("indicator"), FieldPanel("required")]),
    FieldPanel("text"),
    FieldRowPanel([FieldPanel("text_ru"), FieldPanel("text_en")]),
    FieldPanel("choices"),
    FieldRowPanel([FieldPanel("choices_ru"), FieldPanel("choices_en")]),
]
SURVEY_TEXT_PANELS = [
    FieldPanel("title"),
    FieldRowPanel([FieldPanel("title_ru"), FieldPanel("title_en")]),
    FieldPanel("intro"),
    FieldRowPanel([FieldPanel("intro_ru"), FieldPanel("intro_en")]),
]


class SurveyViewSet(CaseViewSet):
    add_item_label = _("Add a survey")
    model = Survey
    name = "kopiena_monitoring_surveys"
    url_prefix = "monitoring/surveys"
    icon = "form"
    menu_label = _("Surveys")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_class = survey_views.SurveyInspectView
    edit_view_class = survey_views.SurveyEditView
    #: Columns of the listing; the title opens the results.
    list_display = [
        TitleColumn("title", label=_("Title"), url_name="kopiena_monitoring_surveys:inspect"),
        "status",
        "municipality",
        "initiative",
        Column("response_count", label=_("Responses")),
        Column("created_at", label=pgettext_lazy("survey", "Created")),
    ]
    list_filter = ["status", "municipality"]
    search_fields = ["title"]
    list_export = [
        "case_reference",
        "title",
        "status",
        "municipality",
        "initiative",
        "application",
        "created_at",
    ]
    export_filename = "aptaujas"
    inspect_view_fields = ["title", "municipality", "initiative", "application", "closes_at"]
    panels = [
        *SURVEY_TEXT_PANELS,
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("initiative"), FieldPanel("application")]),
                FieldPanel("closes_at"),
            ],
            heading=_("Where it belongs"),
        ),
        InlinePanel(
            "questions", panels=QUESTION_PANELS, heading=_("Questions"), label=_("Question")
        ),
    ]
    locked_panels = [*SURVEY_TEXT_PANELS, FieldPanel("closes_at")]

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(locked_panel=ObjectList(self.locked_panels), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("from-template/", survey_views.FromTemplateView.as_view(), name="from_template"),
            path("<int:pk>/links/", survey_views.AddLinkView.as_view(), name="add_link"),
            path(
                "<int:pk>/qr/<int:link>.<str:fmt>",
                survey_views.QrCodeView.as_view(),
                name="qr",
            ),
            path(
                "<int:pk>/responses/", survey_views.ResponsesExportView.as_view(), name="responses"
            ),
            path(
                "<int:pk>/use-in-evaluation/",
                survey_views.UseInEvaluationView.as_view(),
                name="use_in_evaluation",
            ),
        ]


class AnnualReportViewSet(CaseViewSet):
    add_item_label = _("Add an annual report")
    model = AnnualReport
    name = "kopiena_monitoring_reports"
    url_prefix = "monitoring/reports"
    icon = "doc-full"
    menu_label = _("Annual reports")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_class = report_views.ReportInspectView
    list_display = [
        TitleColumn("title", label=_("Title"), url_name="kopiena_monitoring_reports:inspect"),
        "year",
        Column("place", label=_("Municipality or region")),
        "status",
        Column("snapshot_taken_at", label=_("Figures taken at")),
    ]
    list_filter = ["status", "year"]
    search_fields = ["title"]
    list_export = ["title", "year", "place", "status", "published_at", "snapshot_taken_at"]
    export_filename = "gada-parskati"
    inspect_view_fields = ["title", "year", "municipality", "region"]
    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("went_well"),
        FieldPanel("hindered"),
        FieldPanel("plans"),
        InlinePanel(
            "translations",
            heading=_("Translations (Russian, English)"),
            label=_("Translation"),
            max_num=2,
            panels=[
                FieldPanel("language"),
                FieldPanel("title"),
                FieldPanel("summary"),
                FieldPanel("went_well"),
                FieldPanel("hindered"),
                FieldPanel("plans"),
            ],
        ),
    ]

    @property
    def add_view(self):
        return report_views.ReportCreateView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/pdf/", report_views.ReportPdfView.as_view(), name="pdf"),
        ]


class MonitoringAccessViewSet(KopienaViewSetMixin, SnippetViewSet):
    add_item_label = _("Give monitoring access")
    choose_one_text = _("Choose a monitoring access")
    choose_another_text = _("Choose another monitoring access")
    model = MonitoringAccess
    icon = "key"
    menu_label = _("Monitoring access")
    add_to_admin_menu = False
    list_display = ["user", "municipality", "region"]
    list_filter = ["municipality", "region"]


class RegionTargetGroupViewSet(KopienaViewSetMixin, SnippetViewSet):
    add_item_label = _("Add a target group in a region")
    choose_one_text = _("Choose a target group in a region")
    choose_another_text = _("Choose another target group in a region")
    model = RegionTargetGroup
    icon = "group"
    add_to_admin_menu = False
    list_display = ["region", "target_group", "people_count", "source"]
    list_filter = ["region"]


survey_viewset = SurveyViewSet()
report_viewset = AnnualReportViewSet()
access_viewset = MonitoringAccessViewSet()
region_groups_viewset = RegionTargetGroupViewSet()


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return may_monitor(request.user)


class MonitoringViewSetGroup(ViewSetGroup):
    menu_label = _("Monitoring")
    menu_icon = "table"
    menu_order = 260
    items = (report_viewset, survey_viewset, access_viewset, region_groups_viewset)

    def get_submenu_items(self):
        return [
            DashboardMenuItem(
                _("Monitoring dashboard"),
                reverse("kopiena_monitoring_dashboard"),
                icon_name="table",
                order=0,
            ),
            *super().get_submenu_items(),
        ]


@hooks.register("register_admin_viewset")
def register_monitoring_viewsets():
    register_case_type(AnnualReport, report_viewset)
    register_case_type(Survey, survey_viewset)
    return MonitoringViewSetGroup()


@hooks.register("register_admin_urls")
def register_monitoring_urls():
    return [
        path(
            "monitoring/", admin_views.DashboardView.as_view(), name="kopiena_monitoring_dashboard"
        ),
        path("monitoring/cases/", admin_views.CasesView.as_view(), name="kopiena_monitoring_cases"),
        path(
            "monitoring/years/",
            admin_views.ThreeYearView.as_view(),
            name="kopiena_monitoring_years",
        ),
    ]
