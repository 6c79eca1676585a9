"""The map's GeoJSON, the filtered list, an entry, the booklet and the admin and portal
listings cost the same number of queries for a few entries and for many."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import entry

pytestmark = pytest.mark.django_db


def count_queries(client, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(captured)


def grow(n):
    for i in range(n):
        entry(
            name=f"Palīdzība {i}",
            areas=("food-and-goods", "clothing"),
            locations=2,
            days="MO,TU,WE,TH,FR,SA,SU",
            opens=dt.time(0, 1),
            closes=dt.time(23, 59),
        )


FILTERED = {"area": "food-and-goods", "free": "on", "open": "today", "lang": "ru"}


@pytest.mark.parametrize(
    "what",
    ["geojson", "list", "filtered list", "booklet"],
)
def test_same_queries_for_few_and_many(
    client, map_page, liepaja, what, django_assert_max_num_queries
):
    def url():
        if what == "geojson":
            return reverse("cases_api:social_map_geojson", args=[liepaja.slug]), FILTERED
        if what == "booklet":
            return f"{map_page.url}buklets/", {}
        return map_page.url, FILTERED if what == "filtered list" else {}

    grow(3)
    few = count_queries(client, *url())
    grow(30)
    many = count_queries(client, *url())
    assert many == few, (few, many)
    with django_assert_max_num_queries(few):
        client.get(*url())
    if what == "geojson":
        assert few <= 6  # municipality, the two filter vocabularies, three of data
