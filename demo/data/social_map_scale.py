"""Social map entries by the thousand, for the benchmarks (``bench/social_map.py``): N
services at M places in one municipality (the worst case for its map and list), written with
bulk inserts. Every generated organisation's name starts with "Mērogs", so ``reset`` finds
them again. Published entries, confirmed recently, open on random weekdays."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.utils import timezone

from kopiena.social_map.models import (
    Location,
    Organization,
    OrganizationKind,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

PREFIX = "Mērogs"
BATCH = 2000


def reset() -> None:
    organizations = Organization.objects.filter(name__startswith=PREFIX)
    Service.objects.filter(organization__in=organizations).delete()
    Location.objects.filter(organization__in=organizations).delete()
    organizations.delete()


def generate(municipality, *, services: int, locations: int, seed: int = 7, out=print) -> None:
    """Add ``services`` entries at ``locations`` places in ``municipality`` (one place each,
    the places beyond the services' number shared out as second places)."""
    rng = random.Random(seed)
    terms = list(TaxonomyTerm.objects.values_list("pk", flat=True))
    organizations = Organization.objects.bulk_create(
        [
            Organization(
                uuid=uuid.uuid4(),
                municipality=municipality,
                kind=OrganizationKind.NGO,
                name=f"{PREFIX} {seed}-{n}",
                description="Ģenerēts slodzes mērījumiem.",
            )
            for n in range(max(1, services // 25))
        ]
    )
    places = Location.objects.bulk_create(
        [
            Location(
                uuid=uuid.uuid4(),
                organization=organizations[n % len(organizations)],
                municipality=municipality,
                name=f"Vieta {n}",
                address_1=f"Mērogu iela {n + 1}",
                city=municipality.name,
                postal_code="LV-3401",
                latitude=Decimal(f"{56.47 + rng.random() * 0.09:.6f}"),
                longitude=Decimal(f"{20.98 + rng.random() * 0.10:.6f}"),
            )
            for n in range(locations)
        ],
        batch_size=BATCH,
    )
    today = timezone.localdate()
    rows = Service.objects.bulk_create(
        [
            Service(
                uuid=uuid.uuid4(),
                organization=places[n % len(places)].organization,
                name=f"Palīdzība {seed}-{n}",
                name_ru=f"Помощь {seed}-{n}",
                description="Ģenerēts pakalpojums.",
                free_of_charge=rng.random() < 0.8,
                fees_description="",
                languages=rng.sample(["lv", "ru", "en"], k=rng.randint(1, 3)),
                last_confirmed_on=today - dt.timedelta(days=rng.randint(0, 300)),
            )
            for n in range(services)
        ],
        batch_size=BATCH,
    )
    through = Service.areas.through
    through.objects.bulk_create(
        [
            through(service_id=service.pk, taxonomyterm_id=term)
            for service in rows
            for term in rng.sample(terms, k=2)
        ],
        batch_size=BATCH,
    )
    sites = []
    for n, service in enumerate(rows):
        sites.append(
            ServiceAtLocation(uuid=uuid.uuid4(), service=service, location=places[n % len(places)])
        )
        second = services + n
        if second < locations:
            sites.append(
                ServiceAtLocation(uuid=uuid.uuid4(), service=service, location=places[second])
            )
    sites = ServiceAtLocation.objects.bulk_create(sites, batch_size=BATCH)
    days = ["MO,TU,WE,TH,FR", "MO,WE,FR", "TU,TH", "MO,TU,WE,TH,FR,SA,SU", "SA,SU"]
    Schedule.objects.bulk_create(
        [
            Schedule(
                uuid=uuid.uuid4(),
                site=site,
                byday=rng.choice(days),
                opens_at=dt.time(rng.randint(7, 12)),
                closes_at=dt.time(rng.randint(13, 20)),
            )
            for site in sites
        ],
        batch_size=BATCH,
    )
    Phone.objects.bulk_create(
        [
            Phone(uuid=uuid.uuid4(), service=service, number=f"+371 2{n:07d}")
            for n, service in enumerate(rows)
        ],
        batch_size=BATCH,
    )
    out(f"  {services} services at {len(sites)} sites, {locations} places in {municipality.name}")
