"""The participatory budget in the Wagtail admin, one ``ViewSetGroup`` "Participatory
budget": processes (with their counts, paper ballot entry and the results), ideas (the
check through the transition service, with export), reserve draws (finance decides),
categories, themes and milestones. Ideas and draws are registered as case types, so the
"waiting for me" panel lists what waits. The portal's menu links to the public pages."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import LogFormatter

from kopiena.casework.registry import register_case_type
from kopiena.casework.viewsets import CaseViewSet

from . import services
from .admin_views import (
    IdeaInspectView,
    IdeaTransitionView,
    PaperBallotView,
    ProcessCountView,
    ProcessInspectView,
    ReserveDrawRequestView,
    StaffIdeaView,
    VerificationCodesView,
)
from .models import (
    Category,
    DeliveryNews,
    DeliveryPhoto,
    Idea,
    Milestone,
    Process,
    ReserveDraw,
    Theme,
)


class ProcessViewSet(ModelViewSet):
    model = Process
    icon = "list-ol"
    menu_label = _("Processes")
    list_display = ["title", "municipality", "year", "total", "reserve", "published"]
    list_filter = ["municipality", "year", "published"]
    search_fields = ["title"]
    form_fields = [
        "municipality",
        "year",
        "title",
        "slug",
        "summary",
        "total",
        "reserve",
        "ideas_open",
        "ideas_close",
        "check_close",
        "voting_open",
        "voting_close",
        "results_on",
        "delivery_until",
        "ballot_type",
        "max_choices",
        "min_age",
        "requires_code",
        "tie_break",
        "rules",
        "published",
    ]
    inspect_view_enabled = True
    inspect_view_class = ProcessInspectView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("count/<int:pk>/", ProcessCountView.as_view(), name="count"),
            path("paper-ballot/<int:pk>/", PaperBallotView.as_view(), name="paper_ballot"),
            path("idea/<int:pk>/", StaffIdeaView.as_view(), name="staff_idea"),
            path("codes/<int:pk>/", VerificationCodesView.as_view(), name="codes"),
        ]


class IdeaViewSet(CaseViewSet):
    model = Idea
    icon = "help"
    menu_label = _("Ideas")
    list_display = [
        Column("reference", label=_("Reference"), accessor=lambda i: i.case_reference()),
        "title",
        "process",
        "category",
        "estimated_cost",
        "cost_estimate",
        "channel",
        "status",
    ]
    list_filter = ["process", "status", "category__code", "channel"]
    search_fields = ["title", "description", "author_name"]
    list_export = [
        "number",
        "title",
        "process",
        "theme",
        "category",
        "estimated_cost",
        "cost_estimate",
        "channel",
        "status",
        "public_reason",
        "delivery_percent",
        "spent",
    ]
    export_filename = "participatory-budget-ideas"
    transition_view_class = IdeaTransitionView
    inspect_view_class = IdeaInspectView
    #: Text and delivery figures only; the status changes through the actions.
    form_fields = [
        "title",
        "description",
        "theme",
        "delivery_percent",
        "spent",
        "latitude",
        "longitude",
        "photo",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reserve/<int:pk>/", ReserveDrawRequestView.as_view(), name="reserve_draw"),
        ]


class ReserveDrawViewSet(CaseViewSet):
    model = ReserveDraw
    icon = "resubmit"
    menu_label = _("Reserve draws")
    list_display = ["idea", "amount", "status", "created_at"]
    list_filter = ["status", "process"]
    list_export = ["idea", "amount", "reason", "status", "created_at", "decided_at"]
    export_filename = "participatory-budget-reserve-draws"
    form_fields = ["reason"]


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "process", "code", "money"]
    list_filter = ["process"]
    form_fields = ["process", "code", "name", "name_ru", "name_en", "money", "order"]


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "process"]
    list_filter = ["process"]
    form_fields = ["process", "name", "name_ru", "name_en", "order"]


class MilestoneViewSet(ModelViewSet):
    model = Milestone
    icon = "date"
    menu_label = _("Milestones")
    list_display = ["title", "idea", "date", "done"]
    list_filter = ["done"]
    form_fields = ["idea", "date", "title", "done", "news_url"]


class DeliveryPhotoViewSet(ModelViewSet):
    """A winning project's delivery photos: images of the site's image model, shown on the
    project's public page only while the image's consent allows it."""

    model = DeliveryPhoto
    icon = "image"
    menu_label = _("Delivery photos")
    list_display = ["__str__", "idea", "order"]
    list_filter = ["idea__process"]
    form_fields = ["idea", "image", "caption", "order"]


class DeliveryNewsViewSet(ModelViewSet):
    """Community news pages about a winning project's delivery, linked from its page."""

    model = DeliveryNews
    icon = "doc-full"
    menu_label = _("Delivery news")
    list_display = ["page", "idea"]
    list_filter = ["idea__process"]
    form_fields = ["idea", "page"]


process_viewset = ProcessViewSet("kopiena_participation_process")
idea_viewset = IdeaViewSet("kopiena_participation_idea")
draw_viewset = ReserveDrawViewSet("kopiena_participation_draw")
category_viewset = CategoryViewSet("kopiena_participation_category")
theme_viewset = ThemeViewSet("kopiena_participation_theme")
milestone_viewset = MilestoneViewSet("kopiena_participation_milestone")
photo_viewset = DeliveryPhotoViewSet("kopiena_participation_photo")
news_viewset = DeliveryNewsViewSet("kopiena_participation_news")


class ParticipationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Participatory budget")
    menu_icon = "list-ol"
    menu_order = 270
    items = (
        process_viewset,
        idea_viewset,
        draw_viewset,
        category_viewset,
        theme_viewset,
        milestone_viewset,
        photo_viewset,
        news_viewset,
    )


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    register_case_type(Idea, idea_viewset)
    register_case_type(ReserveDraw, draw_viewset)
    return ParticipationViewSetGroup()


@hooks.register("register_log_actions")
def register_participation_log_actions(actions):
    @actions.register_action(services.PAPER_BALLOT)
    class PaperBallotFormatter(LogFormatter):
        label = _("Paper ballot entered")

        def format_message(self, log_entry):
            return _("Paper ballot entered")

    @actions.register_action(services.CODES)
    class CodesFormatter(LogFormatter):
        label = _("Verification codes generated")

        def format_message(self, log_entry):
            return _("%(count)s verification codes generated") % {
                "count": log_entry.data.get("count", "")
            }

    @actions.register_action(services.RESULTS)
    class ResultsFormatter(LogFormatter):
        label = _("Results published")

        def format_message(self, log_entry):
            return _("Results published")


@hooks.register("register_portal_menu_item")
def participation_portal_menu_item(request):
    from django.urls import reverse

    return (_("Participatory budget"), reverse("participation:list"), "participation")
