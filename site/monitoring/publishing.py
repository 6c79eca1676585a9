"""Publishing an approved annual report: freeze its figures and publish its page.

Called by ``AnnualReport.approve`` — inside ``casework.service.perform_transition``'s
transaction, so a page that cannot be published leaves the report awaiting approval and
nothing else changed. The page is created the first time under the site's annual report
index (Latvian), and for Russian and English where the report has that translation and the
site has a translated report index.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from .snapshot import freeze


def report_index(language: str | None = None):
    from .models import AnnualReportIndexPage

    locale = (
        Locale.objects.filter(language_code=language).first() if language else Locale.get_default()
    )
    if locale is None:
        return None
    return AnnualReportIndexPage.objects.filter(locale=locale).order_by("path").first()


def freeze_and_publish(report, user) -> None:
    from .models import AnnualReportPage

    now = timezone.now()
    report.snapshot = freeze(report.scope, report.year)
    report.snapshot_taken_at = now
    report.published_at = now
    index = report_index()
    place = report.place
    fields = {
        "title": report.title,
        "year": report.year,
        "municipality_id": report.municipality_id,
        "region_id": report.region_id,
        "summary": report.summary,
        "went_well": report.went_well,
        "hindered": report.hindered,
        "plans": report.plans,
        "figures": report.snapshot,
        "data_taken_at": now,
    }
    page = AnnualReportPage.objects.filter(report=report, locale=index.locale).first()
    if page is None:
        page = AnnualReportPage(
            report=report, slug=slugify(f"{place.slug}-{report.year}"), live=False, **fields
        )
        index.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    # The transition service checked who may approve; publishing the report's page is part of
    # that decision, not a page-editing right of the approver.
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    report.page = page
    for translation in report.translations.all():
        if translation.is_empty:
            continue
        translated_index = report_index(translation.language)
        if translated_index is None:
            continue
        translated = page.get_translation_or_none(translated_index.locale)
        if translated is None:
            translated = page.copy_for_translation(translated_index.locale)
        translated = translated.specific
        for name in ("summary", "went_well", "hindered", "plans"):
            setattr(translated, name, getattr(translation, name) or getattr(report, name))
        translated.title = translation.title or report.title
        translated.figures = report.snapshot
        translated.data_taken_at = now
        translated.save_revision(user=user, log_action=True).publish(
            user=user, skip_permission_checks=True
        )
