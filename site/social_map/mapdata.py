"""The map's data: a municipality's places with their matching services as GeoJSON.

Built from flat ``values()`` rows — the places with their services, the services' areas,
today's hours — so it costs four queries for a handful of places and for 8 000
(``tests/social_map/test_queries.py``). The rows are those of the public list with the same
filters (``ServiceAtLocationQuerySet.matching``), less the ones without coordinates: the
map never shows an entry the list lacks.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .hours import format_interval, riga_now
from .models import Schedule, Service, ServiceAtLocation
from .models.translated import translated_dict


def matching_sites(municipality, filters):
    return ServiceAtLocation.objects.public().in_municipality(municipality).matching(filters)


def geojson(municipality, filters, language: str) -> dict:
    sites = matching_sites(municipality, filters).filter(location__latitude__isnull=False)
    rows = list(
        sites.order_by("location_id", "service__name", "pk").values(
            "pk",
            "service_id",
            "service__uuid",
            "service__name",
            "service__name_ru",
            "service__name_en",
            "service__status",
            "service__free_of_charge",
            "service__organization__name",
            "location_id",
            "location__uuid",
            "location__name",
            "location__address_1",
            "location__address_2",
            "location__city",
            "location__latitude",
            "location__longitude",
        )
    )
    site_ids = sites.values("pk")
    areas: dict[int, list[str]] = {}
    for service_id, code in Service.areas.through.objects.filter(
        service_id__in=sites.values("service_id")
    ).values_list("service_id", "taxonomyterm__code"):
        areas.setdefault(service_id, []).append(code)
    today = riga_now(filters.at).date()
    hours_today: dict[int, list[str]] = {}
    for site_id, opens, closes in (
        Schedule.objects.filter(site_id__in=site_ids)
        .open_on(today)
        .order_by("opens_at")
        .values_list("site_id", "opens_at", "closes_at")
    ):
        hours_today.setdefault(site_id, []).append(format_interval(opens, closes))

    features: dict[int, dict] = {}
    for row in rows:
        feature = features.get(row["location_id"])
        if feature is None:
            address = ", ".join(
                p
                for p in (
                    row["location__address_1"],
                    row["location__address_2"],
                    row["location__city"],
                )
                if p
            )
            feature = features[row["location_id"]] = {
                "type": "Feature",
                "id": str(row["location__uuid"]),
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        float(row["location__longitude"]),
                        float(row["location__latitude"]),
                    ],
                },
                "properties": {
                    "name": row["location__name"] or address,
                    "address": address,
                    "services": [],
                },
            }
        service = {
            k.removeprefix("service__"): v for k, v in row.items() if k.startswith("service__")
        }
        feature["properties"]["services"].append(
            {
                "id": row["service_id"],
                "uuid": str(row["service__uuid"]),
                "name": translated_dict(service, "name", language),
                "organization": row["service__organization__name"],
                "areas": sorted(areas.get(row["service_id"], [])),
                "free": row["service__free_of_charge"],
                "temporarily_closed": row["service__status"] == "temporarily closed",
                "open_today": bool(hours_today.get(row["pk"])),
                "hours_today": ", ".join(hours_today.get(row["pk"], [])),
            }
        )
    return {
        "type": "FeatureCollection",
        "features": list(features.values()),
        "metadata": {
            "municipality": municipality.slug,
            "generated": riga_now().isoformat(timespec="seconds"),
            "note": _(
                "The same entries as the list; places without coordinates are only in the list."
            ),
        },
    }
