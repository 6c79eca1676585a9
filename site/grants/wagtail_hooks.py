"""Grants in the Wagtail admin: organisations and applications (with their transitions,
reviews and reports on the inspect view), a reviewer's assignments, and the dashboard's
call budgets. Registered once, as one ``ViewSetGroup``."""

from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button

from kopiena.casework.exports import csv_bytes
from kopiena.casework.phrases import YesNoColumn
from kopiena.casework.registry import register_case_type
from kopiena.casework.views import CaseIndexView
from kopiena.casework.viewsets import CaseViewSet, KopienaViewSetMixin
from kopiena.grants.roles import Role, has_role

from .admin_messages import StaffMessageView
from .admin_views import (
    ApplicationInspectView,
    AssignReviewerView,
    MyReviewsView,
    ReviewStepView,
    ReviewView,
)
from .models import Application, Organisation
from .resources import ApplicationResource


class OrganisationIndexView(IndexView):
    def get_base_queryset(self):
        return Organisation.objects.select_related("municipality")


class OrganisationViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add an organisation")
    model = Organisation
    index_view_class = OrganisationIndexView
    icon = "group"
    menu_label = _("Organisations")
    #: Columns of the listing.
    list_display = [
        "name",
        "registration_number",
        "legal_form",
        "municipality",
        YesNoColumn(
            "public_benefit",
            label=capfirst(Organisation._meta.get_field("public_benefit").verbose_name),
            sort_key="public_benefit",
        ),
    ]
    list_filter = ["legal_form", "municipality", "public_benefit"]
    search_fields = ["name", "registration_number", "contact_name"]
    #: CSV/XLSX export of the filtered list.
    list_export = [
        "name",
        "legal_form",
        "registration_number",
        "public_benefit",
        "e_address",
        "iban",
        "municipality",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]
    export_filename = "organisations"
    inspect_view_enabled = True
    inspect_template_name = "kopiena_grants/admin/organisation_inspect.html"
    form_fields = [
        "name",
        "legal_form",
        "registration_number",
        "public_benefit",
        "registered_social_service_provider",
        "e_address",
        "iban",
        "municipality",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]


class ApplicationIndexView(CaseIndexView):
    """The applications' listing, with a third export: the filtered applications with their
    budget lines, in the import's layout (``?export=budget``, CSV for Latvian Excel), so
    an officer can export, edit and import again."""

    BUDGET = "budget"
    FORMATS = (*CaseIndexView.FORMATS, BUDGET)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.request.GET.get("export") == self.BUDGET:
            queryset = queryset.prefetch_related("budget_lines")
        return queryset

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format != self.BUDGET:
            return super().as_spreadsheet(queryset, spreadsheet_format)
        response = HttpResponse(
            csv_bytes(ApplicationResource.export_rows(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            'attachment; filename="applications-with-budget-lines.csv"'
        )
        return response

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        buttons.append(
            Button(
                _("Download CSV with budget lines (for import)"),
                url=self.get_export_url(self.BUDGET),
                icon_name="download",
                priority=92,
            )
        )
        return buttons


class ApplicationViewSet(CaseViewSet):
    index_view_class = ApplicationIndexView
    add_item_label = _("Add an application")
    model = Application
    icon = "doc-full"
    menu_label = _("Applications")
    list_display = [
        "title",
        Column("reference", label=_("Reference"), accessor=lambda app: app.case_reference()),
        "organisation",
        "call",
        "status",
        "requested_amount",
        "approved_amount",
    ]
    list_filter = ["call", "status", "municipality"]
    search_fields = [
        "title",
        "reference",
        "organisation__name",
        "organisation__registration_number",
    ]
    list_export = [
        "case_reference",
        "title",
        "organisation",
        "call",
        "municipality",
        "status",
        "requested_amount",
        "own_contribution",
        "total_cost",
        "approved_amount",
        "decision_reference",
        "decision_date",
        "submitted_at",
    ]
    export_headings = {"case_reference": _("Reference")}
    export_filename = "applications"
    inspect_view_class = ApplicationInspectView
    inspect_template_name = "kopiena_grants/admin/application_inspect.html"
    #: Staff correct the description and the decision record; the budget and the status
    #: belong to the applicant and the transition service.
    form_fields = [
        "title",
        "reference",
        "summary",
        "municipality",
        "community",
        "target_groups",
        "planned_start",
        "planned_end",
        "decision_reference",
        "decision_date",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("assign-reviewer/<int:pk>/", AssignReviewerView.as_view(), name="assign_reviewer"),
            path("review-step/<int:pk>/", ReviewStepView.as_view(), name="review_step"),
            path("message/<int:pk>/", StaffMessageView.as_view(), name="message"),
        ]


organisation_viewset = OrganisationViewSet("grants_organisations")
application_viewset = ApplicationViewSet("grants_applications")


class GrantsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Grants")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (application_viewset, organisation_viewset)


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    register_case_type(Application, application_viewset)
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("grants/reviews/", MyReviewsView.as_view(), name="grants_my_reviews"),
        path("grants/reviews/<int:pk>/", ReviewView.as_view(), name="grants_review"),
    ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, Role.REVIEWERS)


@hooks.register("register_admin_menu_item")
def register_my_reviews_menu_item():
    return ReviewerMenuItem(
        _("My reviews"), reverse("grants_my_reviews"), icon_name="tasks", order=210
    )


@hooks.register("construct_homepage_panels")
def add_call_budgets_panel(request, panels):
    from .panels import CallBudgetsPanel

    panels.append(CallBudgetsPanel())
