"""The HSDS export checked against the HSDS 3.0 tables (``hsds_spec.py``, written from the
specification): every CSV's headers are fields of its table, the required fields are filled,
ids are unique UUIDs, references resolve, values have the table's types and formats; the
datapackage lists the files; the JSON services pass the same checks; the API answers in the
HSDS page shape."""

import csv
import datetime as dt
import io
import json
import re
import uuid
import zipfile
from decimal import Decimal

import pytest
from django.core.validators import EmailValidator, URLValidator
from django.urls import reverse

from kopiena.social_map.models import Language, Phone
from tests.factories import entry

from .hsds_spec import TABLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(ngo, liepaja):
    ngo.registration_number = "40008340017"
    ngo.save()
    Phone.objects.create(organization=ngo, number="+371 63400000")
    first = entry(
        organization=ngo,
        name="Mantu apmaiņa",
        areas=("item-exchange", "clothing"),
        required_documents="Personas apliecība\nIzziņa",
        url="https://example.lv/mantas",
        email="mantas@example.lv",
        languages=[Language.LATVIAN, Language.RUSSIAN, Language.OTHER],
        languages_other="ukraiņu",
        locations=2,
    )
    location = first.sites.first().location
    location.accessibility = "Ieeja bez pakāpieniem."
    location.save()
    entry(
        name="Maksas konsultācija",
        free_of_charge=False,
        fees_description="5 €",
        cost_amount=Decimal("5"),
    )
    from kopiena.casework.models import TargetGroup

    group = TargetGroup.objects.create(name="Seniori", slug="seniori")
    first.target_groups.add(group)
    return first


def read_package(client, query=""):
    response = client.get(reverse("cases_api:social_map_hsds_package") + query)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    descriptor = json.loads(archive.read("datapackage.json"))
    tables = {}
    for resource in descriptor["resources"]:
        text = archive.read(resource["path"]).decode("utf-8")
        tables[resource["name"]] = (resource, list(csv.DictReader(io.StringIO(text))))
    return descriptor, tables


URL = URLValidator(schemes=["http", "https"])
EMAIL = EmailValidator()


def check_value(table, name, value):
    """``value`` (a non-empty CSV string or a JSON value) has its field's type and format."""
    spec = TABLES[table].fields[name]
    text = str(value)
    if spec.type == "number":
        float(text)
    if spec.format in ("uuid",):
        assert str(uuid.UUID(text)) == text.lower(), (table, name, value)
    elif spec.format == "email":
        EMAIL(text)
    elif spec.format == "uri":
        URL(text)
    elif spec.format == "date":
        dt.date.fromisoformat(text)
    elif spec.format == "time":
        assert re.fullmatch(r"\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?", text), (table, name, value)
    elif spec.format == "date-time":
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if spec.enum:
        assert text in spec.enum, (table, name, value)


def test_the_package_conforms_to_the_hsds_tables(client, directory):
    descriptor, tables = read_package(client)
    assert descriptor["profile"] == "tabular-data-package"
    assert set(tables) <= set(TABLES)
    ids = {}
    for name, (resource, rows) in tables.items():
        spec = TABLES[name]
        assert resource["path"] == spec.path, name
        headers = [f["name"] for f in resource["schema"]["fields"]]
        assert set(headers) <= set(spec.fields), (name, set(headers) - set(spec.fields))
        for required in (*spec.required, *spec.tabular_required):
            assert required in headers, (name, required)
        seen = set()
        for row in rows:
            assert list(row) == headers
            for required in (*spec.required, *spec.tabular_required):
                assert row[required], (name, required, row)
            for field_name, value in row.items():
                if value:
                    check_value(name, field_name, value)
                    if spec.fields[field_name].unique:
                        assert (field_name, value) not in seen, (name, field_name, value)
                        seen.add((field_name, value))
        ids[name] = {row["id"] for row in rows}
    all_ids = [i for values in ids.values() for i in values]
    assert len(all_ids) == len(set(all_ids)), "ids are unique across the tables"
    for name, (_resource, rows) in tables.items():
        for field_name, target in TABLES[name].references.items():
            for row in rows:
                if row.get(field_name):
                    assert row[field_name] in ids[target], (name, field_name, row[field_name])
    assert {row["link_id"] for row in tables["attribute"][1]} <= ids["service"]
    assert len(tables["service"][1]) == 2 and len(tables["location"][1]) == 3
    assert len(tables["language"][1]) == 5 and len(tables["required_document"][1]) == 2
    assert tables["organization_identifier"][1][0]["identifier"] == "40008340017"


def test_the_package_of_a_municipality_holds_only_its_entries(client, directory):
    from tests.factories import DirectoryOrganizationFactory, MunicipalityFactory

    elsewhere = MunicipalityFactory(name="Rēzeknes novads", slug="rezeknes-novads")
    entry(organization=DirectoryOrganizationFactory(municipality=elsewhere), name="Viļānos")
    _descriptor, tables = read_package(client, "?municipality=liepaja")
    assert "Viļānos" not in {row["name"] for row in tables["service"][1]}
    assert (
        client.get(reverse("cases_api:social_map_hsds_package") + "?municipality=nav").status_code
        == 404
    )


def _check_object(table, obj):
    spec = TABLES[table]
    for required in spec.required:
        assert obj.get(required) not in (None, ""), (table, required)
    for key, value in obj.items():
        if key in spec.fields and value not in (None, ""):
            check_value(table, key, value)
        elif key not in spec.fields:
            assert isinstance(value, list | dict), (table, key)


def test_the_json_services_are_nested_hsds_objects(client, directory):
    response = client.get(reverse("cases_api:social_map_hsds_json"))
    services = json.loads(response.content)
    assert len(services) == 2
    for service in services:
        _check_object("service", service)
        _check_object("organization", service["organization"])
        for site in service["service_at_locations"]:
            _check_object("service_at_location", site)
            _check_object("location", site["location"])
            for address in site["location"]["addresses"]:
                _check_object("address", address)
            for schedule in site["schedules"]:
                _check_object("schedule", schedule)
        for attribute in service["attributes"]:
            _check_object("attribute", attribute)
            _check_object("taxonomy_term", attribute["taxonomy_term"])
        for key, table in (
            ("phones", "phone"),
            ("languages", "language"),
            ("cost_options", "cost_option"),
        ):
            for item in service[key]:
                _check_object(table, item)
    free = next(s for s in services if s["name"] == "Mantu apmaiņa")
    assert free["cost_options"][0]["amount"] == 0.0
    assert isinstance(free["service_at_locations"][0]["location"]["latitude"], float)


def test_the_hsds_api_pages_and_one_service(client, directory):
    root = json.loads(client.get(reverse("cases_api:social_map_hsds_root")).content)
    assert root["version"] == "3.0" and root["openapi_url"].endswith("/api/cases/openapi.json")
    page = json.loads(
        client.get(reverse("cases_api:social_map_hsds_services") + "?per_page=1").content
    )
    assert page["total_items"] == 2 and page["total_pages"] == 2 and page["size"] == 1
    assert page["first_page"] and not page["last_page"] and not page["empty"]
    one = page["contents"][0]
    url = reverse("cases_api:social_map_hsds_service", args=[one["id"]])
    assert json.loads(client.get(url).content)["id"] == one["id"]
    assert (
        client.get(reverse("cases_api:social_map_hsds_service", args=["nav-uuid"])).status_code
        == 404
    )
    assert (
        client.get(reverse("cases_api:social_map_hsds_services") + "?per_page=1000").status_code
        == 400
    )


def test_the_openapi_document_lists_the_social_map(client):
    document = json.loads(client.get(reverse("cases_api:openapi-json")).content)
    paths = set(document["paths"])
    assert "/api/cases/social-map/municipalities/{slug}/map.geojson" in paths
    assert "/api/cases/social-map/hsds/services" in paths
