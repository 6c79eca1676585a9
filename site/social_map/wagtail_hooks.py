"""The social map in the Wagtail admin, one ``ViewSetGroup`` "Social map": proposals (the
editors' queue, with the diff and the actions), directory entries (flagged and hidden ones
filterable; add and edit through the entry form, which publishes an editor's proposal),
organisations, areas of help and named places. Proposals and entries are registered as
case types, so the "waiting for me" panel lists what waits for an editor."""

from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from kopiena.casework.phrases import YesNoColumn
from kopiena.casework.registry import register_case_type
from kopiena.casework.viewsets import CaseViewSet, KopienaViewSetMixin

from .admin_views import (
    EntryCreateView,
    EntryEditView,
    ProposalInspectView,
    ServiceIndexView,
    ServiceInspectView,
)
from .models import Organization, Place, Proposal, Service, TaxonomyTerm


class ProposalViewSet(CaseViewSet):
    add_item_label = _("Add a proposal")
    model = Proposal
    icon = "form"
    menu_label = _("Proposals")
    list_display = [
        Column("reference", label=_("Reference"), accessor=lambda p: p.case_reference()),
        Column("title", label=_("Entry"), accessor=lambda p: p.title),
        "organization",
        "kind",
        "proposed_as",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "kind", "proposed_as", "organization__municipality"]
    search_fields = ["organization__name", "service__name", "note"]
    inspect_view_class = ProposalInspectView
    inspect_template_name = "kopiena_social_map/admin/proposal_inspect.html"
    #: Proposals are made in the portal or by the entry form; nothing edits them here.
    form_fields = ["note"]


class ServiceViewSet(CaseViewSet):
    add_item_label = _("Add a directory entry")
    model = Service
    icon = "site"
    menu_label = _("Directory entries")
    list_display = [
        "name",
        "organization",
        "publication",
        "status",
        "last_confirmed_on",
    ]
    list_filter = ["publication", "status", "organization__municipality", "areas", "free_of_charge"]
    search_fields = ["name", "name_ru", "organization__name"]
    list_export = [
        "name",
        "organization",
        "publication",
        "status",
        "free_of_charge",
        "email",
        "url",
        "last_confirmed_on",
    ]
    export_filename = "directory-entries"
    index_view_class = ServiceIndexView
    inspect_view_class = ServiceInspectView
    inspect_template_name = "kopiena_social_map/admin/service_inspect.html"
    #: Entries are written with the entry form (below), which publishes an editor's
    #: proposal; the generic add and edit views stay closed (no add/change permission).
    form_fields = ["name"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("entry/new/", EntryCreateView.as_view(), name="entry_new"),
            path("entry/<int:pk>/", EntryEditView.as_view(), name="entry_edit"),
        ]


class OrganizationViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add an organisation to the directory")
    model = Organization
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "municipality", "grants_organisation"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "registration_number"]
    form_fields = [
        "name",
        "alternate_name",
        "kind",
        "municipality",
        "description",
        "description_ru",
        "description_en",
        "email",
        "website",
        "registration_number",
        "grants_organisation",
    ]
    list_export = ["name", "kind", "municipality", "email", "website", "registration_number"]
    export_filename = "directory-organisations"


class TaxonomyTermViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add an area of help")
    model = TaxonomyTerm
    icon = "tag"
    menu_label = _("Areas of help")
    list_display = [
        "name",
        "code",
        "parent",
        "order",
        YesNoColumn(
            "active",
            label=capfirst(TaxonomyTerm._meta.get_field("active").verbose_name),
            sort_key="active",
        ),
    ]
    list_filter = ["active", "parent"]
    search_fields = ["name", "name_ru", "name_en", "code"]
    form_fields = [
        "taxonomy",
        "code",
        "name",
        "name_ru",
        "name_en",
        "description",
        "description_ru",
        "description_en",
        "parent",
        "order",
        "active",
    ]


class PlaceViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add a named place")
    model = Place
    icon = "pick"
    menu_label = _("Named places")
    list_display = ["name", "municipality", "latitude", "longitude"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    form_fields = ["municipality", "name", "latitude", "longitude"]


proposal_viewset = ProposalViewSet("kopiena_social_map_proposal")
service_viewset = ServiceViewSet("kopiena_social_map_service")
organization_viewset = OrganizationViewSet("kopiena_social_map_organization")
term_viewset = TaxonomyTermViewSet("kopiena_social_map_term")
place_viewset = PlaceViewSet("kopiena_social_map_place")


class SocialMapViewSetGroup(ModelViewSetGroup):
    menu_label = _("Social map")
    menu_icon = "site"
    menu_order = 260
    items = (proposal_viewset, service_viewset, organization_viewset, term_viewset, place_viewset)


@hooks.register("register_admin_viewset")
def register_social_map_viewsets():
    register_case_type(Proposal, proposal_viewset)
    register_case_type(Service, service_viewset)
    return SocialMapViewSetGroup()


@hooks.register("register_portal_menu_item")
def social_map_portal_menu_item(request):
    from django.urls import reverse

    if request is None or not request.user.is_authenticated:
        return None
    return (_("Social map"), reverse("social_map_portal:overview"), "social_map_portal")
