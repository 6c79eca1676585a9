"""Named reads of the directory. Every list a person or a client reads is one of these,
with its joins and prefetches, so a page of 25 rows costs what a page of 5 does and the
map's GeoJSON costs the same queries for 50 places as for 8 000.

:class:`Filters` is what the public list, the map and the booklet filter by; the list and
the map apply the same :meth:`ServiceAtLocationQuerySet.matching`, so the map never shows
an entry the list lacks.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, Prefetch, Q, Value

from .hours import day_code, riga_now

#: Kilometres per degree of latitude (and of longitude at the equator).
KM_PER_DEGREE = 111.32


@dataclass
class Filters:
    """What a person filters the directory by (see ``forms.SocialMapFilterForm``)."""

    q: str = ""
    areas: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    free: bool = False
    languages: list[str] = field(default_factory=list)
    #: ``""``, ``"today"`` or ``"now"`` (Europe/Riga).
    open: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    radius_km: float | None = None
    #: The moment "open today/now" is decided for (default: now).
    at: dt.datetime | None = None

    @property
    def near(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def active(self) -> bool:
        return (
            bool(self.q or self.areas or self.groups or self.free or self.languages or self.open)
            or self.near
        )


class OrganizationQuerySet(models.QuerySet):
    def for_member(self, user):
        """The directory organisations ``user`` acts for through their portal memberships."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(grants_organisation__memberships__user=user).distinct()

    def with_public_services(self):
        from .models.directory import PUBLIC_STATES, PUBLIC_STATUSES, Service

        return self.filter(
            Exists(
                Service.objects.filter(
                    organization=OuterRef("pk"),
                    publication__in=PUBLIC_STATES,
                    status__in=PUBLIC_STATUSES,
                )
            )
        )


class LocationQuerySet(models.QuerySet):
    def with_coordinates(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)


class ServiceQuerySet(models.QuerySet):
    def public(self):
        from .models.directory import PUBLIC_STATES, PUBLIC_STATUSES

        return self.filter(publication__in=PUBLIC_STATES, status__in=PUBLIC_STATUSES)

    def for_listing(self):
        return self.select_related("organization", "organization__municipality").prefetch_related(
            "areas"
        )

    def for_member(self, user):
        from .models.directory import Organization

        return self.filter(organization__in=Organization.objects.for_member(user).values("pk"))

    def in_municipality(self, municipality):
        return self.filter(
            Q(organization__municipality=municipality)
            | Q(sites__location__municipality=municipality)
        ).distinct()

    def unconfirmed_since(self, day: dt.date):
        return self.filter(last_confirmed_on__lte=day)

    def visible_to(self, user):
        """The admin's listing: social map editors see every entry (superusers too)."""
        from .roles import is_editor

        if getattr(user, "is_superuser", False) or is_editor(user):
            return self
        return self.none()

    def awaiting(self, user):
        """Entries flagged as needing confirmation, for the editors' "waiting for me"."""
        from .models.directory import Publication

        return self.visible_to(user).filter(publication=Publication.NEEDS_CONFIRMATION)


class ScheduleQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def open_on(self, day: dt.date):
        return self.valid_on(day).filter(byday__contains=day_code(day), opens_at__isnull=False)


class ServiceAtLocationQuerySet(models.QuerySet):
    def public(self):
        from .models.directory import PUBLIC_STATES, PUBLIC_STATUSES

        return self.filter(
            service__publication__in=PUBLIC_STATES, service__status__in=PUBLIC_STATUSES
        )

    def in_municipality(self, municipality):
        return self.filter(location__municipality=municipality)

    def matching(self, filters: Filters):
        """The rows ``filters`` lets through; with coordinates, annotated with
        ``distance_km`` and limited to the radius."""
        from .models.directory import Schedule, Service
        from .models.taxonomy import TaxonomyTerm

        qs = self
        if filters.q:
            text = filters.q
            qs = qs.filter(
                Q(service__name__icontains=text)
                | Q(service__name_ru__icontains=text)
                | Q(service__name_en__icontains=text)
                | Q(service__description__icontains=text)
                | Q(service__description_ru__icontains=text)
                | Q(service__organization__name__icontains=text)
                | Q(location__address_1__icontains=text)
                | Q(location__address_2__icontains=text)
                | Q(location__name__icontains=text)
            )
        if filters.areas:
            terms = TaxonomyTerm.objects.with_children(filters.areas).values("pk")
            qs = qs.filter(
                Exists(
                    Service.areas.through.objects.filter(
                        service_id=OuterRef("service_id"), taxonomyterm_id__in=terms
                    )
                )
            )
        if filters.groups:
            qs = qs.filter(
                Exists(
                    Service.target_groups.through.objects.filter(
                        service_id=OuterRef("service_id"), targetgroup__slug__in=filters.groups
                    )
                )
            )
        if filters.free:
            qs = qs.filter(service__free_of_charge=True)
        if filters.languages:
            language_q = Q()
            for code in filters.languages:
                language_q |= Q(service__languages__icontains=f'"{code}"')
            qs = qs.filter(language_q)
        if filters.open:
            now = riga_now(filters.at)
            schedules = Schedule.objects.filter(site=OuterRef("pk")).open_on(now.date())
            if filters.open == "now":
                moment = now.time().replace(second=0, microsecond=0)
                schedules = schedules.filter(opens_at__lte=moment, closes_at__gt=moment)
            qs = qs.filter(Exists(schedules))
        if filters.near:
            qs = qs.near(filters.latitude, filters.longitude, filters.radius_km)
        return qs

    def near(self, latitude, longitude, radius_km=None):
        """Annotate ``distance_km`` (equirectangular: exact enough within a municipality,
        and plain arithmetic in SQL, so SQLite and PostgreSQL agree) and keep the rows within
        ``radius_km``; rows without coordinates drop out."""
        lat0, lon0 = float(latitude), float(longitude)
        cos_lat = math.cos(math.radians(lat0))
        dy = ExpressionWrapper(
            (F("location__latitude") - Value(lat0)) * Value(KM_PER_DEGREE),
            output_field=FloatField(),
        )
        dx = ExpressionWrapper(
            (F("location__longitude") - Value(lon0)) * Value(KM_PER_DEGREE * cos_lat),
            output_field=FloatField(),
        )
        qs = self.filter(location__latitude__isnull=False).annotate(
            distance_sq=ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())
        )
        if radius_km:
            qs = qs.filter(distance_sq__lte=float(radius_km) ** 2)
        return qs

    def ordered(self, filters: Filters):
        if filters.near:
            return self.order_by("distance_sq", "service__name", "pk")
        return self.order_by("service__name", "location__address_1", "pk")

    def for_listing(self):
        """Everything a card in the list shows, in a fixed number of queries."""
        from .models.directory import Phone, Schedule
        from .models.taxonomy import TaxonomyTerm

        return self.select_related(
            "service", "service__organization", "location", "location__municipality"
        ).prefetch_related(
            Prefetch("service__areas", queryset=TaxonomyTerm.objects.order_by("order", "name")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
            Prefetch("service__phones", queryset=Phone.objects.order_by("order", "pk")),
            Prefetch("location__phones", queryset=Phone.objects.order_by("order", "pk")),
        )
