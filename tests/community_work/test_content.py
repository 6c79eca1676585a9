"""What an initiative holds, validated where a person enters it: weekly-log periods,
activities within their week, the satisfaction score, the main approach, coordinates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from kopiena.community_work.models import ActivityLog, ChosenApproach, Evaluation, PracticeApproach
from tests.factories import (
    ActivityLogFactory,
    ChosenApproachFactory,
    CommunityCentreFactory,
    EvaluationFactory,
    InitiativeFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def week(db):
    """A logged week, Monday 12 to Friday 16 January 2026."""
    return ActivityLogFactory(period_start=D(2026, 1, 12), period_end=D(2026, 1, 16))


# --- weekly logs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 1, 13), D(2026, 1, 14)),  # inside
        (D(2026, 1, 5), D(2026, 1, 20)),  # around
        (D(2026, 1, 16), D(2026, 1, 22)),  # starts the day the other ends: shares a day
        (D(2026, 1, 5), D(2026, 1, 12)),  # ends the day the other starts: shares a day
        (D(2026, 1, 12), D(2026, 1, 16)),  # the same week again
    ],
)
def test_a_log_period_overlapping_another_of_the_same_initiative_is_refused(week, start, end):
    log = ActivityLog(initiative=week.initiative, period_start=start, period_end=end)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        log.full_clean()

    assert "overlaps" in refused.value.message_dict["period_start"][0]
    assert ActivityLog.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 1, 17), D(2026, 1, 23)),  # starts the day after the other ends
        (D(2026, 1, 5), D(2026, 1, 11)),  # ends the day before the other starts
    ],
)
def test_adjacent_log_periods_are_accepted(week, start, end):
    ActivityLog(initiative=week.initiative, period_start=start, period_end=end).full_clean()


def test_the_same_period_on_another_initiative_is_accepted(week):
    other = InitiativeFactory()
    ActivityLog(
        initiative=other, period_start=week.period_start, period_end=week.period_end
    ).full_clean()


def test_editing_a_log_does_not_clash_with_itself(week):
    week.period_end = D(2026, 1, 18)
    week.full_clean()


def test_a_period_cannot_end_before_it_starts(db):
    initiative = InitiativeFactory()
    log = ActivityLog(initiative=initiative, period_start=D(2026, 1, 16), period_end=D(2026, 1, 15))
    with pytest.raises(ValidationError) as refused:
        log.full_clean()
    assert "period_end" in refused.value.message_dict


def test_a_one_day_period_is_a_period(db):
    initiative = InitiativeFactory()
    ActivityLog(
        initiative=initiative, period_start=D(2026, 1, 16), period_end=D(2026, 1, 16)
    ).full_clean()


def test_the_database_refuses_a_period_ending_before_it_starts(db):
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityLog.objects.create(
            initiative=initiative, period_start=D(2026, 1, 16), period_end=D(2026, 1, 15)
        )


@pytest.mark.postgres
def test_postgresql_refuses_overlapping_periods_of_one_initiative(week):
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints need PostgreSQL")
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SET CONSTRAINTS kopiena_community_work_log_periods_do_not_overlap IMMEDIATE"
            )
        ActivityLog.objects.create(
            initiative=week.initiative, period_start=D(2026, 1, 16), period_end=D(2026, 1, 20)
        )
    # The day after is fine, and so is the same week of another initiative.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SET CONSTRAINTS kopiena_community_work_log_periods_do_not_overlap IMMEDIATE"
            )
        ActivityLog.objects.create(
            initiative=week.initiative, period_start=D(2026, 1, 17), period_end=D(2026, 1, 20)
        )
        ActivityLogFactory(period_start=week.period_start, period_end=week.period_end)


# --- evaluation -----------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "valid"), [(0, False), (1, True), (10, True), (11, False)])
def test_satisfaction_is_a_score_from_1_to_10(score, valid):
    evaluation = EvaluationFactory.build(initiative=InitiativeFactory(), satisfaction=score)
    if valid:
        evaluation.full_clean()
    else:
        with pytest.raises(ValidationError) as refused:
            evaluation.full_clean()
        assert set(refused.value.message_dict) == {"satisfaction"}


@pytest.mark.parametrize("score", [0, 11])
def test_the_database_refuses_a_satisfaction_outside_1_to_10(score):
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(initiative=initiative, results="x", satisfaction=score)


# --- approaches -----------------------------------------------------------------------------


def test_the_database_refuses_a_second_main_approach():
    first = ChosenApproachFactory(is_main=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChosenApproach.objects.create(
            initiative=first.initiative, approach=PracticeApproach.ADVOCACY, is_main=True
        )
    ChosenApproach.objects.create(
        initiative=first.initiative, approach=PracticeApproach.ADVOCACY, is_main=False
    )


def test_an_other_approach_says_which():
    approach = ChosenApproach(
        initiative=InitiativeFactory(), approach=PracticeApproach.OTHER, is_main=False
    )
    with pytest.raises(ValidationError) as refused:
        approach.full_clean()
    assert "other_description" in refused.value.message_dict


# --- centres --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        ("90.000001", "24.1", "latitude"),
        ("-91", "24.1", "latitude"),
        ("56.9", "180.5", "longitude"),
    ],
)
def test_centre_coordinates_are_in_range(latitude, longitude, field):
    centre = CommunityCentreFactory.build(
        municipality=CommunityCentreFactory().municipality, latitude=latitude, longitude=longitude
    )
    with pytest.raises(ValidationError) as refused:
        centre.full_clean()
    assert field in refused.value.message_dict


def test_a_centre_gives_both_coordinates_or_neither():
    centre = CommunityCentreFactory.build(
        municipality=CommunityCentreFactory().municipality, latitude="56.9", longitude=None
    )
    with pytest.raises(ValidationError) as refused:
        centre.full_clean()
    assert "longitude" in refused.value.message_dict


def test_initiative_places_belong_to_its_municipality():
    initiative = InitiativeFactory()
    initiative.centre = CommunityCentreFactory()  # another municipality
    with pytest.raises(ValidationError) as refused:
        initiative.full_clean()
    assert "centre" in refused.value.message_dict
