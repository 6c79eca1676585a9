"""Admin wiring of community work: one menu group ("Community work") with the initiatives
(a ``casework`` case type: inspect view with the action buttons, transition form, history),
weekly logs, communities and community centres; the "My initiatives" dashboard panel; and
the audit action for a prepared pilot story."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, TitleColumn, UpdatedAtColumn, UserColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import LogFormatter

from kopiena.casework.registry import register_case_type, register_waiting_source
from kopiena.casework.viewsets import CaseViewSet, KopienaViewSetMixin

from . import views
from .dashboard import MyInitiativesPanel
from .forms import (
    ActivityLogForm,
    ActivityLogFormSet,
    ApproachFormSet,
    InitiativeForm,
    LogActivityFormSet,
    RuleInlinePanel,
)
from .models import ActivityLog, Community, CommunityCentre, Initiative
from .stories import STORY_PREPARED
from .waiting import story_drafts_waiting


class InitiativeViewSet(CaseViewSet):
    add_item_label = _("Add an initiative")
    model = Initiative
    name = "community_initiatives"
    url_prefix = "community-work/initiatives"
    icon = "group"
    menu_label = _("Initiatives")
    menu_order = 100
    add_to_admin_menu = False
    copy_view_enabled = False

    index_view_class = views.InitiativeIndexView
    edit_view_class = views.InitiativeEditView
    delete_view_class = views.InitiativeDeleteView
    inspect_view_class = views.InitiativeInspectView
    prepare_story_view_class = views.PrepareStoryView

    #: The title opens the case page (status, actions, history), not the edit form.
    list_display = [
        TitleColumn("title", label=_("Title"), url_name="community_initiatives:inspect"),
        Column("reference", label=_("Reference"), accessor=lambda i: i.case_reference()),
        "status",
        "community",
        "municipality",
        UserColumn("social_worker", label=_("Social worker")),
        # Wagtail's default label is ``gettext("Updated")``, evaluated once at import in
        # the language then active (Latvian), so every reader saw "Atjaunots".
        UpdatedAtColumn(label=_("Updated")),
    ]
    #: Filters: status, municipality, centre, and "my initiatives" for a social worker.
    filterset_class = views.InitiativeFilterSet
    search_fields = ["title", "reference", "goal", "community__name", "centre__name"]
    list_export = [
        "case_reference",
        "title",
        "get_status_display",
        "community",
        "centre",
        "municipality",
        "social_worker",
        "head",
        "grant_application",
        "goal",
        "created_at",
    ]
    export_headings = {
        "case_reference": _("Reference"),
        "get_status_display": _("Status"),
    }
    export_filename = "initiatives"
    inspect_view_fields = [
        "title",
        "community",
        "centre",
        "municipality",
        "social_worker",
        "head",
        "grant_application",
        "created_at",
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("reference")]),
                    FieldRowPanel([FieldPanel("municipality"), FieldPanel("community")]),
                    FieldPanel("centre"),
                    FieldRowPanel([FieldPanel("social_worker"), FieldPanel("head")]),
                    FieldPanel("grant_application"),
                ],
                heading=_("Initiative"),
            ),
            ObjectList(
                [
                    *(
                        MultiFieldPanel(
                            [
                                FieldPanel(f"assessment_{findings}", heading=_("Findings")),
                                FieldPanel(f"assessment_{methods}", heading=_("Methods")),
                            ],
                            heading=heading,
                        )
                        for _key, heading, findings, methods in (
                            (
                                "initial_study",
                                _("Initial study"),
                                "initial_study_findings",
                                "initial_study_methods",
                            ),
                            (
                                "in_depth_study",
                                _("In-depth study"),
                                "in_depth_study_findings",
                                "in_depth_study_methods",
                            ),
                            (
                                "field_definition",
                                _("Definition of the field of work"),
                                "field_definition_findings",
                                "field_definition_methods",
                            ),
                        )
                    ),
                    RuleInlinePanel(
                        "approaches",
                        heading=_("Practice approaches"),
                        label=_("Approach"),
                        formset_class=ApproachFormSet,
                        panels=[
                            FieldRowPanel([FieldPanel("approach"), FieldPanel("is_main")]),
                            FieldPanel("other_description"),
                        ],
                    ),
                ],
                heading=_("Assessment"),
            ),
            ObjectList(
                [
                    FieldPanel("goal"),
                    InlinePanel(
                        "tasks",
                        heading=_("Tasks"),
                        label=_("Task"),
                        panels=[
                            FieldPanel("title"),
                            FieldRowPanel(
                                [
                                    FieldPanel("responsible"),
                                    FieldPanel("due_date"),
                                    FieldPanel("done"),
                                ]
                            ),
                        ],
                    ),
                    InlinePanel(
                        "plan_corrections",
                        heading=_("Corrections to the plan"),
                        label=_("Correction"),
                    ),
                    InlinePanel("partners", heading=_("Partners"), label=_("Partner")),
                ],
                heading=_("Action plan"),
            ),
            ObjectList(
                [
                    RuleInlinePanel(
                        "logs",
                        heading=_("Weekly logs"),
                        label=_("Weekly log"),
                        formset_class=ActivityLogFormSet,
                        help_text=_(
                            "Periods may not overlap. The activities of a week are recorded "
                            "on the weekly log's own page (from the initiative's page)."
                        ),
                        panels=[
                            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                            FieldPanel("difficulties"),
                            FieldPanel("next_week_tasks"),
                        ],
                    ),
                ],
                heading=_("Weekly logs"),
            ),
            ObjectList(
                [
                    FieldPanel("evaluation_methods"),
                    FieldPanel("evaluation_results"),
                    FieldRowPanel(
                        [
                            FieldPanel("evaluation_helping_factors"),
                            FieldPanel("evaluation_hindering_factors"),
                        ]
                    ),
                    FieldPanel("evaluation_recommendations"),
                    FieldRowPanel(
                        [
                            FieldPanel("evaluation_participants"),
                            FieldPanel("evaluation_satisfaction"),
                        ]
                    ),
                    FieldPanel("evaluation_goal_achievement"),
                    FieldRowPanel(
                        [
                            FieldPanel("evaluation_volunteers"),
                            FieldPanel("evaluation_new_leaders"),
                            FieldPanel("evaluation_new_organisations"),
                        ]
                    ),
                ],
                heading=_("Evaluation"),
            ),
        ],
        base_form_class=InitiativeForm,
    )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            story_url_name=self.get_url_name("prepare_story"),
            log_add_url_name="community_weekly_logs:add",
            **kwargs,
        )

    @property
    def prepare_story_view(self):
        return self.prepare_story_view_class.as_view(inspect_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"prepare-story/<{self.pk_path_converter}:pk>/",
                self.prepare_story_view,
                name="prepare_story",
            ),
        ]


class ActivityLogViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add a weekly log")
    model = ActivityLog
    name = "community_weekly_logs"
    url_prefix = "community-work/weekly-logs"
    icon = "calendar-alt"
    menu_label = _("Weekly logs")
    menu_order = 200
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False

    index_view_class = views.ActivityLogIndexView
    add_view_class = views.ActivityLogCreateView
    edit_view_class = views.ActivityLogEditView
    delete_view_class = views.ActivityLogDeleteView

    list_display = ["__str__", "initiative", "period_start", "period_end"]
    list_filter = ["initiative"]
    search_fields = ["initiative__title", "difficulties", "next_week_tasks"]
    #: CSV/XLSX export of the filtered list (the activities are on each log's own page).
    list_export = ["initiative", "period_start", "period_end", "difficulties", "next_week_tasks"]
    export_headings = {"period_start": _("Week from"), "period_end": _("Week to")}
    export_filename = "weekly-logs"
    ordering = ["-period_start"]

    panels = [
        FieldPanel("initiative"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        RuleInlinePanel(
            "activities",
            heading=_("Activities"),
            label=_("Activity"),
            formset_class=LogActivityFormSet,
            panels=[FieldPanel("date"), FieldPanel("description")],
        ),
        FieldPanel("difficulties"),
        FieldPanel("next_week_tasks"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ActivityLogForm).bind_to_model(self.model)


class CommunityViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add a community")
    model = Community
    name = "communities"
    url_prefix = "community-work/communities"
    icon = "group"
    menu_label = _("Communities")
    menu_order = 300
    add_to_admin_menu = False
    index_view_class = views.CommunityIndexView
    list_display = ["name", "kind", "municipality", "size"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "description"]
    list_export = ["name", "kind", "municipality", "size", "description"]
    export_filename = "communities"
    inspect_view_enabled = True


class CommunityCentreViewSet(KopienaViewSetMixin, ModelViewSet):
    add_item_label = _("Add a community centre")
    model = CommunityCentre
    name = "community_centres"
    url_prefix = "community-work/centres"
    icon = "home"
    menu_label = _("Community centres")
    menu_order = 400
    add_to_admin_menu = False
    index_view_class = views.CommunityCentreIndexView
    list_display = ["name", "municipality", "address", "contact_phone"]
    list_filter = ["municipality"]
    search_fields = ["name", "address", "services"]
    list_export = [
        "name",
        "municipality",
        "address",
        "latitude",
        "longitude",
        "opening_hours",
        "services",
        "contact_phone",
        "contact_email",
    ]
    export_filename = "community-centres"
    inspect_view_enabled = True


class CommunityWorkViewSetGroup(ModelViewSetGroup):
    menu_label = _("Community work")
    menu_icon = "group"
    menu_order = 310
    items = (
        InitiativeViewSet,
        ActivityLogViewSet,
        CommunityViewSet,
        CommunityCentreViewSet,
    )


community_work_viewsets = CommunityWorkViewSetGroup()
initiative_viewset = next(
    item for item in community_work_viewsets.registerables if isinstance(item, InitiativeViewSet)
)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return community_work_viewsets


register_case_type(Initiative, initiative_viewset)
register_waiting_source(story_drafts_waiting)


@hooks.register("construct_homepage_panels")
def add_my_initiatives_panel(request, panels):
    if MyInitiativesPanel.shown_to(request.user):
        panels.append(MyInitiativesPanel(initiative_viewset.get_url_name("index")))


@hooks.register("register_log_actions")
def register_story_log_action(actions):
    @actions.register_action(STORY_PREPARED)
    class StoryPreparedFormatter(LogFormatter):
        label = _("Pilot story prepared")

        def format_message(self, log_entry):
            return _("Draft pilot story “%(title)s” prepared") % {
                "title": log_entry.data.get("title", "")
            }
