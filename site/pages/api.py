"""The pages endpoint of the headless API (``/api/v2/pages/``, registered in
``config.api``): Wagtail's ``PagesAPIViewSet`` with

* ``?municipality=<slug>`` and ``?target_group=<slug>`` filters for news and pilot stories
  (``type=kopiena_pages.NewsPage`` or ``type=kopiena_pages.PilotStoryPage``); a malformed or
  unknown slug is a 400 with a JSON ``message``, like every other bad parameter of Wagtail's API;
* listings read through the page type's ``for_listing()`` queryset, so fifty pages with
  ``fields=*`` cost the queries of five;
* the cache (Redis in production) asked a fixed number of times per request, not per page:
  ``meta.html_url`` reads the site root paths once per request, and the prefetched
  renditions are not written back (``pages.serializers``).

The images and documents endpoints read the tags of a whole listing in one query (Wagtail's
own serializers ask once per item).
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import validate_slug
from django.urls import NoReverseMatch
from rest_framework.filters import BaseFilterBackend
from taggit.managers import _TaggableManager
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from kopiena.casework.models import Municipality, TargetGroup
from kopiena.pages.models.images import publishable_images_q
from kopiena.pages.serializers import PrefetchedTagsField

#: query parameter -> (snippet model, lookup on the page model)
TAXONOMY_FILTERS = {
    "municipality": (Municipality, "municipality"),
    "target_group": (TargetGroup, "target_groups"),
}


class TaxonomyFilter(BaseFilterBackend):
    """Filters pages by the slug of their municipality or of one of their target groups."""

    def filter_queryset(self, request, queryset, view):
        for parameter, (model, lookup) in TAXONOMY_FILTERS.items():
            values = request.GET.getlist(parameter)
            if not values:
                continue
            if len(values) > 1:
                raise BadRequestError(f"give '{parameter}' once")
            value = values[0]
            if not _has_field(queryset.model, lookup):
                raise BadRequestError(
                    f"filtering by '{parameter}' needs type=kopiena_pages.NewsPage or "
                    "type=kopiena_pages.PilotStoryPage"
                )
            try:
                validate_slug(value)
            except ValidationError as error:
                raise BadRequestError(f"'{value}' is not a valid {parameter} slug") from error
            obj = model.objects.filter(slug=value).first()
            if obj is None:
                raise BadRequestError(f"unknown {parameter}: '{value}'")
            queryset = queryset.filter(**{lookup: obj})
        return queryset


def _has_field(model, name) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class RequestPageHtmlUrlField(PageHtmlUrlField):
    """``meta.html_url`` with the site root paths read once per request: Wagtail's field
    asks ``page.full_url``, which reads them from the cache again for every page."""

    def to_representation(self, page):
        try:
            return page.get_full_url(request=self.context.get("request"))
        except NoReverseMatch:
            return None


class KopienaPageSerializer(PageSerializer):
    html_url = RequestPageHtmlUrlField(read_only=True)


class KopienaPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = KopienaPageSerializer
    filter_backends = [TaxonomyFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(TAXONOMY_FILTERS)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # Filtered by slug in TaxonomyFilter, not by primary key in Wagtail's FieldsFilter
            # (which would turn a slug into a 400 "not a valid value").
            fields = [name for name in fields if name not in {"municipality", "target_groups"}]
        return fields

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "for_listing"):
            return queryset.for_listing()
        return queryset.select_related("locale")  # every item says its locale


class PrefetchedTagsMixin:
    """A serializer whose tags come from the prefetch of the endpoint's queryset."""

    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name), _TaggableManager):
            return PrefetchedTagsField, {}
        return super().build_property_field(field_name, model_class)


class KopienaImageSerializer(PrefetchedTagsMixin, ImageSerializer):
    pass


class KopienaDocumentSerializer(PrefetchedTagsMixin, DocumentSerializer):
    pass


class ConsentImagesAPIViewSet(ImagesAPIViewSet):
    """Wagtail's images endpoint without the images nobody agreed to show: it gives each
    image's download URL to anyone."""

    base_serializer_class = KopienaImageSerializer

    def get_queryset(self):
        return super().get_queryset().filter(publishable_images_q()).prefetch_related("tags")


class KopienaDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Wagtail's documents endpoint, its tags read with the listing."""

    base_serializer_class = KopienaDocumentSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class PagePreviewAPIViewSet(KopienaPagesAPIViewSet):
    """``/api/v2/page_preview/?token=…``: the unsaved page an editor is previewing, in the
    same shape the ``pages`` endpoint gives a published one (every field of the page type).
    The token comes from the "Front end" preview mode (``kopiena.pages.models.previews``);
    without a current one the answer is 404."""

    known_query_parameters = KopienaPagesAPIViewSet.known_query_parameters.union(
        {"token", "content_type"}
    )

    def get_object(self):
        from django.http import Http404

        from kopiena.pages.models.previews import HeadlessPreview

        if not hasattr(self, "_preview_page"):
            token = self.request.GET.get("token", "")[:64]
            preview = HeadlessPreview.objects.current().filter(token=token).first()
            if not token or preview is None:
                raise Http404
            self._preview_page = preview.as_page()
        return self._preview_page

    def listing_view(self, request):
        from rest_framework.response import Response

        self.action = "detail_view"
        return Response(self.get_serializer(self.get_object()).data)

    def detail_view(self, request, pk):
        from django.http import Http404

        raise Http404
