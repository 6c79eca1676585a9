"""The annual report as an A4 PDF, made by WeasyPrint from a print template (fonts: DejaVu,
Debian's ``fonts-dejavu-core``, with Latvian and Cyrillic letters).

A published report's PDF is made once per page revision and language and kept in the
default storage: its figures are frozen, so it does not change. A draft's PDF is made on
each request from the live figures and says "DRAFT" on every page.
"""

from __future__ import annotations

import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATE = "kopiena_monitoring/pdf/report.html"


def render_pdf(html: str, base_url: str = "") -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or None).write_pdf()


def _response(content: bytes, filename: str, seconds: float | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    if seconds is not None:
        response["X-PDF-Seconds"] = f"{seconds:.2f}"
    return response


def published_pdf_response(page, request):
    from .presentation import present_snapshot

    language = page.locale.language_code
    name = f"kopiena_monitoring/reports/{page.pk}-{page.live_revision_id or 0}-{language}.pdf"
    filename = page.slug
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return _response(stored.read(), filename)
    started = time.perf_counter()
    with translation.override(language):
        html = render_to_string(
            TEMPLATE,
            {
                "title": page.title,
                "narrative": page.narrative(),
                "report_view": present_snapshot(page.figures, language=language),
                "draft": False,
                "page_url": page.full_url,
            },
            request=request,
        )
    content = render_pdf(html, request.build_absolute_uri("/"))
    default_storage.save(name, ContentFile(content))
    return _response(content, filename, time.perf_counter() - started)


def draft_pdf(report, request, language: str = "lv") -> tuple[bytes, float]:
    from .presentation import present_snapshot
    from .snapshot import build

    started = time.perf_counter()
    with translation.override(language):
        html = render_to_string(
            TEMPLATE,
            {
                "title": report.title,
                "narrative": report.narrative(language),
                "report_view": present_snapshot(
                    report.snapshot or build(report.scope, report.year), language=language
                ),
                "draft": not report.is_published,
                "page_url": "",
            },
            request=request,
        )
    content = render_pdf(html, request.build_absolute_uri("/") if request else "")
    return content, time.perf_counter() - started


def draft_pdf_response(report, request):
    content, seconds = draft_pdf(report, request)
    return _response(content, report.case_reference(), seconds)
