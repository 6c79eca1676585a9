"""Turning what a person types into "near" into coordinates, without an outside service:
a named place of the municipality (microdistrict, parish, landmark), else a street the
directory itself knows (the centre of its places on that street)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg

from .models import Location, Place, search_key


@dataclass(frozen=True)
class Found:
    name: str
    latitude: Decimal
    longitude: Decimal


def locate(text: str, municipality=None) -> Found | None:
    key = search_key(text)
    if not key:
        return None
    places = Place.objects.all()
    if municipality is not None:
        places = places.filter(municipality=municipality)
    place = (
        places.filter(search_key=key).first() or places.filter(search_key__startswith=key).first()
    )
    if place is not None:
        return Found(place.name, place.latitude, place.longitude)
    street = re.split(r"\s\d", text.strip(), maxsplit=1)[0].strip(" ,")
    if len(street) < 3:
        return None
    locations = Location.objects.with_coordinates().filter(address_1__icontains=street)
    if municipality is not None:
        locations = locations.filter(municipality=municipality)
    centre = locations.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    if centre["lat"] is None:
        return None
    return Found(street, Decimal(str(centre["lat"])), Decimal(str(centre["lon"])))
