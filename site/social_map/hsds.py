"""The directory in Open Referral's Human Services Data Specification (HSDS) 3.0.

:func:`tables` reads the public entries (of a municipality, or all) into HSDS tables — one
list of rows per table, with HSDS field names and ids — in a fixed number of queries;
:func:`write_package` writes them as a Tabular Data Package (``datapackage.json`` and one CSV
per table, in a ZIP) and :func:`nested_services` as HSDS JSON (fully nested ``service``
objects). Records that have no HSDS id of their own (an address, a language, a document) get
a stable one: UUID 5 of their parent's id and what they are.

Notes on the mapping: HSDS 3.0 requires ``state_province`` and ``postal_code`` in an address —
Latvia has no states, so it holds the municipality; a place without a street address has no
address row. Times are Latvian local time; ``schedule.timezone`` is Riga's UTC offset on the
day of the export. A free service has a cost option of 0 EUR.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone

from kopiena.casework.models import TargetGroup

from .models import (
    Language,
    Location,
    OrganizationKind,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

VERSION = "3.0"
NAMESPACE = uuid.UUID("4f0d3f0e-2b7e-4d4c-9a55-6b0c1f4e8a11")
RIGA = ZoneInfo("Europe/Riga")
LEGAL_STATUS = {
    OrganizationKind.MUNICIPAL: "municipal institution",
    OrganizationKind.STATE: "state institution",
    OrganizationKind.NGO: "non-profit association or foundation",
    OrganizationKind.RELIGIOUS: "religious organisation",
    OrganizationKind.OTHER: "other",
}
LANGUAGE_NAMES = {"lv": "Latvian", "ru": "Russian", "en": "English"}

#: Each table's CSV file and columns, in HSDS field names.
COLUMNS = {
    "organization": (
        "organizations.csv",
        ["id", "name", "alternate_name", "description", "email", "website", "legal_status"],
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"],
    ),
    "service": (
        "services.csv",
        [
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "last_modified",
        ],
    ),
    "location": (
        "locations.csv",
        [
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "description",
            "transportation",
            "latitude",
            "longitude",
        ],
    ),
    "address": (
        "addresses.csv",
        [
            "id",
            "location_id",
            "address_1",
            "address_2",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    "service_at_location": (
        "service_at_location.csv",
        ["id", "service_id", "location_id", "description"],
    ),
    "phone": (
        "phones.csv",
        ["id", "organization_id", "service_id", "location_id", "number", "type", "description"],
    ),
    "schedule": (
        "schedules.csv",
        [
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "timezone",
            "wkst",
            "freq",
            "byday",
            "opens_at",
            "closes_at",
            "description",
            "attending_type",
        ],
    ),
    "language": ("languages.csv", ["id", "service_id", "name", "code", "note"]),
    "accessibility": ("accessibility.csv", ["id", "location_id", "description"]),
    "attribute": (
        "attributes.csv",
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
    ),
    "taxonomy": ("taxonomies.csv", ["id", "name", "description", "uri", "version"]),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        ["id", "code", "name", "description", "parent_id", "taxonomy", "language", "taxonomy_id"],
    ),
    "cost_option": (
        "cost_options.csv",
        ["id", "service_id", "option", "currency", "amount", "amount_description"],
    ),
    "required_document": ("required_documents.csv", ["id", "service_id", "document"]),
}


def derived_id(parent, what: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{parent}:{what}"))


def target_group_id(slug: str) -> str:
    return derived_id("target-group", slug)


def _time(value) -> str:
    return value.strftime("%H:%M") if value else ""


def _date(value) -> str:
    return value.isoformat() if value else ""


def _riga_offset_hours(on: dt.date) -> int:
    moment = dt.datetime.combine(on, dt.time(12), tzinfo=RIGA)
    return int(moment.utcoffset().total_seconds() // 3600)


def public_services(municipality=None):
    services = Service.objects.public()
    if municipality is not None:
        services = services.filter(sites__location__municipality=municipality).distinct()
    return services


def tables(municipality=None, services=None) -> dict[str, list[dict]]:
    """Every HSDS table of the public directory (a municipality's, or all of it), or of the
    public ``services`` given."""
    services = list(
        (services if services is not None else public_services(municipality))
        .select_related("organization", "organization__municipality")
        .prefetch_related(
            "areas",
            "target_groups",
            Prefetch("phones", queryset=Phone.objects.order_by("order", "pk")),
            Prefetch(
                "sites",
                queryset=ServiceAtLocation.objects.select_related(
                    "location", "location__municipality"
                ).prefetch_related(
                    Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
                    Prefetch("location__phones", queryset=Phone.objects.order_by("order", "pk")),
                ),
            ),
        )
        .order_by("name", "pk")
    )
    out: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    organizations = {}
    locations: dict[int, Location] = {}
    offset = _riga_offset_hours(timezone.localdate())
    for service in services:
        organizations.setdefault(service.organization_id, service.organization)
        sid = str(service.uuid)
        out["service"].append(
            {
                "id": sid,
                "organization_id": str(service.organization.uuid),
                "name": service.name,
                "alternate_name": service.alternate_name,
                "description": service.description,
                "url": service.url,
                "email": service.email,
                "status": service.status,
                "application_process": service.application_process,
                "fees_description": service.fees_description,
                "eligibility_description": service.eligibility_description,
                "minimum_age": service.minimum_age,
                "maximum_age": service.maximum_age,
                "assured_date": _date(service.last_confirmed_on),
                "assurer_email": service.organization.email,
                "last_modified": service.last_modified.astimezone(dt.UTC)
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
            }
        )
        for phone in service.phones.all():
            out["phone"].append(_phone(phone, service_id=sid))
        for code in service.languages or []:
            name = LANGUAGE_NAMES.get(code) or service.languages_other or "other"
            out["language"].append(
                {
                    "id": derived_id(sid, f"language:{code}"),
                    "service_id": sid,
                    "name": name,
                    "code": code if code in LANGUAGE_NAMES else "",
                    "note": service.languages_other if code == Language.OTHER else "",
                }
            )
        for term in service.areas.all():
            out["attribute"].append(
                {
                    "id": derived_id(sid, f"term:{term.uuid}"),
                    "link_id": sid,
                    "taxonomy_term_id": str(term.uuid),
                    "link_type": "area_of_help",
                    "link_entity": "service",
                    "value": "",
                }
            )
        for group in service.target_groups.all():
            out["attribute"].append(
                {
                    "id": derived_id(sid, f"group:{group.slug}"),
                    "link_id": sid,
                    "taxonomy_term_id": target_group_id(group.slug),
                    "link_type": "target_group",
                    "link_entity": "service",
                    "value": "",
                }
            )
        out["cost_option"].append(
            {
                "id": derived_id(sid, "cost"),
                "service_id": sid,
                "option": "free of charge" if service.free_of_charge else service.fees_description,
                "currency": "EUR",
                "amount": 0 if service.free_of_charge else service.cost_amount,
                "amount_description": "" if service.free_of_charge else service.fees_description,
            }
        )
        for document in service.document_list:
            out["required_document"].append(
                {
                    "id": derived_id(sid, f"document:{document}"),
                    "service_id": sid,
                    "document": document,
                }
            )
        for site in service.sites.all():
            locations.setdefault(site.location_id, site.location)
            lid = str(site.location.uuid)
            out["service_at_location"].append(
                {
                    "id": str(site.uuid),
                    "service_id": sid,
                    "location_id": lid,
                    "description": site.description,
                }
            )
            for schedule in site.schedules.all():
                out["schedule"].append(
                    {
                        "id": str(schedule.uuid),
                        "service_id": sid,
                        "location_id": lid,
                        "service_at_location_id": str(site.uuid),
                        "valid_from": _date(schedule.valid_from),
                        "valid_to": _date(schedule.valid_to),
                        "timezone": offset,
                        "wkst": "MO",
                        "freq": "WEEKLY" if schedule.byday else "",
                        "byday": schedule.byday,
                        "opens_at": _time(schedule.opens_at),
                        "closes_at": _time(schedule.closes_at),
                        "description": schedule.description,
                        "attending_type": "by appointment"
                        if schedule.by_appointment
                        else "in person",
                    }
                )
    for location in locations.values():
        lid = str(location.uuid)
        out["location"].append(
            {
                "id": lid,
                "location_type": location.location_type,
                "url": location.url,
                "organization_id": str(location.organization.uuid)
                if location.organization_id in organizations
                else "",
                "name": location.name,
                "description": location.description,
                "transportation": location.transportation,
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
        )
        if location.address_1 and location.city and location.postal_code:
            out["address"].append(
                {
                    "id": derived_id(lid, "address"),
                    "location_id": lid,
                    "address_1": location.address_1,
                    "address_2": location.address_2,
                    "city": location.city,
                    "state_province": location.municipality.name,
                    "postal_code": location.postal_code,
                    "country": "LV",
                    "address_type": "physical",
                }
            )
        if location.accessibility:
            out["accessibility"].append(
                {
                    "id": derived_id(lid, "accessibility"),
                    "location_id": lid,
                    "description": location.accessibility,
                }
            )
        for phone in location.phones.all():
            out["phone"].append(_phone(phone, location_id=lid))
    org_phones = Phone.objects.filter(organization_id__in=organizations).order_by("order", "pk")
    for phone in org_phones.select_related("organization"):
        out["phone"].append(_phone(phone, organization_id=str(phone.organization.uuid)))
    for organization in organizations.values():
        oid = str(organization.uuid)
        out["organization"].append(
            {
                "id": oid,
                "name": organization.name,
                "alternate_name": organization.alternate_name,
                "description": organization.description,
                "email": organization.email,
                "website": organization.website,
                "legal_status": LEGAL_STATUS.get(organization.kind, "other"),
            }
        )
        if organization.registration_number:
            out["organization_identifier"].append(
                {
                    "id": derived_id(oid, "registration"),
                    "organization_id": oid,
                    "identifier_scheme": "LV-RE",
                    "identifier_type": "Register of Enterprises registration number",
                    "identifier": organization.registration_number,
                }
            )
    _taxonomies(out)
    return out


def _phone(phone, **owner) -> dict:
    row = {
        "id": str(phone.uuid),
        "organization_id": "",
        "service_id": "",
        "location_id": "",
        "number": phone.number,
        "type": "voice",
        "description": phone.description,
    }
    row.update(owner)
    return row


def _taxonomies(out) -> None:
    taxonomies = {t.code: t for t in Taxonomy.objects.all()}
    for taxonomy in taxonomies.values():
        out["taxonomy"].append(
            {
                "id": str(taxonomy.uuid),
                "name": taxonomy.name,
                "description": taxonomy.description,
                "uri": taxonomy.uri,
                "version": taxonomy.version,
            }
        )
    for term in TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("order", "pk"):
        out["taxonomy_term"].append(
            {
                "id": str(term.uuid),
                "code": term.code,
                "name": term.name,
                "description": term.description,
                "parent_id": str(term.parent.uuid) if term.parent_id else "",
                "taxonomy": term.taxonomy.name,
                "language": "lv",
                "taxonomy_id": str(term.taxonomy.uuid),
            }
        )
    groups = taxonomies.get("kopiena-target-groups")
    for group in TargetGroup.objects.order_by("name"):
        out["taxonomy_term"].append(
            {
                "id": target_group_id(group.slug),
                "code": f"target-group:{group.slug}",
                "name": group.name,
                "description": group.description or group.name,
                "parent_id": "",
                "taxonomy": groups.name if groups else "",
                "language": "lv",
                "taxonomy_id": str(groups.uuid) if groups else "",
            }
        )


# --- the Tabular Data Package -----------------------------------------------------------------


def _csv_value(value) -> str:
    if value is None:
        return ""
    return str(value)


def write_package(data: dict[str, list[dict]], *, name: str = "kopiena-social-map") -> bytes:
    """A ZIP: ``datapackage.json`` and one UTF-8 CSV per table, HSDS paths and field names."""
    buffer = io.BytesIO()
    resources = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, (path, columns) in COLUMNS.items():
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(columns)
            for row in data.get(table, []):
                writer.writerow([_csv_value(row.get(column)) for column in columns])
            archive.writestr(path, text.getvalue())
            resources.append(
                {
                    "name": table,
                    "path": path,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": {"fields": [{"name": column} for column in columns]},
                }
            )
        descriptor = {
            "name": name,
            "profile": "tabular-data-package",
            "title": "Kopiena social map (HSDS 3.0)",
            "version": VERSION,
            "created": timezone.now().isoformat(timespec="seconds"),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2))
    return buffer.getvalue()


# --- HSDS JSON ----------------------------------------------------------------------------------


def nested_services(data: dict[str, list[dict]]) -> list[dict]:
    """Fully nested HSDS ``service`` objects (the HSDS JSON publication)."""

    def by(table, key):
        grouped: dict[str, list[dict]] = {}
        for row in data[table]:
            if row.get(key):
                grouped.setdefault(row[key], []).append(row)
        return grouped

    organizations = {row["id"]: row for row in data["organization"]}
    identifiers = by("organization_identifier", "organization_id")
    locations = {row["id"]: row for row in data["location"]}
    addresses = by("address", "location_id")
    accessibility = by("accessibility", "location_id")
    phones_by_service = by("phone", "service_id")
    phones_by_location = by("phone", "location_id")
    phones_by_organization = by("phone", "organization_id")
    schedules = by("schedule", "service_at_location_id")
    sites = by("service_at_location", "service_id")
    languages = by("language", "service_id")
    attributes = by("attribute", "link_id")
    terms = {row["id"]: row for row in data["taxonomy_term"]}
    taxonomies = {row["id"]: row for row in data["taxonomy"]}
    costs = by("cost_option", "service_id")
    documents = by("required_document", "service_id")

    def clean(row):
        return {k: v for k, v in row.items() if v not in ("", None)}

    def location(lid):
        row = dict(locations[lid])
        row["addresses"] = [clean(a) for a in addresses.get(lid, [])]
        row["accessibility"] = [clean(a) for a in accessibility.get(lid, [])]
        row["phones"] = [clean(p) for p in phones_by_location.get(lid, [])]
        for key in ("latitude", "longitude"):
            if row.get(key) is not None:
                row[key] = float(row[key])
        return clean(row) | {k: row[k] for k in ("addresses", "accessibility", "phones")}

    nested = []
    for service in data["service"]:
        sid = service["id"]
        organization = dict(organizations[service["organization_id"]])
        organization["organization_identifiers"] = [
            clean(i) for i in identifiers.get(organization["id"], [])
        ]
        organization["phones"] = [
            clean(p) for p in phones_by_organization.get(organization["id"], [])
        ]
        item = clean(service)
        item.update(
            organization=clean(organization)
            | {k: organization[k] for k in ("organization_identifiers", "phones")},
            phones=[clean(p) for p in phones_by_service.get(sid, [])],
            languages=[clean(lang) for lang in languages.get(sid, [])],
            cost_options=[
                clean(c) | {"amount": float(c["amount"])}
                if c.get("amount") is not None
                else clean(c)
                for c in costs.get(sid, [])
            ],
            required_documents=[clean(d) for d in documents.get(sid, [])],
            attributes=[
                clean(a)
                | {
                    "taxonomy_term": clean(terms[a["taxonomy_term_id"]])
                    | (
                        {
                            "taxonomy_detail": clean(
                                taxonomies[terms[a["taxonomy_term_id"]]["taxonomy_id"]]
                            )
                        }
                        if terms[a["taxonomy_term_id"]].get("taxonomy_id") in taxonomies
                        else {}
                    )
                }
                for a in attributes.get(sid, [])
                if a["taxonomy_term_id"] in terms
            ],
            service_at_locations=[
                clean(site)
                | {
                    "schedules": [clean(s) for s in schedules.get(site["id"], [])],
                    "location": location(site["location_id"]),
                }
                for site in sites.get(sid, [])
            ],
        )
        for key in ("minimum_age", "maximum_age"):
            if item.get(key) is not None:
                item[key] = int(item[key])
        nested.append(item)
    return nested
