"""Import of directory entries: a municipality's spreadsheet (CSV or XLSX) or an HSDS 3.0
Tabular Data Package (ZIP), through the casework import (upload → preview → confirm; all or
nothing). Social map editors import.

The spreadsheet has one row per service at a place; rows with the same organisation and
service are one entry with several places. A data package is read into the same rows
(:func:`read_package`), so both go through the same checks — the entry form's own — and are
written with ``entries.apply``, the door every content change takes. An entry is matched by
its organisation (registration number, else name in the municipality) and its name; a known
one is replaced by the file's version, a new one published. Each written entry gets the
core's import audit entry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections import OrderedDict

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kopiena.casework.importing import register
from kopiena.casework.importing.reading import ImportFileError, register_reader
from kopiena.casework.importing.resources import CHANGED, NEW, UNCHANGED, Column, ImportResource
from kopiena.casework.importing.widgets import (
    LatvianDateWidget,
    MultilineTextWidget,
    TextWidget,
    YesNoWidget,
)
from kopiena.casework.models import Municipality, TargetGroup

from . import entries, hours, validators
from .models import Organization, OrganizationKind, Service, TaxonomyTerm, search_key
from .roles import is_editor

LANGUAGE_WORDS = {
    "lv": "lv",
    "latviešu": "lv",
    "latvian": "lv",
    "латышский": "lv",
    "ru": "ru",
    "krievu": "ru",
    "russian": "ru",
    "русский": "ru",
    "en": "en",
    "angļu": "en",
    "english": "en",
    "английский": "en",
}


def _split(text: str) -> list[str]:
    return [
        part.strip()
        for part in str(text or "").replace("\n", ";").replace(",", ";").split(";")
        if part.strip()
    ]


class EntryResource(ImportResource):
    """Directory entries, one row per service at a place."""

    kind = "social_map_entries"
    model = Service
    index_url_name = "kopiena_social_map_service:index"
    required_columns = ("municipality", "organization", "service", "areas", "address")

    municipality = Column("municipality", "Pašvaldība", required=True, widget=TextWidget(120))
    organization = Column("organization", "Organizācija", required=True, widget=TextWidget(255))
    organization_kind = Column("organization_kind", "Organizācijas veids", widget=TextWidget(60))
    registration_number = Column("registration_number", "Reģistrācijas nr.", widget=TextWidget(11))
    service = Column("service", "Pakalpojums", required=True, widget=TextWidget(255))
    service_ru = Column("service_ru", "Pakalpojums krieviski", widget=TextWidget(255))
    description = Column("description", "Apraksts", widget=MultilineTextWidget())
    areas = Column("areas", "Palīdzības jomas", required=True, widget=TextWidget(1000))
    groups = Column("groups", "Mērķa grupas", widget=TextWidget(1000))
    free = Column("free", "Bez maksas", widget=YesNoWidget())
    fees = Column("fees", "Maksa", widget=TextWidget(1000))
    languages = Column("languages", "Valodas", widget=TextWidget(200))
    apply = Column("apply", "Kā pieteikties", widget=MultilineTextWidget())
    documents = Column("documents", "Nepieciešamie dokumenti", widget=MultilineTextWidget())
    phone = Column("phone", "Tālrunis", widget=TextWidget(100))
    email = Column("email", "E-pasts", widget=TextWidget(254))
    url = Column("url", "Tīmekļa vietne", widget=TextWidget(500))
    place = Column("place", "Vieta", widget=TextWidget(255))
    address = Column("address", "Adrese", required=True, widget=TextWidget(255))
    district = Column("district", "Apkaime", widget=TextWidget(255))
    city = Column("city", "Pilsēta", widget=TextWidget(120))
    postal_code = Column("postal_code", "Pasta indekss", widget=TextWidget(10))
    latitude = Column("latitude", "Platums", widget=TextWidget(20))
    longitude = Column("longitude", "Garums", widget=TextWidget(20))
    hours = Column("hours", "Darba laiks", widget=TextWidget(500))
    accessibility = Column("accessibility", "Piekļūstamība", widget=MultilineTextWidget())
    transport = Column("transport", "Kā nokļūt", widget=MultilineTextWidget())
    confirmed = Column("confirmed", "Apstiprināts", widget=LatvianDateWidget())

    @classmethod
    def label(cls) -> str:
        return _("Social map entries")

    @classmethod
    def user_may_import(cls, user) -> bool:
        return is_editor(user)

    # --- lookups ---------------------------------------------------------------------------

    def prepare(self, rows):
        self.municipalities = {}
        for municipality in Municipality.objects.all():
            self.municipalities[search_key(municipality.name)] = municipality
            self.municipalities[municipality.slug] = municipality
        self.terms = {}
        for term in TaxonomyTerm.objects.all():
            for name in (term.code, term.name, term.name_ru, term.name_en):
                if name:
                    self.terms[search_key(name)] = term.code
        self.groups = {}
        for group in TargetGroup.objects.all():
            self.groups[search_key(group.name)] = group.slug
            self.groups[group.slug] = group.slug
        self.organizations = {}
        for organization in Organization.objects.select_related("municipality"):
            if organization.registration_number:
                self.organizations[("reg", organization.registration_number)] = organization
            self.organizations[(organization.municipality_id, search_key(organization.name))] = (
                organization
            )
        self.kinds = {}
        for value, label in OrganizationKind.choices:
            self.kinds[search_key(str(label))] = value
            self.kinds[value] = value

    # --- checking ----------------------------------------------------------------------------

    def _location(self, row, municipality):
        latitude, longitude = row.value("latitude", ""), row.value("longitude", "")
        for key, value, check in (
            ("latitude", latitude, validators.validate_latitude),
            ("longitude", longitude, validators.validate_longitude),
        ):
            if value:
                try:
                    check(value)
                except ValidationError as exc:
                    row.error(key, " ".join(exc.messages))
        phone = ""
        grid = dict.fromkeys(hours.DAYS)
        by_appointment = False
        if row.value("hours"):
            try:
                intervals, by_appointment = hours.parse_text(row.value("hours"))
            except hours.HoursError as exc:
                row.error("hours", str(exc))
            else:
                for day, interval in hours.intervals_to_grid(intervals).items():
                    grid[day] = (
                        [f"{interval[0]:%H:%M}", f"{interval[1]:%H:%M}"] if interval else None
                    )
        return {
            **dict.fromkeys(entries.LOCATION_TEXT_FIELDS, ""),
            "id": None,
            "location_type": "physical",
            "name": row.value("place", ""),
            "address_1": row.value("address", ""),
            "address_2": row.value("district", ""),
            "city": row.value("city", "") or (municipality.name if municipality else ""),
            "postal_code": row.value("postal_code", ""),
            "municipality": municipality.slug if municipality else "",
            "latitude": str(latitude).replace(",", ".") if latitude else None,
            "longitude": str(longitude).replace(",", ".") if longitude else None,
            "transportation": row.value("transport", ""),
            "accessibility": row.value("accessibility", ""),
            "url": "",
            "phone": phone,
            "note": "",
            "hours": {**grid, "by_appointment": by_appointment, "note": ""},
        }

    def _service(self, row):
        areas = []
        for word in _split(row.value("areas")):
            code = self.terms.get(search_key(word))
            if code is None:
                row.error("areas", _("Unknown area of help “%(value)s”.") % {"value": word})
            else:
                areas.append(code)
        groups = []
        for word in _split(row.value("groups")):
            slug = self.groups.get(search_key(word)) or self.groups.get(word)
            if slug is None:
                row.error("groups", _("Unknown target group “%(value)s”.") % {"value": word})
            else:
                groups.append(slug)
        languages = []
        for word in _split(row.value("languages")):
            languages.append(LANGUAGE_WORDS.get(word.casefold(), "other"))
        phones = []
        for number in _split(row.value("phone")):
            try:
                phones.append({"number": validators.normalise_phone(number), "description": ""})
            except ValidationError as exc:
                row.error("phone", " ".join(exc.messages))
        free = row.values.get("free")
        others = [
            w for w in _split(row.value("languages")) if LANGUAGE_WORDS.get(w.casefold()) is None
        ]
        return {
            "name": row.value("service", ""),
            "name_ru": row.value("service_ru", ""),
            "name_en": "",
            "description": row.value("description", "") or row.value("service", ""),
            "description_ru": "",
            "description_en": "",
            "status": "active",
            "areas": sorted(set(areas)),
            "target_groups": sorted(set(groups)),
            "eligibility_description": "",
            "eligibility_description_ru": "",
            "minimum_age": None,
            "maximum_age": None,
            "free_of_charge": True if free is None else free,
            "fees_description": row.value("fees", ""),
            "fees_description_ru": "",
            "cost_amount": None,
            "languages": sorted(set(languages)),
            "languages_other": ", ".join(others),
            "application_process": row.value("apply", ""),
            "application_process_ru": "",
            "required_documents": [
                line.strip() for line in row.value("documents", "").splitlines() if line.strip()
            ],
            "email": row.value("email", ""),
            "url": row.value("url", ""),
            "phones": phones,
        }

    def validate(self, rows):
        self.groups_of_rows: OrderedDict = OrderedDict()
        for row in rows:
            municipality = self.municipalities.get(search_key(row.value("municipality", ""))) or (
                self.municipalities.get(row.value("municipality", ""))
            )
            if municipality is None:
                row.error(
                    "municipality",
                    _("Unknown municipality “%(value)s”.")
                    % {"value": row.value("municipality", "")},
                )
            key = (
                municipality.pk if municipality else None,
                search_key(row.value("organization", "")),
                search_key(row.value("service", "")),
            )
            row.label = f"{row.value('organization', '')} — {row.value('service', '')}"
            group = self.groups_of_rows.setdefault(key, {"rows": [], "municipality": municipality})
            group["rows"].append(row)
        for group in self.groups_of_rows.values():
            first = group["rows"][0]
            municipality = group["municipality"]
            document = {"service": self._service(first), "locations": []}
            for row in group["rows"]:
                document["locations"].append(self._location(row, municipality))
            organization = self._organization(first, municipality)
            group["document"] = document
            group["organization"] = organization
            group["confirmed"] = first.values.get("confirmed")
            if any(row.has_errors for row in group["rows"]) or municipality is None:
                continue
            probe = organization or Organization(
                municipality=municipality, name=first.value("organization")
            )
            for message in entries.validate(document, probe).get("__all__", []):
                first.error(None, message)
            existing = None
            if organization is not None:
                existing = Service.objects.filter(
                    organization=organization, name__iexact=document["service"]["name"]
                ).first()
            group["service"] = existing
            if existing is None:
                status = NEW
            else:
                current = entries.snapshot(existing)
                status = UNCHANGED if self._same(current, document) else CHANGED
            for row in group["rows"]:
                row.status = status
            self.record_counts[status] += 1

    @staticmethod
    def _same(current, document) -> bool:
        def strip(doc):
            doc = json.loads(json.dumps(doc, default=str))
            for location in doc["locations"]:
                location["id"] = None
            return doc

        return strip(current) == strip(document)

    def _organization(self, row, municipality):
        number = row.value("registration_number", "")
        if number and ("reg", number) in self.organizations:
            return self.organizations[("reg", number)]
        if municipality is None:
            return None
        return self.organizations.get((municipality.pk, search_key(row.value("organization", ""))))

    # --- writing -----------------------------------------------------------------------------

    def write(self, rows, progress=None):
        from wagtail.models import ModelLogEntry

        from kopiena.casework.audit import import_entries

        written = []
        for index, group in enumerate(self.groups_of_rows.values(), start=1):
            first = group["rows"][0]
            if group["rows"][0].status == UNCHANGED:
                continue
            organization = group["organization"]
            if organization is None:
                kind = self.kinds.get(
                    search_key(first.value("organization_kind", "")), OrganizationKind.OTHER
                )
                organization = Organization.objects.create(
                    municipality=group["municipality"],
                    name=first.value("organization"),
                    description=first.value("organization"),
                    kind=kind,
                    registration_number=first.value("registration_number", ""),
                )
                self.organizations[
                    (organization.municipality_id, search_key(organization.name))
                ] = organization
            document = group["document"]
            service = group.get("service")
            if service is not None:
                current = {
                    loc["address_1"]: loc["id"] for loc in entries.snapshot(service)["locations"]
                }
                for location in document["locations"]:
                    location["id"] = current.get(location["address_1"])
            service = entries.apply(
                document,
                organization,
                service=service,
                user=self.user,
                confirmed_on=group["confirmed"],
            )
            written.append((service, first.number))
            if progress:
                progress(index, len(self.groups_of_rows))
        if written:
            ModelLogEntry.objects.bulk_create(
                import_entries(written, self.user, file_name=self.file_name)
            )


register(EntryResource)


# --- the HSDS Tabular Data Package ------------------------------------------------------------


def is_package(data: bytes, file_name: str) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return False
    return any(name.rsplit("/", 1)[-1] in ("datapackage.json", "services.csv") for name in names)


#: Most a package may hold unpacked, and rows per file (bounded before parsing).
MAX_UNPACKED = 50 * 1024 * 1024


def read_package(data: bytes) -> tablib.Dataset:
    """An HSDS 3.0 data package as the spreadsheet's rows: one per service at a location."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise ImportFileError(_("The package is too large when unpacked."))
    files = {name.rsplit("/", 1)[-1]: name for name in archive.namelist()}

    def table(path):
        if path not in files:
            return []
        text = archive.read(files[path]).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    services = table("services.csv")
    if not services:
        raise ImportFileError(_("The package has no services.csv with services in it."))
    organizations = {row["id"]: row for row in table("organizations.csv")}
    identifiers = {row["organization_id"]: row for row in table("organization_identifiers.csv")}
    locations = {row["id"]: row for row in table("locations.csv")}
    addresses = {row["location_id"]: row for row in table("addresses.csv")}
    accessibility = {row["location_id"]: row for row in table("accessibility.csv")}
    terms = {row["id"]: row for row in table("taxonomy_terms.csv")}
    by_service: dict[str, dict[str, list]] = {}
    for row in table("attributes.csv"):
        term = terms.get(row.get("taxonomy_term_id"))
        if term:
            by_service.setdefault(row["link_id"], {}).setdefault(
                "groups" if term["code"].startswith("target-group:") else "areas", []
            ).append(term["code"].removeprefix("target-group:"))
    for row in table("phones.csv"):
        if row.get("service_id"):
            by_service.setdefault(row["service_id"], {}).setdefault("phones", []).append(
                row["number"]
            )
    for row in table("languages.csv"):
        by_service.setdefault(row["service_id"], {}).setdefault("languages", []).append(
            row.get("code") or row.get("name")
        )
    for row in table("required_documents.csv"):
        by_service.setdefault(row["service_id"], {}).setdefault("documents", []).append(
            row["document"]
        )
    schedules: dict[str, list[str]] = {}
    for row in table("schedules.csv"):
        site = row.get("service_at_location_id")
        if not site:
            continue
        if row.get("opens_at") and row.get("closes_at") and row.get("byday"):
            schedules.setdefault(site, []).append(
                f"{row['byday']} {row['opens_at'][:5]}-{row['closes_at'][:5]}"
            )
        elif "appointment" in (row.get("attending_type") or "").lower():
            schedules.setdefault(site, []).append("pēc pieraksta")
    headers = [column.column_name for column in EntryResource.columns().values()]
    dataset = tablib.Dataset(headers=headers)
    sites_by_service: dict[str, list[dict]] = {}
    for site in table("service_at_location.csv"):
        sites_by_service.setdefault(site["service_id"], []).append(site)
    for service in services:
        organization = organizations.get(service.get("organization_id"), {})
        extra = by_service.get(service["id"], {})
        for site in sites_by_service.get(service["id"], []) or [{}]:
            location = locations.get(site.get("location_id"), {})
            address = addresses.get(location.get("id"), {})
            values = {
                "municipality": address.get("state_province", ""),
                "organization": organization.get("name", ""),
                "organization_kind": "",
                "registration_number": identifiers.get(organization.get("id"), {}).get(
                    "identifier", ""
                ),
                "service": service.get("name", ""),
                "service_ru": "",
                "description": service.get("description", ""),
                "areas": "; ".join(extra.get("areas", [])),
                "groups": "; ".join(extra.get("groups", [])),
                "free": "jā" if not service.get("fees_description") else "nē",
                "fees": service.get("fees_description", ""),
                "languages": "; ".join(extra.get("languages", [])),
                "apply": service.get("application_process", ""),
                "documents": "\n".join(extra.get("documents", [])),
                "phone": "; ".join(extra.get("phones", [])),
                "email": service.get("email", ""),
                "url": service.get("url", ""),
                "place": location.get("name", ""),
                "address": address.get("address_1", ""),
                "district": address.get("address_2", ""),
                "city": address.get("city", ""),
                "postal_code": address.get("postal_code", ""),
                "latitude": location.get("latitude", ""),
                "longitude": location.get("longitude", ""),
                "hours": "; ".join(schedules.get(site.get("id"), [])),
                "accessibility": accessibility.get(location.get("id"), {}).get("description", ""),
                "transport": location.get("transportation", ""),
                "confirmed": _date(service.get("assured_date")),
            }
            dataset.append([values[key] for key in EntryResource.columns()])
    return dataset


def _date(text):
    try:
        return dt.date.fromisoformat(text).strftime("%d.%m.%Y") if text else ""
    except ValueError:
        return text


register_reader((".zip",), is_package, read_package)
