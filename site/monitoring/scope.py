"""What a person may monitor: a *scope* is one municipality or one planning region (its
municipalities), and :func:`scopes_for` lists the scopes a user may open.

* superusers: every region and every municipality;
* heads of social services: the municipalities of their ``MonitoringAccess`` rows;
* regional coordinators: the regions of their rows, and each municipality in them;
* anyone else: nothing (the dashboard answers 404 for a scope outside the list).

Scopes are written ``m:<slug>`` and ``r:<slug>`` in URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kopiena.casework.models import Municipality, PlanningRegion

from .roles import Role, has_role

MUNICIPALITY, REGION = "m", "r"


@dataclass(frozen=True)
class Scope:
    kind: str  # MUNICIPALITY or REGION
    slug: str
    name: str
    pk: int
    #: (pk, slug, name) of the municipalities it covers, by name.
    municipalities: tuple[tuple[int, str, str], ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.slug}"

    @property
    def municipality_ids(self) -> list[int]:
        return [pk for pk, _slug, _name in self.municipalities]

    @property
    def is_region(self) -> bool:
        return self.kind == REGION

    @property
    def kind_label(self):
        return _("planning region") if self.is_region else _("municipality")

    def __str__(self):
        return self.name


def _access_rows(user):
    cached = getattr(user, "_kopiena_monitoring_access", None)
    if cached is None:
        from .models import MonitoringAccess

        cached = list(
            MonitoringAccess.objects.filter(user=user).values_list("municipality_id", "region_id")
        )
        user._kopiena_monitoring_access = cached
    return cached


def monitored_municipality_ids(user) -> set[int]:
    """Municipalities a head monitors through their own rows."""
    if not has_role(user, Role.SERVICE_HEADS):
        return set()
    return {m for m, _r in _access_rows(user) if m}


def coordinated_region_ids(user) -> set[int]:
    if not has_role(user, Role.REGIONAL_COORDINATORS):
        return set()
    return {r for _m, r in _access_rows(user) if r}


def may_monitor(user) -> bool:
    if not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or has_role(user, Role.SERVICE_HEADS, Role.REGIONAL_COORDINATORS))


def scopes_for(user) -> list[Scope]:
    """Every scope ``user`` may open: regions first, then municipalities, by name (two
    queries)."""
    if not may_monitor(user):
        return []
    municipalities = list(
        Municipality.objects.order_by("name").values_list(
            "pk", "slug", "name", "planning_region_id"
        )
    )
    regions = list(PlanningRegion.objects.order_by("name").values_list("pk", "slug", "name"))
    if user.is_superuser:
        region_ids = {pk for pk, *_rest in regions}
        municipality_ids = {pk for pk, *_rest in municipalities}
    else:
        region_ids = coordinated_region_ids(user)
        municipality_ids = monitored_municipality_ids(user) | {
            pk for pk, _s, _n, region in municipalities if region in region_ids
        }
    scopes = [
        Scope(
            REGION,
            slug,
            name,
            pk,
            tuple((m, s, n) for m, s, n, region in municipalities if region == pk),
        )
        for pk, slug, name in regions
        if pk in region_ids
    ]
    scopes += [
        Scope(MUNICIPALITY, slug, name, pk, ((pk, slug, name),))
        for pk, slug, name, _region in municipalities
        if pk in municipality_ids
    ]
    return scopes


def find_scope(user, key: str | None) -> Scope | None:
    """The scope ``key`` (``m:slug`` / ``r:slug``) if ``user`` may open it; the first one
    they may open when ``key`` is empty; ``None`` otherwise."""
    scopes = scopes_for(user)
    if not key:
        return scopes[0] if scopes else None
    return next((scope for scope in scopes if scope.key == key), None)


def scope_of(municipality=None, region=None) -> Scope:
    """The scope of a report: one municipality or one region (with its municipalities)."""
    if municipality is not None:
        return Scope(
            MUNICIPALITY,
            municipality.slug,
            municipality.name,
            municipality.pk,
            ((municipality.pk, municipality.slug, municipality.name),),
        )
    members = tuple(region.municipalities.order_by("name").values_list("pk", "slug", "name"))
    return Scope(REGION, region.slug, region.name, region.pk, members)
