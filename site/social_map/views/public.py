"""The public pages of a municipality's social map (routes of ``SocialMapPage``): the list
with its filters and the map, an entry, an organisation. No login; hidden, withdrawn,
inactive entries and other municipalities' ones answer 404. Bad filter values are field
messages on the form (the page still answers 200)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from kopiena.casework.models import TargetGroup
from kopiena.conf import kopiena_setting

from ..forms import SocialMapFilterForm
from ..hours import DAY_NAMES, DAYS, riga_now
from ..models import Organization, Service, ServiceAtLocation, TaxonomyTerm
from ..urls import localized_page_url

PER_PAGE = 25


def _filter_form(request, page):
    terms = list(TaxonomyTerm.objects.active().select_related("parent").order_by("order", "name"))
    groups = list(TargetGroup.objects.order_by("name"))
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("radius", "2")
    form = SocialMapFilterForm(data, municipality=page.municipality, terms=terms, groups=groups)
    return form, terms


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def map_settings(page, request) -> dict:
    tiles = kopiena_setting("SOCIAL_MAP_TILES") or {}
    language = (translation.get_language() or "lv")[:2]
    return {
        "geojson_url": reverse("cases_api:social_map_geojson", args=[page.municipality.slug]),
        "service_url": localized_page_url(page) + "pakalpojums/0/",
        "tiles_url": tiles.get("url", ""),
        "tiles_attribution": tiles.get("attribution", ""),
        "max_zoom": tiles.get("max_zoom", 18),
        "language": language,
    }


def directory(request, page):
    form, terms = _filter_form(request, page)
    now = riga_now()
    filters = form.to_filters(at=now)
    sites = (
        ServiceAtLocation.objects.public()
        .in_municipality(page.municipality)
        .matching(filters)
        .ordered(filters)
        .for_listing()
    )
    number = form.cleaned_data.get("page") if form.is_bound and form.is_valid() else None
    paginator = Paginator(sites, PER_PAGE)
    page_obj = paginator.get_page(number or 1)
    today = DAYS[now.weekday()]
    cards = [_card(site, today, now) for site in page_obj.object_list]
    return TemplateResponse(
        request,
        "kopiena_social_map/directory.html",
        {
            "page": page,
            "page_url": localized_page_url(page),
            "self": page,
            "form": form,
            "terms": terms,
            "cards": cards,
            "page_obj": page_obj,
            "paginator": paginator,
            "query": _query_without_page(request),
            "map": map_settings(page, request),
            "filters": filters,
            "place": form.place,
            "today_name": DAY_NAMES[today],
        },
    )


def _card(site, today, now):
    """What one card shows: today's hours and whether it is open now, from the prefetched
    schedules (no query)."""
    schedules = list(site.schedules.all())
    today_hours = []
    open_now = False
    moment = now.time()
    for schedule in schedules:
        if schedule.opens_at and today in schedule.days and _valid(schedule, now.date()):
            today_hours.append(schedule)
            if schedule.opens_at <= moment < schedule.closes_at:
                open_now = True
    distance = getattr(site, "distance_sq", None)
    return {
        "site": site,
        "service": site.service,
        "location": site.location,
        "today_hours": today_hours,
        "open_now": open_now,
        "by_appointment": any(s.by_appointment for s in schedules),
        "schedules": [s for s in schedules if s.opens_at],
        "phones": list(site.service.phones.all()) or list(site.location.phones.all()),
        "areas": list(site.service.areas.all()),
        "distance_km": distance**0.5 if distance is not None else None,
    }


def _valid(schedule, day) -> bool:
    return (schedule.valid_from is None or schedule.valid_from <= day) and (
        schedule.valid_to is None or schedule.valid_to >= day
    )


def service_detail(request, page, pk):
    service = (
        Service.objects.public()
        .select_related("organization", "organization__municipality")
        .prefetch_related("areas", "target_groups", "phones")
        .filter(pk=pk)
        .first()
    )
    sites = (
        ServiceAtLocation.objects.filter(service=service, location__municipality=page.municipality)
        .select_related("location")
        .prefetch_related("schedules", "location__phones")
        if service
        else None
    )
    if service is None or (
        service.organization.municipality_id != page.municipality_id and not sites.exists()
    ):
        raise Http404
    now = riga_now()
    today = DAYS[now.weekday()]
    return TemplateResponse(
        request,
        "kopiena_social_map/service.html",
        {
            "page": page,
            "page_url": localized_page_url(page),
            "self": page,
            "service": service,
            "sites": [_card(site, today, now) for site in sites],
            "map": map_settings(page, request),
            "correction_url": reverse("social_map_portal:propose_correction", args=[service.pk]),
            "stale": (now.date() - service.last_confirmed_on).days > 365,
            "today_name": DAY_NAMES[today],
        },
    )


def organization_detail(request, page, pk):
    organization = Organization.objects.select_related("municipality").filter(pk=pk).first()
    if organization is None:
        raise Http404
    services = list(
        Service.objects.public()
        .filter(organization=organization)
        .filter(sites__location__municipality=page.municipality)
        .distinct()
        .prefetch_related("areas")
        .order_by("name")
    )
    if not services:
        raise Http404
    return TemplateResponse(
        request,
        "kopiena_social_map/organization.html",
        {
            "page": page,
            "page_url": localized_page_url(page),
            "self": page,
            "organization": organization,
            "services": services,
            "phones": list(organization.phones.all()),
        },
    )
