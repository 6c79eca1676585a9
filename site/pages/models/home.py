"""The home page: the root of each locale's site, with its featured news and stories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.models.base import ConsentCheckedPage
from pages.models.news import NewsPage
from pages.models.stories import PilotStoryPage


class HomePage(ConsentCheckedPage):
    """The site root: one per locale, directly under Wagtail's root page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["wagtailcore.Page"]
    #: A list, not a tuple: ``grants`` adds its call index page here.
    subpage_types = ["pages.NewsIndexPage", "pages.StoryIndexPage"]
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_pages",
            heading=_("Featured news and stories"),
            label=_("Featured page"),
            max_num=6,
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    #: How many of the latest news and stories the page shows besides the featured ones.
    latest_count = 3

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_featured_pages(self):
        """The featured pages that are live, in the editor's order."""
        ids = [item.page_id for item in self.featured_pages.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = featured = self.get_featured_pages()
        featured_ids = [page.pk for page in featured]
        for name, model, order in (
            ("latest_news", NewsPage, "-date"),
            ("latest_stories", PilotStoryPage, "-first_published_at"),
        ):
            context[name] = (
                model.objects.descendant_of(self)
                .live()
                .public()
                .exclude(pk__in=featured_ids)
                .for_listing()
                .order_by(order, "-pk")[: self.latest_count]
            )
        return context


class HomeFeaturedPage(Orderable):
    """A news page or pilot story the editors put on the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page", ["pages.NewsPage", "pages.PilotStoryPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")
        verbose_name_plural = _("featured pages")
