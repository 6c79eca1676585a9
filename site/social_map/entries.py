"""The entry document: one service with its places, as plain JSON.

A proposal stores the entry as the person saw it (``base_data``) and as they propose it
(``data``); the editor reads :func:`diff` of the two (and of the entry as it is now); and
:func:`publish` — called by ``Proposal.publish`` inside the transition service's
transaction — writes the document into the directory with :func:`apply`. The import writes
through :func:`apply` too, so there is one way content gets into the directory.

Shape::

    {"service": {"name": …, "areas": [codes], "target_groups": [slugs], "languages": [...],
                 "required_documents": [lines], "phones": [{"number", "description"}], …},
     "locations": [{"id": pk | None, "municipality": slug, "address_1": …,
                    "latitude": "56.51", "longitude": "21.01", "phone": …, "note": …,
                    "hours": {"MO": ["10:00", "17:00"], …, "by_appointment": false,
                              "note": ""}}]}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import hours

SERVICE_TEXT_FIELDS = (
    "name",
    "name_ru",
    "name_en",
    "description",
    "description_ru",
    "description_en",
    "status",
    "eligibility_description",
    "eligibility_description_ru",
    "fees_description",
    "fees_description_ru",
    "languages_other",
    "application_process",
    "application_process_ru",
    "email",
    "url",
)
LOCATION_TEXT_FIELDS = (
    "location_type",
    "name",
    "address_1",
    "address_2",
    "city",
    "postal_code",
    "transportation",
    "transportation_ru",
    "accessibility",
    "accessibility_ru",
    "url",
)


# --- reading ------------------------------------------------------------------------------


def _decimal_text(value) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


def _hours_of(site) -> dict:
    grid = dict.fromkeys(hours.DAYS)
    by_appointment = False
    note = ""
    for schedule in site.schedules.all():
        if schedule.by_appointment:
            by_appointment = True
        if schedule.description and not note:
            note = schedule.description
        if schedule.opens_at and schedule.closes_at:
            for day in schedule.days:
                grid[day] = [f"{schedule.opens_at:%H:%M}", f"{schedule.closes_at:%H:%M}"]
    return {**grid, "by_appointment": by_appointment, "note": note}


def snapshot(service) -> dict:
    """The document of ``service`` as it is now."""
    service_doc = {field: getattr(service, field) or "" for field in SERVICE_TEXT_FIELDS}
    service_doc.update(
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        free_of_charge=service.free_of_charge,
        cost_amount=_decimal_text(service.cost_amount),
        languages=sorted(service.languages or []),
        required_documents=service.document_list,
        areas=sorted(term.code for term in service.areas.all()),
        target_groups=sorted(group.slug for group in service.target_groups.all()),
        phones=[{"number": p.number, "description": p.description} for p in service.phones.all()],
    )
    locations = []
    for site in service.sites.select_related("location", "location__municipality").order_by("pk"):
        location = site.location
        doc = {field: getattr(location, field) or "" for field in LOCATION_TEXT_FIELDS}
        phones = list(location.phones.all())
        doc.update(
            id=location.pk,
            municipality=location.municipality.slug,
            latitude=_decimal_text(location.latitude),
            longitude=_decimal_text(location.longitude),
            phone=phones[0].number if phones else "",
            note=site.description,
            hours=_hours_of(site),
        )
        locations.append(doc)
    return {"service": service_doc, "locations": locations}


def digest(document: dict) -> str:
    return hashlib.sha256(
        json.dumps(document, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


# --- forms ↔ document -----------------------------------------------------------------------


def from_forms(service_data: dict, location_data: list[dict]) -> dict:
    """The cleaned data of :class:`~kopiena.social_map.forms.EntryForm` as a document."""
    from .forms import MAX_PHONES

    service_doc = {field: (service_data.get(field) or "") for field in SERVICE_TEXT_FIELDS}
    service_doc["status"] = service_data.get("status") or "active"
    service_doc.update(
        minimum_age=service_data.get("minimum_age"),
        maximum_age=service_data.get("maximum_age"),
        free_of_charge=bool(service_data.get("free_of_charge")),
        cost_amount=_decimal_text(service_data.get("cost_amount")),
        languages=sorted(service_data.get("languages") or []),
        required_documents=[
            line.strip()
            for line in (service_data.get("required_documents") or "").splitlines()
            if line.strip()
        ],
        areas=sorted(term.code for term in service_data.get("areas") or []),
        target_groups=sorted(group.slug for group in service_data.get("target_groups") or []),
        phones=[
            {
                "number": service_data[f"phone_{n}"],
                "description": service_data.get(f"phone_{n}_description") or "",
            }
            for n in range(1, MAX_PHONES + 1)
            if service_data.get(f"phone_{n}")
        ],
    )
    locations = []
    for data in location_data:
        doc = {field: (data.get(field) or "") for field in LOCATION_TEXT_FIELDS}
        grid = {}
        for day in hours.DAYS:
            opens, closes = data.get(f"{day}_opens"), data.get(f"{day}_closes")
            grid[day] = [f"{opens:%H:%M}", f"{closes:%H:%M}"] if opens and closes else None
        municipality = data.get("municipality")
        doc.update(
            id=data.get("id"),
            municipality=getattr(municipality, "slug", municipality) or "",
            latitude=_decimal_text(data.get("latitude")),
            longitude=_decimal_text(data.get("longitude")),
            phone=data.get("phone") or "",
            note=data.get("note") or "",
            hours={
                **grid,
                "by_appointment": bool(data.get("by_appointment")),
                "note": data.get("hours_note") or "",
            },
        )
        locations.append(doc)
    return {"service": service_doc, "locations": locations}


def to_initial(document: dict) -> tuple[dict, list[dict]]:
    """Initial values of the entry form's parts from a document."""
    service = dict(document.get("service") or {})
    initial = {field: service.get(field, "") for field in SERVICE_TEXT_FIELDS}
    initial.update(
        minimum_age=service.get("minimum_age"),
        maximum_age=service.get("maximum_age"),
        free_of_charge=service.get("free_of_charge", True),
        cost_amount=service.get("cost_amount"),
        languages=service.get("languages") or [],
        required_documents="\n".join(service.get("required_documents") or []),
        areas=service.get("areas") or [],
        target_groups=service.get("target_groups") or [],
    )
    for n, phone in enumerate(service.get("phones") or [], start=1):
        initial[f"phone_{n}"] = phone.get("number", "")
        initial[f"phone_{n}_description"] = phone.get("description", "")
    locations = []
    for location in document.get("locations") or []:
        item = {field: location.get(field, "") for field in LOCATION_TEXT_FIELDS}
        grid = location.get("hours") or {}
        item.update(
            id=location.get("id"),
            municipality=location.get("municipality"),
            latitude=location.get("latitude"),
            longitude=location.get("longitude"),
            phone=location.get("phone", ""),
            note=location.get("note", ""),
            by_appointment=grid.get("by_appointment", False),
            hours_note=grid.get("note", ""),
        )
        for day in hours.DAYS:
            if grid.get(day):
                item[f"{day}_opens"], item[f"{day}_closes"] = grid[day]
        locations.append(item)
    return initial, locations


def to_form_data(document: dict) -> dict:
    """POST-like data of the entry form for a document, to check it with the same form."""
    from .forms import MAX_LOCATIONS

    initial, locations = to_initial(document)
    data: dict = {}
    for key, value in initial.items():
        if isinstance(value, list):
            data[key] = value
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = str(value)
    data["loc-TOTAL_FORMS"] = str(len(locations))
    data["loc-INITIAL_FORMS"] = "0"
    data["loc-MIN_NUM_FORMS"] = "0"
    data["loc-MAX_NUM_FORMS"] = str(MAX_LOCATIONS)
    for index, location in enumerate(locations):
        for key, value in location.items():
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                if value:
                    data[f"loc-{index}-{key}"] = "on"
            else:
                data[f"loc-{index}-{key}"] = str(value)
    return _as_querydict(data)


def _as_querydict(data: dict):
    from django.http import QueryDict

    qd = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            qd.setlist(key, [str(v) for v in value])
        else:
            qd[key] = value
    return qd


def validate(document: dict, organization) -> dict[str, list[str]]:
    """The entry form's messages for ``document`` (empty when it may be published)."""
    from .forms import EntryForm

    form = EntryForm(to_form_data(document), organization=organization)
    if form.is_valid():
        return {}
    errors: dict[str, list[str]] = {}
    for _anchor, message in form.error_list():
        errors.setdefault("__all__", []).append(str(message))
    return errors


def conflict_message() -> str:
    return _(
        "The entry was changed after this proposal was made. Compare it with the entry as "
        "it is now; nothing was overwritten."
    )


def document_errors(proposal, *, check_base: bool) -> dict[str, list[str]]:
    """Why ``proposal`` may not be sent or published now: the document's own errors, and
    for a correction an entry that changed since the proposal was made (no lost update)."""
    errors = validate(proposal.data, proposal.organization)
    if check_base and proposal.service_id:
        from .models import Service

        service = Service.objects.select_for_update().get(pk=proposal.service_id)
        if digest(snapshot(service)) != proposal.base_digest:
            errors.setdefault("__all__", []).insert(0, conflict_message())
    return errors


# --- writing ----------------------------------------------------------------------------------


def publish(proposal, user):
    """Write the proposal's document into the directory; an entry that was flagged or hidden
    is confirmed back to published through the transition service."""
    from kopiena.casework.service import perform_transition

    from .models import Publication

    service = apply(proposal.data, proposal.organization, service=proposal.service, user=user)
    if service.publication in (Publication.NEEDS_CONFIRMATION, Publication.HIDDEN):
        perform_transition(service, "confirm", user, source="proposal")
    return service


def _parse_time(text: str) -> dt.time:
    return dt.datetime.strptime(text, "%H:%M").time()


@transaction.atomic
def apply(document: dict, organization, *, service=None, user=None, confirmed_on=None):
    """Write ``document`` as ``service`` (a new one when ``None``) of ``organization``;
    returns the service. Places are matched by id (only the organisation's own), phones by
    number, so their HSDS ids stay the same."""
    from kopiena.casework.models import Municipality, TargetGroup

    from .models import Location, Phone, Schedule, Service, ServiceAtLocation, TaxonomyTerm

    data = document.get("service") or {}
    if service is None:
        service = Service(organization=organization)
    for field in SERVICE_TEXT_FIELDS:
        setattr(service, field, data.get(field) or "")
    service.status = data.get("status") or "active"
    service.minimum_age = data.get("minimum_age")
    service.maximum_age = data.get("maximum_age")
    service.free_of_charge = bool(data.get("free_of_charge"))
    service.cost_amount = Decimal(data["cost_amount"]) if data.get("cost_amount") else None
    service.languages = list(data.get("languages") or [])
    service.required_documents = "\n".join(data.get("required_documents") or [])
    service.last_modified = timezone.now()
    service.last_confirmed_on = confirmed_on or timezone.localdate()
    service.last_confirmed_by = user if getattr(user, "pk", None) else None
    service.save()
    service.areas.set(TaxonomyTerm.objects.filter(code__in=data.get("areas") or []))
    service.target_groups.set(TargetGroup.objects.filter(slug__in=data.get("target_groups") or []))
    _replace_phones(service.phones, data.get("phones") or [], Phone, service=service)

    municipalities = {m.slug: m for m in Municipality.objects.all()}
    own_locations = {loc.pk: loc for loc in Location.objects.filter(organization=organization)}
    kept_sites = []
    for location_doc in document.get("locations") or []:
        location = own_locations.get(location_doc.get("id")) or Location(organization=organization)
        for field in LOCATION_TEXT_FIELDS:
            setattr(location, field, location_doc.get(field) or "")
        location.location_type = location_doc.get("location_type") or "physical"
        location.municipality = municipalities.get(
            location_doc.get("municipality"), organization.municipality
        )
        location.latitude = (
            Decimal(location_doc["latitude"]) if location_doc.get("latitude") else None
        )
        location.longitude = (
            Decimal(location_doc["longitude"]) if location_doc.get("longitude") else None
        )
        location.save()
        phone = location_doc.get("phone")
        _replace_phones(
            location.phones,
            [{"number": phone, "description": ""}] if phone else [],
            Phone,
            location=location,
        )
        site, _created = ServiceAtLocation.objects.get_or_create(service=service, location=location)
        site.description = location_doc.get("note") or ""
        site.save()
        kept_sites.append(site.pk)
        site.schedules.all().delete()
        grid = location_doc.get("hours") or {}
        for interval in hours.grid_to_intervals(
            {day: tuple(map(_parse_time, grid[day])) for day in hours.DAYS if grid.get(day)}
        ):
            Schedule.objects.create(
                site=site,
                byday=",".join(interval.days),
                opens_at=interval.opens,
                closes_at=interval.closes,
                description=grid.get("note") or "",
            )
        if grid.get("by_appointment"):
            Schedule.objects.create(
                site=site, by_appointment=True, description=grid.get("note") or ""
            )
    service.sites.exclude(pk__in=kept_sites).delete()
    return service


def _replace_phones(manager, phones: list[dict], Phone, **owner):
    existing = {phone.number: phone for phone in manager.all()}
    keep = []
    for order, item in enumerate(phones):
        phone = existing.pop(item["number"], None) or Phone(number=item["number"], **owner)
        phone.description = item.get("description") or ""
        phone.order = order
        phone.save()
        keep.append(phone.pk)
    manager.exclude(pk__in=keep).delete()


# --- the editor's view --------------------------------------------------------------------------


def _service_rows(doc: dict) -> list[tuple[str, str, str]]:
    """``[(key, label, text)]`` of a document's service part, as a person reads it."""
    from kopiena.casework.models import TargetGroup

    from .models import Language, ServiceStatus, TaxonomyTerm

    service = doc.get("service") or {}
    terms = {t.code: t.display_name for t in TaxonomyTerm.objects.all()}
    groups = {g.slug: g.name for g in TargetGroup.objects.all()}
    languages = dict(Language.choices)
    statuses = dict(ServiceStatus.choices)
    rows = [
        ("name", _("Name"), service.get("name", "")),
        ("name_ru", _("Name in Russian"), service.get("name_ru", "")),
        ("name_en", _("Name in English"), service.get("name_en", "")),
        ("description", _("Description"), service.get("description", "")),
        ("description_ru", _("Description in Russian"), service.get("description_ru", "")),
        ("description_en", _("Description in English"), service.get("description_en", "")),
        (
            "status",
            _("Status"),
            str(statuses.get(service.get("status"), service.get("status", ""))),
        ),
        (
            "areas",
            _("Areas of help"),
            ", ".join(terms.get(c, c) for c in service.get("areas") or []),
        ),
        (
            "target_groups",
            _("For whom especially"),
            ", ".join(groups.get(s, s) for s in service.get("target_groups") or []),
        ),
        (
            "eligibility_description",
            _("Who may use it"),
            service.get("eligibility_description", ""),
        ),
        (
            "ages",
            _("Ages"),
            "–".join(
                str(v) if v is not None else ""
                for v in (service.get("minimum_age"), service.get("maximum_age"))
            ).strip("–"),
        ),
        (
            "free_of_charge",
            _("Free of charge"),
            _("yes") if service.get("free_of_charge") else _("no"),
        ),
        ("fees_description", _("What it costs"), service.get("fees_description", "")),
        ("cost_amount", _("Price (EUR)"), service.get("cost_amount") or ""),
        (
            "languages",
            _("Languages spoken"),
            ", ".join(str(languages.get(c, c)) for c in service.get("languages") or []),
        ),
        ("languages_other", _("Other languages"), service.get("languages_other", "")),
        ("application_process", _("How to apply"), service.get("application_process", "")),
        (
            "required_documents",
            _("Documents needed"),
            "\n".join(service.get("required_documents") or []),
        ),
        ("email", _("E-mail"), service.get("email", "")),
        ("url", _("Web address"), service.get("url", "")),
        (
            "phones",
            _("Phones"),
            "\n".join(
                " — ".join(p for p in (ph.get("number"), ph.get("description")) if p)
                for ph in service.get("phones") or []
            ),
        ),
    ]
    return [(key, str(label), str(text)) for key, label, text in rows]


def hours_text(grid: dict) -> str:
    lines = []
    intervals = hours.grid_to_intervals(
        {day: tuple(map(_parse_time, grid[day])) for day in hours.DAYS if grid.get(day)}
    )
    for interval in intervals:
        when = hours.format_interval(interval.opens, interval.closes)
        lines.append(f"{hours.format_days(interval.days)} {when}")
    if grid.get("by_appointment"):
        lines.append(_("By appointment"))
    if grid.get("note"):
        lines.append(grid["note"])
    return "\n".join(lines)


def _location_rows(location: dict) -> list[tuple[str, str]]:
    coordinates = (
        f"{location.get('latitude')}, {location.get('longitude')}"
        if location.get("latitude")
        else ""
    )
    rows = [
        (_("Name of the place"), location.get("name", "")),
        (
            _("Address"),
            ", ".join(
                p
                for p in (
                    location.get("address_1"),
                    location.get("address_2"),
                    location.get("city"),
                    location.get("postal_code"),
                )
                if p
            ),
        ),
        (_("Coordinates"), coordinates),
        (_("Opening hours"), hours_text(location.get("hours") or {})),
        (_("Phone of the place"), location.get("phone", "")),
        (_("How to get there"), location.get("transportation", "")),
        (_("Accessibility"), location.get("accessibility", "")),
        (_("Web address of an online place"), location.get("url", "")),
        (_("Note for this place"), location.get("note", "")),
    ]
    return [(str(label), str(text)) for label, text in rows]


def diff(base: dict | None, proposed: dict, current: dict | None = None) -> list[dict]:
    """Rows for the editor: ``{"label", "before", "after", "now", "changed", "conflict"}``.

    ``before`` is the entry when the proposal was made (empty for a new entry), ``after``
    the proposal, ``now`` the entry as it is (``None`` when it did not change meanwhile).
    """
    base = base or {"service": {}, "locations": []}
    rows = []
    base_service = {k: (label, text) for k, label, text in _service_rows(base)}
    current_service = (
        {k: text for k, _label, text in _service_rows(current)} if current is not None else None
    )
    for key, label, after in _service_rows(proposed):
        before = base_service.get(key, (label, ""))[1]
        now = current_service.get(key) if current_service is not None else None
        rows.append(
            {
                "label": label,
                "before": before,
                "after": after,
                "now": now,
                "changed": before != after,
                "conflict": now is not None and now != before,
            }
        )

    def key_of(index, location):
        return location.get("id") or f"new-{index}"

    base_locations = {key_of(i, loc): loc for i, loc in enumerate(base.get("locations") or [])}
    current_locations = (
        {key_of(i, loc): loc for i, loc in enumerate(current.get("locations") or [])}
        if current is not None
        else None
    )
    proposed_locations = {
        key_of(i, loc): loc for i, loc in enumerate(proposed.get("locations") or [])
    }
    for index, key in enumerate(
        [*proposed_locations, *[k for k in base_locations if k not in proposed_locations]], start=1
    ):
        after_rows = _location_rows(proposed_locations[key]) if key in proposed_locations else None
        before_rows = _location_rows(base_locations[key]) if key in base_locations else None
        now_rows = None
        if current_locations is not None:
            now_rows = _location_rows(current_locations[key]) if key in current_locations else []
        labels = [label for label, _t in (after_rows or before_rows)]
        for position, label in enumerate(labels):
            before = before_rows[position][1] if before_rows else ""
            after = after_rows[position][1] if after_rows else ""
            now = (now_rows[position][1] if now_rows else "") if now_rows is not None else None
            place = _("Place %(n)s") % {"n": index}
            rows.append(
                {
                    "label": f"{place}: {label}",
                    "before": before,
                    "after": after if after_rows is not None else _("(removed)"),
                    "now": now,
                    "changed": before != after or after_rows is None,
                    "conflict": now is not None and now != before,
                }
            )
    return rows
