"""Pilot stories: one page per pilot project summary, laid out like the Ministry of Welfare's
pilot-summary template (seed 004): situation, community research, intervention, action plan,
partners, participation, evaluation of change and recommendations."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from kopiena.casework.models import Municipality
from kopiena.conf import kopiena_setting
from kopiena.pages.blocks import RICH_TEXT_FEATURES
from kopiena.pages.models.base import ClassifiedPage, ClassifiedPageQuerySet, FilteredListingPage
from kopiena.pages.models.fields import ChoiceListField
from kopiena.pages.serializers import ChoiceField
from kopiena.pages.serializers import ChoiceListField as ChoiceListSerializer


class PracticeApproach(models.TextChoices):
    """The approaches of community social work the pilots chose from."""

    COMMUNITY_DEVELOPMENT = "community_development", _("Community development")
    SOCIAL_PLANNING = "social_planning", _("Social planning")
    COMMUNITY_EDUCATION = "community_education", _("Community education")
    ADVOCACY = "advocacy", _("Advocacy")
    SOCIAL_MARKETING = "social_marketing", _("Social marketing")
    OTHER = "other", _("Other")


#: The sections of the pilot-summary template, in its order: (field, heading), and for
#: community research its three parts. Templates and the admin tabs follow this list.
RESEARCH_SECTIONS = [
    ("initial_study", _("Initial study")),
    ("in_depth_study", _("In-depth study")),
    ("field_definition", _("Definition of the field of work")),
]
STORY_SECTIONS = [
    ("current_situation", _("Current situation")),
    ("community_research", _("Community research")),
    ("intervention", _("Intervention")),
    ("action_plan", _("Action plan")),
    ("partners", _("Partners")),
    ("community_participation", _("Community participation")),
    ("change_evaluation", _("Evaluation of change")),
    ("recommendations", _("Recommendations")),
]
#: Every section's field, in the template's order (community research being its parts).
SECTION_FIELDS = [
    field
    for name, _heading in STORY_SECTIONS
    for field in (
        [part for part, _part_heading in RESEARCH_SECTIONS]
        if name == "community_research"
        else [name]
    )
]


def section_field(verbose_name, help_text=""):
    return RichTextField(verbose_name, blank=True, features=RICH_TEXT_FEATURES, help_text=help_text)


class PilotStoryPage(ClassifiedPage):
    """What a municipality's pilot of community social work did and learnt."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        on_delete=models.PROTECT,
        related_name="pilotstorypage_pages",
    )
    community = models.CharField(
        _("community"),
        max_length=255,
        help_text=_("The neighbourhood, parish or group of people the pilot worked with."),
    )
    centre = models.CharField(
        _("community centre"),
        max_length=255,
        blank=True,
        help_text=_("The centre or service the work was run from, if any."),
    )
    pilot_start = models.DateField(_("pilot started"), null=True, blank=True)
    pilot_end = models.DateField(_("pilot ended"), null=True, blank=True)
    practice_approaches = ChoiceListField(
        _("practice approaches"),
        item_choices=PracticeApproach,
        blank=True,
        help_text=_("All the approaches the pilot used."),
    )
    main_approach = models.CharField(
        _("main approach"),
        max_length=40,
        choices=PracticeApproach.choices,
        blank=True,
        help_text=_("The approach the pilot relied on most; one of those ticked above."),
    )
    other_approach = models.CharField(
        _("other approach"),
        max_length=255,
        blank=True,
        help_text=_("What the “other” approach was, if it is ticked."),
    )

    current_situation = section_field(
        _("current situation"),
        _("Support in the municipality, resources, earlier studies of the communities' needs."),
    )
    initial_study = section_field(_("initial study"))
    in_depth_study = section_field(_("in-depth study"))
    field_definition = section_field(
        _("definition of the field of work"),
        _("The community worked with and its boundaries, and why."),
    )
    intervention = section_field(_("intervention"))
    action_plan = section_field(_("action plan"), _("Goal, tasks, and how the plan changed."))
    partners = section_field(_("partners"))
    community_participation = section_field(_("community participation"))
    change_evaluation = section_field(_("evaluation of change"))
    recommendations = section_field(_("recommendations"))

    objects = PageManager.from_queryset(ClassifiedPageQuerySet)()

    parent_page_types = ["kopiena_pages.StoryIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("current_situation"),
    ]
    pilot_panels = [
        FieldPanel("municipality"),
        FieldPanel("community"),
        FieldPanel("centre"),
        FieldRowPanel(
            [FieldPanel("pilot_start"), FieldPanel("pilot_end")], heading=_("Pilot period")
        ),
        MultiFieldPanel(
            [
                FieldPanel("practice_approaches"),
                FieldPanel("main_approach"),
                FieldPanel("other_approach"),
            ],
            heading=_("Practice approaches"),
        ),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(pilot_panels, heading=_("Pilot")),
            ObjectList(
                [FieldPanel(name) for name, _heading in RESEARCH_SECTIONS],
                heading=_("Community research"),
            ),
            ObjectList(
                [
                    FieldPanel("intervention"),
                    FieldPanel("action_plan"),
                    FieldPanel("partners"),
                    FieldPanel("community_participation"),
                ],
                heading=_("Intervention"),
            ),
            ObjectList(
                [FieldPanel("change_evaluation"), FieldPanel("recommendations")],
                heading=_("Results"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *ClassifiedPage.search_fields,
        index.SearchField("community"),
        index.SearchField("centre"),
        index.FilterField("pilot_start"),
        *(index.SearchField(name) for name in SECTION_FIELDS),
    ]

    api_fields = [
        *ClassifiedPage.api_fields,
        APIField("community"),
        APIField("centre"),
        APIField("pilot_start"),
        APIField("pilot_end"),
        APIField("practice_approaches", serializer=ChoiceListSerializer(PracticeApproach)),
        APIField("main_approach", serializer=ChoiceField(PracticeApproach)),
        APIField("other_approach"),
        *(APIField(name) for name in SECTION_FIELDS),
    ]

    class Meta:
        verbose_name = _("pilot story")
        verbose_name_plural = _("pilot stories")

    def clean(self):
        super().clean()
        errors = {}
        if self.pilot_start and self.pilot_end and self.pilot_end < self.pilot_start:
            errors["pilot_end"] = _("The pilot cannot end before it started.")
        approaches = self.practice_approaches or []
        if self.main_approach and self.main_approach not in approaches:
            errors["main_approach"] = _("Tick the main approach among the practice approaches.")
        if errors:
            raise ValidationError(errors)

    @property
    def practice_approach_labels(self):
        return self._meta.get_field("practice_approaches").labels(self.practice_approaches)

    def get_sections(self):
        """The filled-in sections in the template's order, as ``{"id", "heading", "body"}``;
        community research carries its filled-in parts as ``subsections``."""
        sections = []
        for name, heading in STORY_SECTIONS:
            if name == "community_research":
                parts = [
                    {"id": part, "heading": part_heading, "body": getattr(self, part)}
                    for part, part_heading in RESEARCH_SECTIONS
                    if getattr(self, part)
                ]
                if parts:
                    sections.append(
                        {"id": name, "heading": heading, "body": "", "subsections": parts}
                    )
            elif body := getattr(self, name):
                sections.append({"id": name, "heading": heading, "body": body, "subsections": []})
        return sections


class StoryIndexPage(FilteredListingPage):
    """The list of pilot stories, filterable by municipality and target group."""

    listed_model = PilotStoryPage
    listing_order = (F("pilot_end").desc(nulls_last=True), "-first_published_at")

    #: Under any page unless the host says where (KOPIENA["INDEX_PARENT_PAGE_TYPES"]).
    parent_page_types = kopiena_setting("INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["kopiena_pages.PilotStoryPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("story index page")
        verbose_name_plural = _("story index pages")
