"""The public list, map and pages of a municipality: filters (area with its children, free,
language, open today / now on the Riga clock, near a place), what is never shown, bad input
as field messages, and the map never showing an entry the list lacks."""

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.social_map.models import Schedule
from tests.factories import PlaceFactory, entry

pytestmark = pytest.mark.django_db
RIGA = ZoneInfo("Europe/Riga")
#: A Wednesday at 11:30 in Riga.
WEDNESDAY = dt.datetime(2026, 3, 11, 11, 30, tzinfo=RIGA)


@pytest.fixture
def frozen(monkeypatch):
    def freeze(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    freeze(WEDNESDAY)
    return freeze


def names(response):
    return [card["service"].name for card in response.context["cards"]]


def geojson(client, municipality, query=""):
    url = reverse("cases_api:social_map_geojson", args=[municipality.slug])
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_the_list_shows_public_entries_with_their_facts(client, map_page, liepaja, frozen):
    entry(name="Zupas virtuve", areas=("food-and-goods",))
    response = client.get(map_page.url)
    assert response.status_code == 200
    assert names(response) == ["Zupas virtuve"]
    html = response.content.decode()
    assert "+371 20000001" in html and "Jūras iela" in html
    assert 'id="sm-map"' in html and "<noscript>" in html


def test_nothing_proposed_hidden_withdrawn_or_inactive_is_listed(
    client, map_page, map_editor, frozen
):
    shown = entry(name="Redzams")
    hidden = entry(name="Paslēpts")
    perform_transition(hidden, "flag_stale", None)
    perform_transition(hidden, "hide_stale", None)
    withdrawn = entry(name="Atsaukts")
    perform_transition(withdrawn, "withdraw", map_editor, TransitionInput(comment="Slēgts."))
    entry(name="Beidzies", status="defunct")
    response = client.get(map_page.url)
    assert names(response) == [shown.name]
    for service in (hidden, withdrawn):
        assert client.get(f"{map_page.url}pakalpojums/{service.pk}/").status_code == 404


def test_area_filter_includes_the_children(client, map_page, frozen):
    entry(name="Mantu apmaiņa", areas=("item-exchange",))
    entry(name="Juridiska konsultācija", areas=("legal-aid",))
    response = client.get(map_page.url, {"area": "food-and-goods"})
    assert names(response) == ["Mantu apmaiņa"]


def test_free_food_open_today_and_now(client, map_page, frozen):
    entry(name="Zupas virtuve", days="MO,TU,WE,TH,FR,SA,SU", opens=dt.time(12), closes=dt.time(14))
    entry(name="Pārtikas pakas", days="MO,TU", opens=dt.time(9), closes=dt.time(12))
    entry(name="Maksas ēdnīca", free_of_charge=False, fees_description="3 €")
    entry(name="Rīta kafija", days="WE", opens=dt.time(8), closes=dt.time(11))

    today = client.get(map_page.url, {"area": "food-and-goods", "free": "on", "open": "today"})
    assert names(today) == ["Rīta kafija", "Zupas virtuve"]
    now = client.get(map_page.url, {"open": "now"})  # 11:30 on Wednesday
    assert names(now) == ["Maksas ēdnīca"]


def test_a_schedule_outside_its_dates_is_not_open_today(client, map_page, frozen):
    service = entry(name="Vasaras nometne", days="WE")
    Schedule.objects.filter(site__service=service).update(valid_to=dt.date(2026, 1, 31))
    assert names(client.get(map_page.url, {"open": "today"})) == []


def test_language_filter(client, map_page, frozen):
    entry(name="Krieviski", languages=["ru"])
    entry(name="Latviski", languages=["lv"])
    assert names(client.get(map_page.url, {"lang": "ru"})) == ["Krieviski"]


def test_near_a_named_place_sorts_by_distance_and_keeps_the_radius(client, map_page, frozen):
    PlaceFactory(name="Karosta", latitude=Decimal("56.550000"), longitude=Decimal("21.020000"))
    near = entry(name="Tuvu")
    near.sites.update()
    near.sites.get().location.__class__.objects.filter(pk=near.sites.get().location_id).update(
        latitude=Decimal("56.551"), longitude=Decimal("21.021")
    )
    entry(name="Tālāk")  # 56.51, 21.01: about 4.5 km
    response = client.get(map_page.url, {"near": "karosta", "radius": "10"})
    assert names(response) == ["Tuvu", "Tālāk"]
    assert response.context["cards"][0]["distance_km"] < 0.5
    assert names(client.get(map_page.url, {"near": "Karosta", "radius": "1"})) == ["Tuvu"]


@pytest.mark.parametrize(
    "query, field",
    [
        ({"near": "Nekurienes iela"}, "near"),
        ({"lat": "70", "lon": "21"}, "lat"),
        ({"open": "vakar"}, "open"),
        ({"page": "abc"}, "page"),
        ({"q": "x" * 500}, "q"),
    ],
)
def test_bad_filters_are_field_messages_not_errors(client, map_page, query, field):
    response = client.get(map_page.url, query)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_the_map_shows_only_what_the_list_shows(client, map_page, liepaja, frozen):
    entry(name="Zupas virtuve", days="WE", opens=dt.time(11), closes=dt.time(14))
    entry(name="Juridiska palīdzība", areas=("legal-aid",), days="MO")
    no_coordinates = entry(name="Tālrunis", locations=1)
    no_coordinates.sites.get().location.__class__.objects.filter(
        pk=no_coordinates.sites.get().location_id
    ).update(latitude=None, longitude=None)
    for query in ("", "open=now", "area=legal-aid", "free=on&lang=ru", "q=zupa"):
        response = client.get(f"{map_page.url}?{query}")
        listed = {card["service"].pk for card in response.context["cards"]}
        data = geojson(client, liepaja, query)
        mapped = {s["id"] for f in data["features"] for s in f["properties"]["services"]}
        assert mapped <= listed, query
    data = geojson(client, liepaja, "open=now")
    [feature] = data["features"]
    assert feature["geometry"]["coordinates"] == [21.01, 56.51]  # [longitude, latitude]
    assert feature["properties"]["services"][0]["hours_today"] == "11:00–14:00"


def test_geojson_names_follow_the_language(client, liepaja, frozen):
    entry(name="Zupas virtuve", name_ru="Бесплатный суп")
    data = geojson(client, liepaja, "language=ru")
    assert data["features"][0]["properties"]["services"][0]["name"] == "Бесплатный суп"


def test_geojson_refuses_bad_filters_and_unknown_municipalities(client, liepaja):
    url = reverse("cases_api:social_map_geojson", args=[liepaja.slug])
    assert client.get(f"{url}?open=vakar").status_code == 422
    missing = reverse("cases_api:social_map_geojson", args=["nav-tadas"])
    assert client.get(missing).status_code == 404


def test_the_service_page(client, map_page, frozen):
    service = entry(name="Zupas virtuve", application_process="Jāatnāk ar pasi.")
    response = client.get(f"{map_page.url}pakalpojums/{service.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jāatnāk ar pasi." in html and "tel:+37120000001" in html
    assert reverse("social_map_portal:propose_correction", args=[service.pk]) in html


def test_the_organisation_page_lists_its_public_services(client, map_page, frozen):
    service = entry(name="Zupas virtuve")
    response = client.get(f"{map_page.url}organizacija/{service.organization_id}/")
    assert response.status_code == 200 and "Zupas virtuve" in response.content.decode()
    assert client.get(f"{map_page.url}organizacija/999999/").status_code == 404


def test_russian_page(client, map_page, frozen):
    entry(name="Zupas virtuve", name_ru="Бесплатный суп")
    client.cookies["django_language"] = "ru"
    response = client.get("/ru" + map_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Бесплатный суп" in html
    assert "Продукты и вещи" in html  # the area of help in Russian
