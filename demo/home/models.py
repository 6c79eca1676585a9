"""The demo site's own models: its home page (the root of each locale's site, with its
featured news and stories) and its image model. Kopiena ships neither: a host has its own."""

import os
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from kopiena.pages.locales import in_reader_language, source_page
from kopiena.pages.models import ConsentCheckedPage, NewsPage, PilotStoryPage


class HomePage(ConsentCheckedPage):
    """The site root: one per locale, directly under Wagtail's root page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    template = "demo_home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "kopiena_pages.NewsIndexPage",
        "kopiena_pages.StoryIndexPage",
        "kopiena_grants.CallIndexPage",
        "kopiena_monitoring.AnnualReportIndexPage",
    ]
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
        """The featured pages that are live, in the editor's order, each in the reader's
        language where it is translated (a translated home page may still point at the
        originals: ``simple_translation`` copies the list as it is)."""
        ids = [item.page_id for item in self.featured_pages.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific()
        by_id = {page.pk: page for page in pages}
        featured = [by_id[pk] for pk in ids if pk in by_id]
        return in_reader_language(featured, Page.objects.live().public().specific())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = featured = self.get_featured_pages()
        featured_keys = [page.translation_key for page in featured]
        # The original tree's latest pages, each in the reader's language where translated.
        original = source_page(self)
        for name, model, order in (
            ("latest_news", NewsPage, "-date"),
            ("latest_stories", PilotStoryPage, "-first_published_at"),
        ):
            latest = (
                model.objects.descendant_of(original)
                .live()
                .public()
                .exclude(translation_key__in=featured_keys)
                .for_listing()
                .order_by(order, "-pk")[: self.latest_count]
            )
            context[name] = in_reader_language(latest, model.objects.live().for_listing())
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

    panels = [PageChooserPanel("page", ["kopiena_pages.NewsPage", "kopiena_pages.PilotStoryPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")
        verbose_name_plural = _("featured pages")


class DemoImage(AbstractImage):
    """Wagtail's image, its file named with a random part, so that nobody can guess the
    address of an original (or of its renditions, which are named after it): an image whose
    consent is later withdrawn must not stay reachable by its name. Alternative text is
    Wagtail's own ``description``."""

    admin_form_fields = Image.admin_form_fields

    def get_upload_to(self, filename):
        path = super().get_upload_to(filename)
        folder, name = os.path.split(path)
        stem, extension = os.path.splitext(name)
        return os.path.join(folder, f"{stem[:60]}-{secrets.token_hex(10)}{extension}")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class DemoRendition(AbstractRendition):
    image = models.ForeignKey(DemoImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
