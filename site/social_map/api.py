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

from . import mapdata
from .forms import SocialMapFilterForm

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
