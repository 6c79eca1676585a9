"""The social map in the case API (``/api/cases/social-map/…``, public, read-only): the map's
GeoJSON per municipality and the directory in Open Referral HSDS 3.0 form (``hsds.py``).
Registered from ``SocialMapConfig.ready()``; the OpenAPI document is the case API's own
(``/api/cases/openapi.json``)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from kopiena.casework.api.errors import error_body, responses
from kopiena.casework.api.types import Slug, text
from kopiena.casework.models import Municipality

from . import hsds, mapdata
from .forms import SocialMapFilterForm
from .models import Service

router = Router(tags=["social map"])


class MapFilters(Schema):
    q: text(100) = ""
    area: list[text(60)] = Field(default_factory=list, max_length=30)
    group: list[text(120)] = Field(default_factory=list, max_length=30)
    free: bool = False
    lang: list[text(10)] = Field(default_factory=list, max_length=5)
    open: text(10) = Field("", description="`today` or `now` (Latvian time)")
    language: text(5) = Field("lv", description="Language of the names: lv, ru or en")


class FeatureCollectionOut(Schema):
    type: str
    features: list[dict]
    metadata: dict


@router.get(
    "/municipalities/{slug}/map.geojson",
    auth=None,
    response=responses(FeatureCollectionOut, 404, 422),
    operation_id="social_map_geojson",
    url_name="social_map_geojson",
)
def map_geojson(request, slug: Slug, filters: Query[MapFilters]):
    """The municipality's places with their public services as a GeoJSON FeatureCollection
    (points are ``[longitude, latitude]``), filtered like the public list."""
    municipality = get_object_or_404(Municipality, slug=slug)
    form = SocialMapFilterForm(request.GET, municipality=municipality)
    if not form.is_valid():
        errors = {
            field: [error["message"] for error in field_errors]
            for field, field_errors in form.errors.get_json_data().items()
        }
        return JsonResponse(error_body(_("Some filters are invalid."), errors), status=422)
    language = filters.language if filters.language in ("lv", "ru", "en") else "lv"
    with translation.override(language):
        data = mapdata.geojson(municipality, form.to_filters(), language)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json; charset=utf-8"
    return response


# --- HSDS 3.0 ----------------------------------------------------------------------------------


class HsdsRootOut(Schema):
    version: str
    profile: str
    openapi_url: str


class HsdsPageOut(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict]


class HsdsListParams(Schema):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(20, ge=1, le=100)
    municipality: text(120) = ""
    taxonomy_term_id: text(40) = ""
    search: text(100) = ""


def _municipality_or_404(slug):
    if not slug:
        return None
    return get_object_or_404(Municipality, slug=slug)


@router.get(
    "/hsds/",
    auth=None,
    response=responses(HsdsRootOut),
    operation_id="social_map_hsds_root",
    url_name="social_map_hsds_root",
)
def hsds_root(request):
    """The HSDS API root: which HSDS version this directory follows."""
    from django.urls import reverse

    return {
        "version": hsds.VERSION,
        "profile": "https://docs.openreferral.org/en/v3.0/",
        "openapi_url": request.build_absolute_uri(reverse("cases_api:openapi-json")),
    }


@router.get(
    "/hsds/services",
    auth=None,
    response=responses(HsdsPageOut, 404),
    operation_id="social_map_hsds_services",
    url_name="social_map_hsds_services",
)
def hsds_services(request, params: Query[HsdsListParams]):
    """Public services as fully nested HSDS ``service`` objects, a page at a time
    (``page``, ``per_page`` ≤ 100)."""
    services = hsds.public_services(_municipality_or_404(params.municipality))
    if params.taxonomy_term_id:
        services = services.filter(areas__uuid=_uuid_or_404(params.taxonomy_term_id))
    if params.search:
        services = services.filter(name__icontains=params.search)
    services = services.order_by("name", "pk")
    total = services.count()
    start = (params.page - 1) * params.per_page
    page_ids = list(services.values_list("pk", flat=True)[start : start + params.per_page])
    contents = hsds.nested_services(hsds.tables(services=Service.objects.filter(pk__in=page_ids)))
    total_pages = max(1, -(-total // params.per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _uuid_or_404(value):
    import uuid

    from django.http import Http404

    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


@router.get(
    "/hsds/services/{service_id}",
    auth=None,
    response=responses(dict, 404),
    operation_id="social_map_hsds_service",
    url_name="social_map_hsds_service",
)
def hsds_service(request, service_id: text(40)):
    """One public service, fully nested (HSDS ``service``)."""
    services = Service.objects.public().filter(uuid=_uuid_or_404(service_id))
    nested = hsds.nested_services(hsds.tables(services=services))
    if not nested:
        from django.http import Http404

        raise Http404
    return nested[0]


@router.get(
    "/hsds/taxonomy_terms",
    auth=None,
    response=responses(list[dict]),
    operation_id="social_map_hsds_taxonomy_terms",
)
def hsds_taxonomy_terms(request):
    """The areas of help and target groups as HSDS ``taxonomy_term`` objects."""
    out = {"taxonomy": [], "taxonomy_term": []}
    hsds._taxonomies(out)
    return out["taxonomy_term"]


@router.get(
    "/hsds/taxonomies",
    auth=None,
    response=responses(list[dict]),
    operation_id="social_map_hsds_taxonomies",
)
def hsds_taxonomies(request):
    out = {"taxonomy": [], "taxonomy_term": []}
    hsds._taxonomies(out)
    return out["taxonomy"]


@router.get(
    "/hsds/export.zip",
    auth=None,
    response=responses(bytes, 404),
    operation_id="social_map_hsds_package",
    url_name="social_map_hsds_package",
)
def hsds_package(request, municipality: text(120) = ""):
    """The public directory (of a ``municipality``, or all of it) as an HSDS 3.0 Tabular
    Data Package: a ZIP of ``datapackage.json`` and one CSV per table."""
    from django.http import HttpResponse

    place = _municipality_or_404(municipality)
    data = hsds.write_package(hsds.tables(place))
    response = HttpResponse(data, content_type="application/zip")
    name = f"hsds-{place.slug if place else 'kopiena'}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "/hsds/export.json",
    auth=None,
    response=responses(list[dict], 404),
    operation_id="social_map_hsds_json",
    url_name="social_map_hsds_json",
)
def hsds_json(request, municipality: text(120) = ""):
    """The public directory as HSDS JSON: an array of fully nested ``service`` objects."""
    return hsds.nested_services(hsds.tables(_municipality_or_404(municipality)))
