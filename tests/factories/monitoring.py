"""Monitoring's factories: places with regions, who monitors what, historic grant cases with
a dated audit trail, surveys with answers, and the annual report index page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry, Site

from kopiena.casework.audit import TRANSITION, transition_data
from kopiena.casework.models import Municipality, PlanningRegion
from kopiena.grants.models import Application, ApplicationStatus, Report, ReportLine
from kopiena.monitoring.devices import device_hash
from kopiena.monitoring.models import (
    AnnualReportIndexPage,
    Answer,
    MonitoringAccess,
    Response,
    SurveyLink,
)
from kopiena.monitoring.survey_templates import create_from_template

from .grants import ApplicationFactory, GrantCallFactory, OrganisationFactory

__all__ = [
    "grant_case",
    "monitored_by",
    "place",
    "region",
    "report_index",
    "riga",
    "survey_with_answers",
    "trail",
]

RIGA = ZoneInfo("Europe/Riga")


def riga(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=RIGA)


def region(slug="latgale", name="Latgales plānošanas reģions"):
    return PlanningRegion.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def place(slug="daugavpils", name="Daugavpils", region_=None):
    municipality = Municipality.objects.get_or_create(slug=slug, defaults={"name": name})[0]
    if region_ is not None and municipality.planning_region_id != region_.pk:
        municipality.planning_region = region_
        municipality.save(update_fields=["planning_region"])
    return municipality


def monitored_by(user, *, municipality=None, region_=None):
    MonitoringAccess.objects.create(user=user, municipality=municipality, region=region_)
    return user


def trail(case, steps):
    """Audit entries ``[(action, when)]`` for ``case`` as the transition service writes
    them (states from the model's transitions)."""
    model = type(case)
    field = model._meta.get_field("status")
    targets = {t.name: t.target for t in field.get_all_transitions(model)}
    source = field.get_default()
    entries = []
    for action, at in steps:
        entries.append(
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(case.pk),
                label=str(case)[:255],
                action=TRANSITION,
                timestamp=at,
                data=transition_data(
                    action=action, label=action, source_state=source, target_state=targets[action]
                ),
            )
        )
        source = targets[action]
    ModelLogEntry.objects.bulk_create(entries)


def grant_case(
    municipality,
    year,
    status=ApplicationStatus.COMPLETED,
    *,
    requested=Decimal("4500.00"),
    own=Decimal("500.00"),
    approved=None,
    decided_after_days=20,
    participants=40,
    actual=None,
    report_late_days=None,
    returned=False,
    call=None,
    target_groups=(),
):
    """An application of ``year``'s call in ``status`` with what that status implies: the
    submission on 1 March, a decision ``decided_after_days`` later in the audit log, a
    report (``actual`` spending, ``participants``) for completed ones, submitted 10 days
    after the planned end (or ``report_late_days`` after the report deadline)."""
    S = ApplicationStatus
    call = call or GrantCallFactory(
        municipality=municipality,
        opens_at=riga(year, 2, 1),
        closes_at=riga(year, 3, 31),
    )
    organisation = OrganisationFactory(municipality=municipality)
    app = ApplicationFactory(
        call=call,
        organisation=organisation,
        municipality=municipality,
        planned_start=dt.date(year, 5, 1),
        planned_end=dt.date(year, 9, 30),
        budget=[{"requested": requested, "own": own, "quantity": 1}],
    )
    if target_groups:
        app.target_groups.set(target_groups)
        app.save()  # a ParentalManyToManyField is written with its object
    submitted = riga(year, 3, 1)
    decided = submitted + dt.timedelta(days=decided_after_days)
    fields = {"status": status, "submitted_at": submitted if status != S.DRAFT else None}
    steps = []
    if status != S.DRAFT:
        steps.append(("submit", submitted))
    if status in (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED):
        fields["approved_amount"] = approved or requested
        steps += [
            ("start_review", submitted + dt.timedelta(days=1)),
            ("recommend", decided - dt.timedelta(hours=1)),
            ("approve_budget", decided),
        ]
    elif status == S.REJECTED:
        steps.append(("reject", decided))
    Application.objects.filter(pk=app.pk).update(**fields)
    if status in (S.REPORT_SUBMITTED, S.COMPLETED):
        report_at = (
            riga(year, 10, 10)
            if report_late_days is None
            else riga(year, 10, 30) + dt.timedelta(days=report_late_days)
        )
        if returned:
            steps += [
                ("submit_report", report_at - dt.timedelta(days=5)),
                ("return_report", report_at - dt.timedelta(days=4)),
            ]
        steps.append(("submit_report", report_at))
        report = Report.objects.create(
            application=app,
            narrative="Īstenots.",
            participants_reached=participants,
            submitted_at=report_at,
        )
        line = app.budget_lines.first()
        ReportLine.objects.create(
            report=report,
            budget_line=line,
            actual_amount=actual if actual is not None else line.amount,
        )
        if status == S.COMPLETED:
            steps.append(("accept_report", report_at + dt.timedelta(days=3)))
    trail(app, steps)
    app.refresh_from_db()
    return app


def survey_with_answers(municipality, initiative=None, answers=None, *, when=None, languages=None):
    """A survey from the change-evaluation template, opened, with one response per row of
    ``answers`` (``{question index: value or [values] or text}``)."""
    survey = create_from_template(municipality=municipality, initiative=initiative)
    type(survey).objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    link = SurveyLink.objects.create(survey=survey, label="WhatsApp")
    questions = list(survey.questions.all())
    for n, row in enumerate(answers or []):
        response = Response.objects.create(
            survey=survey,
            link=link,
            language=(languages or ["lv"] * len(answers))[n],
            submitted_at=when or riga(2023, 5, 10),
            device_hash=device_hash(link.pk, f"device-{n}"),
        )
        for index, value in row.items():
            question = questions[index]
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str):
                    Answer.objects.create(response=response, question=question, text=item)
                else:
                    Answer.objects.create(response=response, question=question, number=item)
    return survey


def report_index():
    existing = AnnualReportIndexPage.objects.first()
    if existing:
        return existing
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=AnnualReportIndexPage(title="Gada pārskati", slug="parskati"))
    index.save_revision().publish()
    return index
