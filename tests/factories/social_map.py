"""Factories of the social map: a directory organisation, places, entries with hours, and
the map page. ``entry(...)`` builds a whole public entry in one call."""

import datetime as dt
from decimal import Decimal

import factory

from kopiena.social_map.models import (
    Location,
    Organization,
    OrganizationKind,
    Phone,
    Place,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

from .pages import MunicipalityFactory

__all__ = [
    "DirectoryOrganizationFactory",
    "LocationFactory",
    "PlaceFactory",
    "ServiceFactory",
    "SiteFactory",
    "entry",
    "term",
]


class DirectoryOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory, name="Liepāja", slug="liepaja")
    kind = OrganizationKind.NGO
    name = factory.Sequence(lambda n: f"Biedrība “Palīgs {n}”")
    description = "Palīdz kaimiņiem."
    email = factory.Sequence(lambda n: f"paligs{n}@example.lv")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(DirectoryOrganizationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organization.municipality)
    name = factory.Sequence(lambda n: f"Atbalsta punkts {n}")
    address_1 = factory.Sequence(lambda n: f"Jūras iela {n + 1}")
    city = "Liepāja"
    postal_code = "LV-3401"
    latitude = Decimal("56.510000")
    longitude = Decimal("21.010000")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organization = factory.SubFactory(DirectoryOrganizationFactory)
    name = factory.Sequence(lambda n: f"Palīdzība {n}")
    description = "Bezmaksas palīdzība."
    languages = factory.LazyFunction(lambda: ["lv", "ru"])


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(
        LocationFactory, organization=factory.SelfAttribute("..service.organization")
    )


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    municipality = factory.SubFactory(MunicipalityFactory, name="Liepāja", slug="liepaja")
    name = "Karosta"
    latitude = Decimal("56.550000")
    longitude = Decimal("21.020000")


def term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


def entry(
    *,
    areas=("food-and-goods",),
    days="MO,TU,WE,TH,FR,SA,SU",
    opens=dt.time(10, 0),
    closes=dt.time(17, 0),
    phone="+371 20000001",
    locations=1,
    organization=None,
    **service_fields,
) -> Service:
    """A public service with ``locations`` places, each open ``days`` from ``opens`` to
    ``closes``, in ``areas``, with a phone."""
    if organization is not None:
        service_fields["organization"] = organization
    service = ServiceFactory(**service_fields)
    service.areas.set(TaxonomyTerm.objects.filter(code__in=areas))
    if phone:
        Phone.objects.create(service=service, number=phone)
    for _n in range(locations):
        site = SiteFactory(service=service)
        if days:
            Schedule.objects.create(site=site, byday=days, opens_at=opens, closes_at=closes)
    return service
