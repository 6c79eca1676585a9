"""The printable booklet of a municipality's social map (per area of help, or all of them):
an HTML page with a print stylesheet, and the same template as an A4 PDF made by WeasyPrint
(DejaVu fonts, so Latvian and Cyrillic letters print). A support point prints it and hands
it out. The PDF is cached by what it shows (municipality, areas, language, the newest change
and the number of entries)."""

from __future__ import annotations

import hashlib

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Max, Prefetch
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Phone, Schedule, Service, ServiceAtLocation, TaxonomyTerm
from ..urls import localized_page_url

#: More entries than this and the booklet asks to choose an area first.
MAX_ENTRIES = 1000


def booklet_context(request, page) -> dict:
    terms = list(TaxonomyTerm.objects.active().order_by("order", "name"))
    chosen = [code for code in request.GET.getlist("area") if code in {t.code for t in terms}][:30]
    services = Service.objects.public().filter(sites__location__municipality=page.municipality)
    if chosen:
        services = services.filter(areas__in=TaxonomyTerm.objects.with_children(chosen))
    services = services.distinct()
    count = services.count()
    too_many = count > MAX_ENTRIES
    sections = []
    if not too_many:
        rows = list(
            services.select_related("organization")
            .prefetch_related(
                "areas",
                Prefetch("phones", queryset=Phone.objects.order_by("order", "pk")),
                Prefetch(
                    "sites",
                    queryset=ServiceAtLocation.objects.filter(
                        location__municipality=page.municipality
                    )
                    .select_related("location")
                    .prefetch_related(
                        Prefetch("schedules", queryset=Schedule.objects.order_by("pk"))
                    ),
                ),
            )
            .order_by("name")
        )
        order = {t.pk: (t.order, t.name) for t in terms}
        top = {t.pk: (t if t.parent_id is None else None) for t in terms}
        by_term: dict[int, list[Service]] = {}
        for service in rows:
            areas = sorted(service.areas.all(), key=lambda t: order.get(t.pk, (999, "")))
            first = next((a for a in areas if a.parent_id is None), areas[0] if areas else None)
            key = (
                first.parent_id
                if first is not None and first.parent_id
                else (first.pk if first else 0)
            )
            by_term.setdefault(key, []).append(service)
        by_pk = {t.pk: t for t in terms}
        for term in terms:
            if term.pk in by_term and top.get(term.pk) is not None:
                sections.append({"term": term, "services": by_term[term.pk]})
        for key, items in by_term.items():
            if key not in by_pk or top.get(key) is None:
                sections.append({"term": None, "services": items})
    return {
        "page": page,
        "page_url": localized_page_url(page),
        "self": page,
        "title": page.booklet_title or page.title,
        "terms": terms,
        "chosen": chosen,
        "sections": sections,
        "count": count,
        "too_many": too_many,
        "generated": timezone.localtime(),
        "query": request.GET.urlencode(),
    }


def booklet_html(request, page):
    return TemplateResponse(
        request, "kopiena_social_map/booklet.html", booklet_context(request, page)
    )


def _cache_key(page, chosen, language) -> str:
    latest = (
        Service.objects.public()
        .filter(sites__location__municipality=page.municipality)
        .aggregate(latest=Max("last_modified"))["latest"]
    )
    raw = f"{page.pk}:{page.latest_revision_id}:{','.join(sorted(chosen))}:{language}:{latest}"
    return "kopiena_social_map:booklet:" + hashlib.sha256(raw.encode()).hexdigest()


def booklet_pdf(request, page):
    from weasyprint import CSS, HTML

    language = (translation.get_language() or "lv")[:2]
    chosen = sorted(request.GET.getlist("area"))[:30]
    key = _cache_key(page, chosen, language)
    pdf = cache.get(key)
    if pdf is None:
        context = booklet_context(request, page)
        if context["too_many"]:
            return TemplateResponse(request, "kopiena_social_map/booklet.html", context, status=400)
        html = render_to_string("kopiena_social_map/booklet_print.html", context, request=request)
        stylesheet = CSS(filename=finders.find("kopiena_social_map/booklet.css"))
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
            stylesheets=[stylesheet]
        )
        cache.set(key, pdf, 60 * 60)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _("social-map") + f"-{page.municipality.slug}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
