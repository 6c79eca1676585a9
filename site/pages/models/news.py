"""News: the news index and its news pages."""

import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from kopiena.conf import kopiena_setting
from kopiena.pages.blocks import BodyBlock
from kopiena.pages.models.base import ClassifiedPage, ClassifiedPageQuerySet, FilteredListingPage
from kopiena.pages.serializers import PrefetchedTagsField, StreamBodyField


def today() -> datetime.date:
    return timezone.localdate()


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kopiena_pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageQuerySet(ClassifiedPageQuerySet):
    def for_listing(self):
        return super().for_listing().prefetch_related("tags")


class NewsPage(ClassifiedPage):
    """A news item of a municipality's social service."""

    date = models.DateField(_("date"), default=today)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    parent_page_types = ["kopiena_pages.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    classification_panels = [
        FieldPanel("municipality"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *ClassifiedPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("date"),
        *ClassifiedPage.api_fields,
        APIField("tags", serializer=PrefetchedTagsField()),
        APIField("body", serializer=StreamBodyField()),
    ]

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")


class NewsIndexPage(FilteredListingPage):
    """The news list of a site, filterable by municipality and target group."""

    listed_model = NewsPage
    listing_order = ("-date",)

    #: Under any page unless the host says where (KOPIENA["INDEX_PARENT_PAGE_TYPES"]).
    parent_page_types = kopiena_setting("INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["kopiena_pages.NewsPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")
