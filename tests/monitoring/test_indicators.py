"""The figures the dashboard and the reports show, computed from crafted cases: every
grants, community-work and survey indicator with its exact value, the year rules, drafts
left out, ratios over no cases "not measured", and years without cases said to have none."""

import datetime as dt
from decimal import Decimal

import pytest

from kopiena.community_work.models import GoalAchievement
from kopiena.grants.models import ApplicationStatus as S
from kopiena.monitoring.scope import scope_of
from kopiena.monitoring.snapshot import build
from tests.factories import (
    ActivityLogFactory,
    EvaluationFactory,
    InitiativeFactory,
    LogActivityFactory,
    PartnerFactory,
    TargetGroupFactory,
    grant_case,
    riga,
    survey_with_answers,
    trail,
)

pytestmark = pytest.mark.django_db


def value(data, key, year):
    figure = data["totals"][key][str(year)]
    return None if figure["value"] is None else Decimal(figure["value"])


def cases(data, key, year):
    return data["totals"][key][str(year)]["cases"]


def test_grant_money_and_states_per_call_year(daugavpils):
    seniors = TargetGroupFactory(name="Seniori", slug="seniori")
    grant_case(
        daugavpils,
        2023,
        S.COMPLETED,
        requested=Decimal("4500.00"),
        own=Decimal("500.00"),
        approved=Decimal("4000.00"),
        participants=40,
        actual=Decimal("5200.00"),
        target_groups=[seniors],
    )
    grant_case(
        daugavpils,
        2023,
        S.COMPLETED,
        requested=Decimal("900.00"),
        own=Decimal("100.00"),
        participants=10,
        actual=Decimal("950.00"),
    )
    grant_case(daugavpils, 2023, S.REJECTED, requested=Decimal("3000.00"), own=Decimal("0.00"))
    grant_case(daugavpils, 2023, S.DRAFT, requested=Decimal("7000.00"))
    grant_case(daugavpils, 2022, S.APPROVED, requested=Decimal("1000.00"), own=Decimal("0.00"))

    data = build(scope_of(daugavpils), 2023)

    assert value(data, "grants.applications", 2023) == 3  # the draft is not a case yet
    assert value(data, "grants.status.completed", 2023) == 2
    assert value(data, "grants.status.rejected", 2023) == 1
    assert value(data, "grants.requested", 2023) == Decimal("8400.00")
    assert value(data, "grants.funded", 2023) == 2
    assert value(data, "grants.approved", 2023) == Decimal("4900.00")
    assert value(data, "grants.spent", 2023) == Decimal("6150.00")
    assert value(data, "grants.participants", 2023) == 50
    # 4 900 € approved for 50 participants of completed projects
    assert value(data, "grants.cost_per_participant", 2023) == Decimal("98.00")
    # own 600 of a total cost of 6 000
    assert value(data, "grants.co_financing_share", 2023) == Decimal("10.0")
    # 5 200 spent of 5 000 planned: 200 over, one project
    assert value(data, "grants.overspend", 2023) == Decimal("200.00")
    assert cases(data, "grants.overspend", 2023) == 1
    assert value(data, "grants.applications", 2022) == 1
    assert value(data, "grants.calls", 2023) == 4  # each case's factory call opened in 2023
    group = next(iter(data["by_target_group"].values()))
    assert group["name"] == "Seniori"
    assert Decimal(group["figures"]["grants.approved"]["value"]) == Decimal("4000.00")


def test_grant_timeliness_from_the_audit_trail(daugavpils):
    grant_case(daugavpils, 2023, S.COMPLETED, decided_after_days=20)
    grant_case(daugavpils, 2023, S.REJECTED, decided_after_days=50)
    grant_case(
        daugavpils, 2023, S.COMPLETED, decided_after_days=10, report_late_days=5, returned=True
    )
    grant_case(daugavpils, 2023, S.SUBMITTED)

    data = build(scope_of(daugavpils), 2023)

    # decided within 30 days (the example deadline): 2 of 3
    assert value(data, "grants.decided_on_time", 2023) == Decimal("66.7")
    assert cases(data, "grants.decided_on_time", 2023) == 3
    assert value(data, "grants.days_to_decision", 2023) == Decimal("26.7")  # (20+50+10)/3
    # reports: one 10 days after the end (on time), one 5 days past the deadline
    assert value(data, "grants.reports_on_time", 2023) == Decimal("50.0")
    assert value(data, "grants.reports_returned", 2023) == Decimal("50.0")


def test_deadlines_follow_the_setting(daugavpils, settings):
    settings.KOPIENA = {
        **getattr(settings, "KOPIENA", {}),
        "MONITORING_DEADLINES": {"decision": 60},
    }
    grant_case(daugavpils, 2023, S.REJECTED, decided_after_days=50)
    data = build(scope_of(daugavpils), 2023)
    assert value(data, "grants.decided_on_time", 2023) == Decimal("100.0")


def test_initiatives_count_in_the_year_their_work_started(daugavpils):
    started_2022 = InitiativeFactory(municipality=daugavpils)
    log = ActivityLogFactory(
        initiative=started_2022, period_start=dt.date(2022, 11, 28), period_end=dt.date(2022, 12, 4)
    )
    LogActivityFactory(log=log, date=dt.date(2022, 11, 30))
    later = ActivityLogFactory(
        initiative=started_2022, period_start=dt.date(2023, 1, 9), period_end=dt.date(2023, 1, 15)
    )
    LogActivityFactory(log=later, date=dt.date(2023, 1, 10))
    LogActivityFactory(log=later, date=dt.date(2023, 1, 12))
    PartnerFactory.create_batch(3, initiative=started_2022)
    EvaluationFactory(
        initiative=started_2022,
        participants=24,
        satisfaction=8,
        goal_achievement=GoalAchievement.ACHIEVED,
        new_organisations=1,
    )
    other = InitiativeFactory(municipality=daugavpils)  # no log: counts in its creation year
    type(other).objects.filter(pk=other.pk).update(created_at=riga(2023, 2, 1))
    EvaluationFactory(
        initiative=other,
        participants=45,
        satisfaction=7,
        goal_achievement=GoalAchievement.PARTLY,
        volunteers=None,
    )

    data = build(scope_of(daugavpils), 2023)

    assert value(data, "community.initiatives", 2022) == 1
    assert value(data, "community.initiatives", 2023) == 1
    assert value(data, "community.events", 2022) == 1  # activities count by their own date
    assert value(data, "community.events", 2023) == 2
    assert value(data, "community.partners", 2022) == 3
    assert value(data, "community.participants", 2022) == 24
    assert value(data, "community.satisfaction", 2023) == Decimal("7.0")
    assert value(data, "community.goal_achieved", 2022) == Decimal("100.0")
    assert value(data, "community.goal_achieved", 2023) == Decimal("0.0")
    assert value(data, "community.new_organisations", 2022) == 1
    # not recorded in any evaluation: "not recorded", not 0
    assert value(data, "community.volunteers", 2023) is None


def test_plan_decisions_from_the_audit_trail(daugavpils):
    initiative = InitiativeFactory(municipality=daugavpils)
    type(initiative).objects.filter(pk=initiative.pk).update(created_at=riga(2023, 1, 5))
    trail(
        initiative,
        [
            ("start_planning", riga(2023, 1, 6)),
            ("submit_for_approval", riga(2023, 1, 10)),
            ("return_plan", riga(2023, 1, 30)),
            ("submit_for_approval", riga(2023, 2, 2)),
            ("approve", riga(2023, 2, 3)),
        ],
    )
    data = build(scope_of(daugavpils), 2023)
    assert value(data, "community.days_to_plan_decision", 2023) == Decimal("20.0")
    assert value(data, "community.plans_on_time", 2023) == Decimal("0.0")  # 20 > 14 days
    assert value(data, "community.plans_returned", 2023) == Decimal("100.0")


def test_survey_averages_reproduce_the_daugavpils_figures(daugavpils):
    worker = [10, 10, 9, 9, 9, 9, 9, 9, 9, 9]
    involvement = [8, 7, 7, 6, 6, 6, 6, 6, 5, 5]
    change = [9, 9, 9, 8, 8, 8, 8, 8, 8, 7]
    survey_with_answers(
        daugavpils, answers=[{0: worker[n], 1: involvement[n], 2: change[n]} for n in range(10)]
    )
    data = build(scope_of(daugavpils), 2023)
    assert value(data, "surveys.responses", 2023) == 10
    assert value(data, "surveys.worker_rating", 2023) == Decimal("9.2")
    assert value(data, "surveys.own_involvement", 2023) == Decimal("6.2")
    assert value(data, "surveys.change_achieved", 2023) == Decimal("8.2")
    summary = data["surveys"][0]
    assert [q.get("average") for q in summary["questions"][:3]] == ["9.2", "6.2", "8.2"]


def test_a_year_without_cases_is_said_to_have_none(daugavpils):
    grant_case(daugavpils, 2023, S.COMPLETED)
    data = build(scope_of(daugavpils), 2023)
    assert data["data_years"] == [2023]
    # a ratio over no cases is not measured (None), a count of a measured year is 0
    assert value(data, "grants.decided_on_time", 2022) is None
    assert value(data, "community.initiatives", 2023) == 0


def test_region_totals_add_up_its_municipalities(daugavpils, rezekne, liepaja, latgale):
    grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("1000.00"))
    grant_case(rezekne, 2023, S.COMPLETED, approved=Decimal("2000.00"))
    grant_case(liepaja, 2023, S.COMPLETED, approved=Decimal("4000.00"))
    data = build(scope_of(region=latgale), 2023)
    assert value(data, "grants.approved", 2023) == Decimal("3000.00")
    figures = data["by_municipality"]
    assert set(figures) == {"daugavpils", "rezekne"}
    assert Decimal(figures["rezekne"]["figures"]["grants.approved"]["value"]) == Decimal("2000.00")
