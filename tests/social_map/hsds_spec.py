"""The HSDS 3.0 tables the export is checked against, written out by hand from the
specification's schema reference (Open Referral, HSDS 3.0: each table's CSV path, its
fields with type and format, the fields every record must have, and the ones the tabular
form requires as well). Only the tables Kopiena publishes are listed; the others (program,
contact, funding, service_area, metadata, meta_table_description) are optional in 3.0.

Types are the specification's JSON types: ``string`` or ``number``; ``format`` is one of
``uuid``, ``email``, ``uri``, ``date``, ``time``, ``date-time`` (the specification writes the
last three as ``datapackage_type``); ``enum`` lists the allowed values.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    type: str = "string"
    format: str = ""
    enum: tuple[str, ...] = ()
    #: Must be unique across the table.
    unique: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    fields: dict[str, Field]
    required: tuple[str, ...] = ("id",)
    tabular_required: tuple[str, ...] = ()
    #: field → table whose ``id`` it refers to.
    references: dict[str, str] = field(default_factory=dict)


ID = Field(format="uuid", unique=True)
REF = Field(format="uuid")
TEXT = Field()
NUMBER = Field(type="number")
EMAIL = Field(format="email")
URI = Field(format="uri")
DATE = Field(format="date")
TIME = Field(format="time")

SERVICE_STATUS = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TABLES = {
    t.name: t
    for t in (
        Table(
            "organization",
            "organizations.csv",
            {
                "id": ID,
                "name": TEXT,
                "alternate_name": TEXT,
                "description": TEXT,
                "email": EMAIL,
                "website": URI,
                "tax_status": TEXT,
                "tax_id": TEXT,
                "year_incorporated": NUMBER,
                "legal_status": TEXT,
                "logo": TEXT,
                "uri": URI,
                "parent_organization_id": REF,
            },
            required=("id", "name", "description"),
            references={"parent_organization_id": "organization"},
        ),
        Table(
            "service",
            "services.csv",
            {
                "id": ID,
                "organization_id": REF,
                "program_id": REF,
                "name": TEXT,
                "alternate_name": TEXT,
                "description": TEXT,
                "url": URI,
                "email": EMAIL,
                "status": Field(enum=SERVICE_STATUS),
                "interpretation_services": TEXT,
                "application_process": TEXT,
                "fees_description": TEXT,
                "wait_time": TEXT,
                "fees": TEXT,
                "accreditations": TEXT,
                "eligibility_description": TEXT,
                "minimum_age": NUMBER,
                "maximum_age": NUMBER,
                "assured_date": DATE,
                "assurer_email": EMAIL,
                "licenses": TEXT,
                "alert": TEXT,
                "last_modified": Field(format="date-time"),
            },
            required=("id", "name", "status"),
            tabular_required=("organization_id",),
            references={"organization_id": "organization"},
        ),
        Table(
            "attribute",
            "attributes.csv",
            {
                "id": ID,
                "link_id": REF,
                "taxonomy_term_id": REF,
                "link_type": TEXT,
                "link_entity": TEXT,
                "value": TEXT,
            },
            tabular_required=("link_id", "taxonomy_term_id", "link_entity"),
            references={"taxonomy_term_id": "taxonomy_term"},
        ),
        Table(
            "service_at_location",
            "service_at_location.csv",
            {"id": ID, "service_id": REF, "location_id": REF, "description": TEXT},
            tabular_required=("service_id", "location_id"),
            references={"service_id": "service", "location_id": "location"},
        ),
        Table(
            "location",
            "locations.csv",
            {
                "id": ID,
                "location_type": Field(enum=LOCATION_TYPES),
                "url": URI,
                "organization_id": REF,
                "name": TEXT,
                "alternate_name": TEXT,
                "description": TEXT,
                "transportation": TEXT,
                "latitude": NUMBER,
                "longitude": NUMBER,
                "external_identifier": TEXT,
                "external_identifier_type": TEXT,
            },
            required=("id", "location_type"),
            references={"organization_id": "organization"},
        ),
        Table(
            "phone",
            "phones.csv",
            {
                "id": ID,
                "location_id": REF,
                "service_id": REF,
                "organization_id": REF,
                "contact_id": REF,
                "service_at_location_id": REF,
                "number": TEXT,
                "extension": NUMBER,
                "type": TEXT,
                "description": TEXT,
            },
            required=("id", "number"),
            references={
                "location_id": "location",
                "service_id": "service",
                "organization_id": "organization",
                "service_at_location_id": "service_at_location",
            },
        ),
        Table(
            "address",
            "addresses.csv",
            {
                "id": ID,
                "location_id": REF,
                "attention": TEXT,
                "address_1": TEXT,
                "address_2": TEXT,
                "city": TEXT,
                "region": TEXT,
                "state_province": TEXT,
                "postal_code": TEXT,
                "country": TEXT,
                "address_type": Field(enum=LOCATION_TYPES),
            },
            required=(
                "id",
                "address_1",
                "city",
                "state_province",
                "postal_code",
                "country",
                "address_type",
            ),
            references={"location_id": "location"},
        ),
        Table(
            "schedule",
            "schedules.csv",
            {
                "id": ID,
                "service_id": REF,
                "location_id": REF,
                "service_at_location_id": REF,
                "valid_from": DATE,
                "valid_to": DATE,
                "dtstart": DATE,
                "timezone": NUMBER,
                "until": DATE,
                "count": NUMBER,
                "wkst": Field(enum=WEEKDAYS),
                "freq": Field(enum=("WEEKLY", "MONTHLY")),
                "interval": NUMBER,
                "byday": TEXT,
                "byweekno": TEXT,
                "bymonthday": TEXT,
                "byyearday": TEXT,
                "description": TEXT,
                "opens_at": TIME,
                "closes_at": TIME,
                "schedule_link": URI,
                "attending_type": TEXT,
                "notes": TEXT,
            },
            references={
                "service_id": "service",
                "location_id": "location",
                "service_at_location_id": "service_at_location",
            },
        ),
        Table(
            "required_document",
            "required_documents.csv",
            {"id": ID, "service_id": REF, "document": TEXT, "uri": URI},
            references={"service_id": "service"},
        ),
        Table(
            "language",
            "languages.csv",
            {
                "id": ID,
                "service_id": REF,
                "location_id": REF,
                "phone_id": REF,
                "name": TEXT,
                "code": TEXT,
                "note": TEXT,
            },
            references={"service_id": "service", "location_id": "location", "phone_id": "phone"},
        ),
        Table(
            "accessibility",
            "accessibility.csv",
            {"id": ID, "location_id": REF, "description": TEXT, "details": TEXT, "url": URI},
            references={"location_id": "location"},
        ),
        Table(
            "taxonomy_term",
            "taxonomy_terms.csv",
            {
                "id": ID,
                "code": Field(unique=True),
                "name": TEXT,
                "description": TEXT,
                "parent_id": REF,
                "taxonomy": TEXT,
                "language": TEXT,
                "taxonomy_id": REF,
                "term_uri": URI,
            },
            required=("id", "name", "description"),
            references={"parent_id": "taxonomy_term", "taxonomy_id": "taxonomy"},
        ),
        Table(
            "cost_option",
            "cost_options.csv",
            {
                "id": ID,
                "service_id": REF,
                "valid_from": DATE,
                "valid_to": DATE,
                "option": TEXT,
                "currency": TEXT,
                "amount": NUMBER,
                "amount_description": TEXT,
            },
            tabular_required=("service_id",),
            references={"service_id": "service"},
        ),
        Table(
            "organization_identifier",
            "organization_identifiers.csv",
            {
                "id": ID,
                "organization_id": REF,
                "identifier_scheme": TEXT,
                "identifier_type": TEXT,
                "identifier": TEXT,
            },
            required=("id", "identifier_type", "identifier"),
            tabular_required=("organization_id",),
            references={"organization_id": "organization"},
        ),
        Table(
            "taxonomy",
            "taxonomies.csv",
            {"id": ID, "name": TEXT, "description": TEXT, "uri": URI, "version": TEXT},
            required=("id", "name", "description"),
        ),
    )
}
