"""The public pages: an index of the municipalities' maps and one map page per municipality.

Wagtail pages, so that they live where the host's editors put them, in every locale the
site has (``/socialas-karte/liepaja/``, ``/ru/socialas-karte/liepaja/``), with nothing added
to the host's URLs. The directory's own views hang off a map page as routes (list and map,
a service, an organisation, the booklet): :mod:`kopiena.social_map.views.public`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from kopiena.conf import kopiena_setting
from kopiena.pages.locales import in_reader_language, source_page
from kopiena.pages.sections import SectionPage


class SocialMapIndexPage(SectionPage):
    """Lists the social maps of the municipalities (its child pages)."""

    intro = RichTextField(_("introduction"), blank=True)

    #: Under any page unless the host says where (KOPIENA["INDEX_PARENT_PAGE_TYPES"]).
    parent_page_types = kopiena_setting("INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["kopiena_social_map.SocialMapPage"]
    content_panels = [*SectionPage.content_panels, FieldPanel("intro")]
    template = "kopiena_social_map/index_page.html"

    class Meta:
        verbose_name = _("social maps")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The original index's maps, each in the reader's language where translated.
        maps = SocialMapPage.objects.live().select_related("municipality", "locale")
        context["maps"] = in_reader_language(maps.child_of(source_page(self)), maps)
        return context


class SocialMapPage(RoutablePageMixin, SectionPage):
    """One municipality's social map: the list, the map, the entries and the booklet."""

    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="social_map_pages",
    )
    intro = RichTextField(_("introduction"), blank=True)
    booklet_title = models.CharField(
        _("booklet title"),
        max_length=200,
        blank=True,
        help_text=_("Printed on the booklet's cover; the page title when empty."),
    )

    parent_page_types = None
    subpage_types = []
    content_panels = [
        *SectionPage.content_panels,
        FieldPanel("municipality"),
        FieldPanel("intro"),
        FieldPanel("booklet_title"),
    ]

    class Meta:
        verbose_name = _("social map")

    @path("")
    def directory(self, request):
        from ..views import public

        return public.directory(request, self)

    @path("pakalpojums/<int:pk>/")
    def service(self, request, pk):
        from ..views import public

        return public.service_detail(request, self, pk)

    @path("organizacija/<int:pk>/")
    def organization(self, request, pk):
        from ..views import public

        return public.organization_detail(request, self, pk)

    @path("buklets/")
    def booklet(self, request):
        from ..views import booklet

        return booklet.booklet_html(request, self)

    @path("buklets/pdf/")
    def booklet_pdf(self, request):
        from ..views import booklet

        return booklet.booklet_pdf(request, self)
