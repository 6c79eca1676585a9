"""Indicators of grant cases: calls, applications, money, decisions, reports.

Year: an application counts in the year its call opened (Europe/Riga); drafts never count
(they are not yet cases). Decision time: from ``submitted_at`` (the last submission) to the
first audit entry that approved or rejected the application; historic imports without such
an entry are left out of the timing figures (their count is the figure's case count).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    DateField,
    DateTimeField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from kopiena.grants.models import (
    COMMITTED_STATES,
    Application,
    ApplicationStatus,
    ReportLine,
    original_calls,
)

from ..registry import DAYS, EUR, PERCENT, CaseList, Definition, Indicator
from ..settings import deadline_days
from .base import RIGA, Source, SourcesProvider, first_entry_at, sum_of, transition_entries

S = ApplicationStatus
MONEY = DecimalField(max_digits=14, decimal_places=2)
COMMITTED = Q(status__in=COMMITTED_STATES)
COMPLETED = Q(status=S.COMPLETED)
STATES = [s for s in S if s != S.DRAFT]


def _i(key, label, question, **kwargs):
    return Indicator(key=f"grants.{key}", label=label, question=question, **kwargs)


class CallSource(Source):
    def __init__(self):
        super().__init__(
            [
                Definition(
                    _i(
                        "calls",
                        _("Calls for applications"),
                        "what_we_do",
                        help_text=_("Published calls of the municipality that opened in the year."),
                    )
                )
            ]
        )

    def base(self, municipality_ids, years):
        return (
            original_calls()
            .filter(municipality_id__in=municipality_ids, live=True)
            .annotate(
                mon_municipality=F("municipality_id"),
                mon_year=ExtractYear("opens_at", tzinfo=RIGA),
            )
            .filter(mon_year__in=years)
        )


class ApplicationSource(Source):
    def __init__(self):
        decided = Q(decided_at__isnull=False, submitted_at__isnull=False)
        reported = Q(report__submitted_at__isnull=False, planned_end__isnull=False)
        with_participants = COMPLETED & Q(report__participants_reached__gt=0)
        overspent = COMPLETED & Q(actual_total__gt=F("total_cost"))
        definitions = [
            Definition(
                _i(
                    "applications",
                    _("Applications submitted"),
                    "what_we_do",
                    by_target_group=True,
                    help_text=_("Every application that reached the municipality (not drafts)."),
                ),
            ),
            *(
                Definition(
                    _i(f"status.{state.value}", state.label, "what_we_do", group="by_state"),
                    cases=Q(status=state),
                )
                for state in STATES
            ),
            Definition(
                _i("requested", _("Money requested"), "what_we_do", unit=EUR, by_target_group=True),
                num=F("requested_amount"),
            ),
            Definition(
                _i("funded", _("Projects funded"), "what_we_do", by_target_group=True),
                cases=COMMITTED,
            ),
            Definition(
                _i("approved", _("Money approved"), "what_we_do", unit=EUR, by_target_group=True),
                cases=COMMITTED,
                num=F("approved_amount"),
            ),
            Definition(
                _i(
                    "spent",
                    _("Money spent (accepted reports)"),
                    "what_we_do",
                    unit=EUR,
                    help_text=_("Actual spending of completed projects, co-financing included."),
                ),
                cases=COMPLETED,
                num=F("actual_total"),
            ),
            Definition(
                _i(
                    "decided_on_time",
                    _("Decisions within the deadline"),
                    "how_well",
                    unit=PERCENT,
                    better="up",
                    help_text=_("Approved or rejected within the decision deadline of submission."),
                ),
                cases=decided,
                num=Q(decided_at__lte=F("decision_due")),
                den="cases",
            ),
            Definition(
                _i(
                    "days_to_decision",
                    _("Days from submission to decision"),
                    "how_well",
                    unit=DAYS,
                    better="down",
                ),
                cases=decided,
                num=ExpressionWrapper(
                    F("decided_at") - F("submitted_at"), output_field=DurationField()
                ),
                den="cases",
            ),
            Definition(
                _i(
                    "reports_on_time",
                    _("Reports on time"),
                    "how_well",
                    unit=PERCENT,
                    better="up",
                    help_text=_("Final reports submitted by the project's end plus the deadline."),
                ),
                cases=reported,
                num=Q(report__submitted_at__date__lte=F("report_due")),
                den="cases",
            ),
            Definition(
                _i(
                    "reports_returned",
                    _("Reports returned for corrections"),
                    "how_well",
                    unit=PERCENT,
                    better="down",
                ),
                cases=Q(status__in=[S.REPORT_SUBMITTED, S.COMPLETED]) | Q(report_returned=True),
                num=Q(report_returned=True),
                den="cases",
            ),
            Definition(
                _i(
                    "participants",
                    _("Participants reached (accepted reports)"),
                    "better_off",
                    by_target_group=True,
                ),
                cases=with_participants,
                num=F("report__participants_reached"),
            ),
            Definition(
                _i(
                    "cost_per_participant",
                    _("Approved money per participant"),
                    "cost",
                    unit=EUR,
                    ratio=True,
                    help_text=_("Completed projects that reported their participants."),
                ),
                cases=with_participants,
                num=F("approved_amount"),
                den=F("report__participants_reached"),
            ),
            Definition(
                _i(
                    "co_financing_share",
                    _("Co-financing share of funded projects"),
                    "cost",
                    unit=PERCENT,
                    help_text=_("The organisations' own contribution in the total cost."),
                ),
                cases=COMMITTED,
                num=F("own_contribution"),
                den=F("total_cost"),
            ),
            Definition(
                _i(
                    "overspend",
                    _("Overspend of completed projects"),
                    "cost",
                    unit=EUR,
                    better="down",
                    help_text=_("Actual spending above the planned budget, summed over projects."),
                ),
                cases=overspent,
                num=ExpressionWrapper(F("actual_total") - F("total_cost"), output_field=MONEY),
            ),
        ]
        super().__init__(definitions)

    def base(self, municipality_ids, years):
        decision_days, report_days = deadline_days("decision"), deadline_days("report")
        return (
            Application.objects.filter(municipality_id__in=municipality_ids)
            .exclude(status=S.DRAFT)
            .annotate(
                mon_municipality=F("municipality_id"),
                mon_year=ExtractYear("call__opens_at", tzinfo=RIGA),
            )
            .filter(mon_year__in=years)
            .annotate(
                decided_at=first_entry_at(Application, to__in=[S.APPROVED, S.REJECTED]),
                decision_due=ExpressionWrapper(
                    F("submitted_at") + dt.timedelta(days=decision_days),
                    output_field=DateTimeField(),
                ),
                report_due=ExpressionWrapper(
                    F("planned_end") + dt.timedelta(days=report_days), output_field=DateField()
                ),
                report_returned=Exists(
                    transition_entries(Application).filter(data__action="return_report")
                ),
                actual_total=sum_of(
                    ReportLine.objects.filter(report__application=OuterRef("pk")),
                    "report__application",
                    "actual_amount",
                ),
            )
        )

    def group_by_target_group(self):
        return "target_groups"


class GrantsProvider(SourcesProvider):
    key = "grants"
    label = _("Grants")
    activity_keys = ("grants.calls", "grants.applications")

    def __init__(self):
        self.calls = CallSource()
        self.applications = ApplicationSource()
        self.sources = [self.calls, self.applications]

    def cases(self, key, municipality_ids, year, target_group_id=None):
        source, definition = self.source_of(key)
        queryset = source.cases(definition, municipality_ids, year, target_group_id)
        if source is self.calls:
            return CaseList(
                queryset.select_related("municipality"),
                columns=[
                    ("opens_at", _("Opens")),
                    ("closes_at", _("Closes")),
                    ("total_budget", _("Budget")),
                ],
            )
        return CaseList(
            queryset.select_related("organisation", "municipality", "call"),
            columns=[
                ("organisation", _("Organisation")),
                ("get_status_display", _("Status")),
                ("requested_amount", _("Requested")),
                ("approved_amount", _("Approved")),
            ],
        )
