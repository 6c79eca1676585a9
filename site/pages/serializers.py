"""Serializer fields of the page API (``api_fields`` of the page types; the endpoint is
``pages.api.KopienaPagesAPIViewSet``).

Each one reads only what ``ClassifiedPageQuerySet.for_listing()`` prefetched, so a listing of
fifty pages costs the queries of a listing of five. Wagtail's own ``TagsField`` and
``StreamField`` serializers query once per page (``tags.all().order_by()``, the image choosers'
``bulk_to_python``); the replacements here do not.
"""

from django.db.models import Model
from rest_framework.fields import Field
from wagtail.api.rich_text import APIRichText
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import Filter, SourceImageIOError

from kopiena.pages.models.images import CONSENT_ACCESSOR, HERO_RENDITIONS, is_publishable

#: Renditions of an image inside a page body.
BODY_IMAGE_RENDITIONS = {"large": "max-1200x1200", "thumbnail": "fill-400x300"}


def rendition_representations(image, renditions):
    """``{name: {"url", "full_url", "width", "height", "alt"}}`` for ``renditions``
    (``{name: spec}``), as Wagtail's ``ImageRenditionField`` gives each one.

    All of them come from one ``Image.get_renditions()``: when the listing prefetched them
    it writes nothing to the cache, where ``get_rendition()`` (behind
    ``ImageRenditionField``) writes each rendition back every time, a cache round trip per
    rendition per item. An image whose file is missing gets ``{"error": ...}`` per rendition,
    as from ``ImageRenditionField``.
    """
    try:
        found = image.get_renditions(*renditions.values())
    except SourceImageIOError:
        return {
            name: ImageRenditionField(spec).to_representation(image)
            for name, spec in renditions.items()
        }
    result = {}
    for name, spec in renditions.items():
        # get_renditions() keys by the spec it used (an SVG's is made SVG-safe)
        rendition = found[image.clean_filter_for_svg(Filter(spec=spec)).spec]
        result[name] = {
            "url": rendition.url,
            "full_url": rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.alt,
        }
    return result


def image_representation(image, renditions):
    """An image as the API gives it, or ``None`` when it must not be shown (no consent)."""
    if not is_publishable(image):
        return None
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text,
        "renditions": rendition_representations(image, renditions),
    }


class HeroImageField(Field):
    """``{"id", "title", "alt", "renditions": {"large": {...}, "thumbnail": {...}}}``, each
    rendition as Wagtail's ``ImageRenditionField`` gives it; ``null`` for an image without
    consent."""

    def to_representation(self, image):
        return image_representation(image, HERO_RENDITIONS)


class NamedSlugField(Field):
    """A snippet as ``{"id", "name", "slug"}`` (and any ``extra`` attributes)."""

    def __init__(self, *args, extra=(), **kwargs):
        self.extra = tuple(extra)
        super().__init__(*args, **kwargs)

    def represent(self, obj):
        data = {"id": obj.pk, "name": obj.name, "slug": obj.slug}
        data.update({name: getattr(obj, name) for name in self.extra})
        return data

    def to_representation(self, obj):
        return self.represent(obj)


class NamedSlugListField(NamedSlugField):
    """A many-to-many of snippets, read from the prefetch cache."""

    def to_representation(self, manager):
        return [self.represent(obj) for obj in manager.all()]


class PrefetchedTagsField(Field):
    """Tag names, sorted; unlike Wagtail's ``TagsField`` it uses the prefetched tags."""

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


class ChoiceField(Field):
    """A ``TextChoices`` value as ``{"value", "label"}``; ``null`` when empty."""

    def __init__(self, choices, *args, **kwargs):
        self.labels = dict(choices.choices)
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        if not value:
            return None
        return {"value": value, "label": str(self.labels.get(value, value))}


class ChoiceListField(ChoiceField):
    def to_representation(self, values):
        return [ChoiceField.to_representation(self, value) for value in values or []]


class StreamBodyField(Field):
    """A news body as ``[{"type", "id", "value"}]``, like Wagtail's ``StreamField`` serializer,
    except that images come as renditions (``null`` without consent) and documents with their
    URL, and that the images and documents of every page in the response are loaded together:
    two queries for the whole list instead of two per page."""

    def _pages(self):
        instance = self.root.instance  # the page, or the (evaluated) page of a listing
        return [instance] if isinstance(instance, Model) else instance

    def _objects(self):
        cache = self.context.setdefault("_kopiena_body_objects", {})
        if not cache:
            image_ids, document_ids = set(), set()
            for page in self._pages():
                body = getattr(page, self.source or self.field_name, None)
                for item in body.raw_data if body is not None else ():
                    if item["type"] == "image" and item["value"].get("image"):
                        image_ids.add(item["value"]["image"])
                    elif item["type"] == "document" and item["value"].get("document"):
                        document_ids.add(item["value"]["document"])
            cache["images"] = (
                get_image_model()
                .objects.select_related(CONSENT_ACCESSOR)
                .prefetch_renditions(*BODY_IMAGE_RENDITIONS.values())
                .in_bulk(image_ids)
                if image_ids
                else {}
            )
            cache["documents"] = (
                get_document_model().objects.in_bulk(document_ids) if document_ids else {}
            )
        return cache

    def _rich_text_format(self):
        request = self.context.get("request")
        return APIRichText.resolve_format(request.GET.get("rich_text_format") if request else None)

    def to_representation(self, stream_value):
        objects = self._objects()
        request = self.context.get("request")
        result = []
        for item in stream_value.raw_data:
            block_type, value = item["type"], item["value"]
            if block_type == "image":
                image = objects["images"].get(value.get("image"))
                value = {
                    "image": image_representation(image, BODY_IMAGE_RENDITIONS),
                    "caption": value.get("caption", ""),
                }
            elif block_type == "document":
                document = objects["documents"].get(value.get("document"))
                value = {
                    "document": None
                    if document is None
                    else {
                        "id": document.pk,
                        "title": document.title,
                        "url": request.build_absolute_uri(document.url)
                        if request
                        else document.url,
                    },
                    "label": value.get("label", ""),
                }
            elif block_type == "paragraph":
                value = APIRichText.serialize(value, format=self._rich_text_format())
            result.append({"type": block_type, "id": item.get("id"), "value": value})
        return result
