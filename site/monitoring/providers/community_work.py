"""Indicators of community initiatives: how many, the events of the weekly logs, partners,
participants, the plan decisions, the evaluations' outcomes and satisfaction.

Year: an initiative counts in the year its work started — the first day of its weekly logs,
or the day it was created before any log (Europe/Riga); its partners, participants and
evaluation count with it. Log activities (events) count by their own date.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils.translation import gettext_lazy as _

from kopiena.community_work.models import (
    ActivityLog,
    GoalAchievement,
    Initiative,
    InitiativeStatus,
    LogActivity,
    Partner,
)
from kopiena.grants.models import COMMITTED_STATES

from ..registry import DAYS, EUR, PERCENT, SCORE, CaseList, Definition, Indicator
from ..settings import deadline_days
from .base import RIGA, Source, SourcesProvider, count_of, first_entry_at, transition_entries

S = InitiativeStatus


def _i(key, label, question, **kwargs):
    return Indicator(key=f"community.{key}", label=label, question=question, **kwargs)


class InitiativeSource(Source):
    def __init__(self):
        plan_decided = Q(plan_submitted_at__isnull=False, plan_decided_at__isnull=False)
        evaluation = "evaluation__"
        definitions = [
            Definition(_i("initiatives", _("Initiatives started"), "what_we_do")),
            *(
                Definition(
                    _i(f"status.{state.value}", state.label, "what_we_do", group="by_state"),
                    cases=Q(status=state),
                )
                for state in S
            ),
            Definition(
                _i("partners", _("Partners in the plans"), "what_we_do"),
                cases=Q(partner_count__gt=0),
                num=F("partner_count"),
            ),
            Definition(
                _i(
                    "participants",
                    _("Participants (evaluations)"),
                    "what_we_do",
                    recorded_only=True,
                    help_text=_("Participants the evaluations recorded."),
                ),
                cases=Q(**{f"{evaluation}participants__isnull": False}),
                num=F(f"{evaluation}participants"),
            ),
            Definition(
                _i(
                    "plans_on_time",
                    _("Plans decided within the deadline"),
                    "how_well",
                    unit=PERCENT,
                    better="up",
                ),
                cases=plan_decided,
                num=Q(plan_decided_at__lte=F("plan_due")),
                den="cases",
            ),
            Definition(
                _i(
                    "days_to_plan_decision",
                    _("Days from plan to decision"),
                    "how_well",
                    unit=DAYS,
                    better="down",
                ),
                cases=plan_decided,
                num=ExpressionWrapper(
                    F("plan_decided_at") - F("plan_submitted_at"), output_field=DurationField()
                ),
                den="cases",
            ),
            Definition(
                _i(
                    "plans_returned",
                    _("Plans returned for changes"),
                    "how_well",
                    unit=PERCENT,
                    better="down",
                ),
                cases=Q(plan_submitted_at__isnull=False),
                num=Q(plan_returned=True),
                den="cases",
            ),
            Definition(
                _i(
                    "goal_achieved",
                    _("Plans whose goal was achieved"),
                    "better_off",
                    unit=PERCENT,
                    better="up",
                    help_text=_("Of the evaluations that assessed the goal."),
                ),
                cases=Q(evaluation__isnull=False) & ~Q(**{f"{evaluation}goal_achievement": ""}),
                num=Q(**{f"{evaluation}goal_achievement": GoalAchievement.ACHIEVED}),
                den="cases",
            ),
            *(
                Definition(
                    _i(field, label, "better_off", recorded_only=True),
                    cases=Q(**{f"{evaluation}{field}__isnull": False}),
                    num=F(f"{evaluation}{field}"),
                )
                for field, label in (
                    ("volunteers", _("Volunteers")),
                    ("new_leaders", _("New community leaders")),
                    ("new_organisations", _("New organisations")),
                )
            ),
            Definition(
                _i(
                    "satisfaction",
                    _("Participants' satisfaction (evaluations, 1–10)"),
                    "feel",
                    unit=SCORE,
                    better="up",
                ),
                cases=Q(**{f"{evaluation}satisfaction__isnull": False}),
                num=F(f"{evaluation}satisfaction"),
                den="cases",
            ),
            Definition(
                _i(
                    "co_financing_per_participant",
                    _("Co-financing per participant"),
                    "cost",
                    unit=EUR,
                    ratio=True,
                    help_text=_(
                        "Money approved for the initiatives' co-financing applications, per "
                        "participant of those initiatives."
                    ),
                ),
                cases=Q(
                    grant_application__status__in=COMMITTED_STATES,
                    **{f"{evaluation}participants__gt": 0},
                ),
                num=F("grant_application__approved_amount"),
                den=F(f"{evaluation}participants"),
            ),
        ]
        super().__init__(definitions)

    def base(self, municipality_ids, years):
        first_log = Subquery(
            ActivityLog.objects.filter(initiative=OuterRef("pk"))
            .order_by("period_start")
            .values("period_start")[:1]
        )
        days = deadline_days("plan_decision")
        return (
            Initiative.objects.filter(municipality_id__in=municipality_ids)
            .annotate(
                mon_municipality=F("municipality_id"),
                mon_started=Coalesce(first_log, TruncDate("created_at", tzinfo=RIGA)),
                mon_year=ExtractYear("mon_started"),
            )
            .filter(mon_year__in=years)
            .annotate(
                partner_count=Coalesce(
                    count_of(Partner.objects.filter(initiative=OuterRef("pk")), "initiative"), 0
                ),
                plan_submitted_at=first_entry_at(Initiative, action="submit_for_approval"),
                plan_decided_at=first_entry_at(Initiative, action__in=["approve", "return_plan"]),
                plan_due=ExpressionWrapper(
                    F("plan_submitted_at") + dt.timedelta(days=days), output_field=DateTimeField()
                ),
                plan_returned=Exists(
                    transition_entries(Initiative).filter(data__action="return_plan")
                ),
            )
        )


class ActivitySource(Source):
    """Events: the dated activities of the weekly logs."""

    def __init__(self):
        super().__init__(
            [
                Definition(
                    _i(
                        "events",
                        _("Events and activities (weekly logs)"),
                        "what_we_do",
                        help_text=_("Dated activities in the weekly logs, by their date."),
                    )
                )
            ]
        )

    def base(self, municipality_ids, years):
        return (
            LogActivity.objects.filter(log__initiative__municipality_id__in=municipality_ids)
            .annotate(
                mon_municipality=F("log__initiative__municipality_id"),
                mon_year=ExtractYear("date"),
            )
            .filter(mon_year__in=years)
        )


class CommunityWorkProvider(SourcesProvider):
    key = "community"
    label = _("Community work")
    activity_keys = ("community.initiatives", "community.events")

    def __init__(self):
        self.initiatives = InitiativeSource()
        self.activities = ActivitySource()
        self.sources = [self.initiatives, self.activities]

    def cases(self, key, municipality_ids, year, target_group_id=None):
        source, definition = self.source_of(key)
        columns = [
            ("community", _("Community")),
            ("get_status_display", _("Status")),
            ("social_worker", _("Social worker")),
        ]
        if source is self.activities:
            if target_group_id is not None:
                return CaseList(Initiative.objects.none(), columns)
            activities = source.cases(definition, municipality_ids, year)
            counts = (
                activities.filter(log__initiative=OuterRef("pk"))
                .order_by()
                .values("log__initiative")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            )
            queryset = (
                Initiative.objects.filter(pk__in=activities.values("log__initiative"))
                .annotate(contribution=Subquery(counts))
                .select_related("community", "social_worker", "municipality")
            )
            return CaseList(queryset, columns, "contribution", _("Events"))
        if target_group_id is not None:
            return CaseList(Initiative.objects.none(), columns)
        queryset = source.cases(definition, municipality_ids, year).select_related(
            "community", "social_worker", "municipality"
        )
        return CaseList(queryset, columns)
