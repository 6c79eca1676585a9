"""The Wagtail admin as social workers and heads use it: the case page with its actions and
content, the transition form, the edit form (content only, checked across rows, all or
nothing), the weekly-log page, the listing and the dashboard."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data
from wagtail.users.models import UserProfile

from kopiena.community_work.models import ActivityLog, Initiative, InitiativeStatus
from tests.factories import (
    ActivityLogFactory,
    AssessmentFactory,
    ChosenApproachFactory,
    EvaluationFactory,
    InitiativeFactory,
    LogActivityFactory,
    PartnerFactory,
    PlanCorrectionFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db

S = InitiativeStatus
D = datetime.date


def url(name, *args):
    return reverse(f"community_initiatives:{name}", args=args)


@pytest.fixture
def full_initiative(social_worker, service_head):
    """An initiative in planning with something in every part."""
    initiative = InitiativeFactory(
        status=S.PLANNING, social_worker=social_worker, head=service_head, title="Kopā Križos"
    )
    AssessmentFactory(initiative=initiative, in_depth_study_findings="Trūkst tikšanās vietas.")
    ChosenApproachFactory(initiative=initiative, approach="community_development", is_main=True)
    ChosenApproachFactory(initiative=initiative, approach="social_marketing", is_main=False)
    TaskFactory(initiative=initiative, title="Iedzīvotāju sapulce", responsible="Laura")
    PlanCorrectionFactory(initiative=initiative, change="Sapulce pārcelta uz skolu.")
    PartnerFactory(initiative=initiative, name="Biedrība “Draudzība-K”")
    log = ActivityLogFactory(initiative=initiative)
    LogActivityFactory(log=log, description="Tikšanās ar kopienas pārstāvjiem.")
    EvaluationFactory(initiative=initiative, results="Izveidota biedrība.", satisfaction=9)
    return initiative


def _formset(rows, initial=0):
    data = {
        "TOTAL_FORMS": str(len(rows)),
        "INITIAL_FORMS": str(initial),
        "MIN_NUM_FORMS": "0",
        "MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{index}-{key}": value for key, value in row.items()})
    return data


def edit_data(initiative, **changes):
    """What the edit form posts for ``initiative`` as it is, with ``changes`` applied
    (formsets given as lists of row dicts replace the existing rows)."""

    def rows(queryset, fields):
        return [
            {"id": obj.pk, "ORDER": str(i), "DELETE": "", **{f: _value(obj, f) for f in fields}}
            for i, obj in enumerate(queryset)
        ]

    data = {
        "title": initiative.title,
        "municipality": initiative.municipality_id,
        "community": initiative.community_id,
        "centre": initiative.centre_id or "",
        "social_worker": initiative.social_worker_id,
        "head": initiative.head_id or "",
        "goal": initiative.goal,
    }
    formsets = {
        "approaches": rows(
            initiative.approaches.all(), ["approach", "is_main", "other_description"]
        ),
        "tasks": rows(initiative.tasks.all(), ["title", "responsible", "due_date", "done"]),
        "plan_corrections": rows(initiative.plan_corrections.all(), ["date", "change", "reason"]),
        "partners": rows(initiative.partners.all(), ["name", "role"]),
        "logs": rows(
            initiative.logs.all(), ["period_start", "period_end", "difficulties", "next_week_tasks"]
        ),
    }
    for name, existing in formsets.items():
        new = changes.pop(name, None)
        formsets[name] = _formset(existing + (new or []), initial=len(existing))
    data.update(changes)
    flat = nested_form_data({**formsets})
    for key, value in list(data.items()):
        if isinstance(value, bool):
            data[key] = "on" if value else ""
    for key, value in list(flat.items()):
        if isinstance(value, bool):
            flat[key] = "on" if value else ""
    return {**data, **flat}


def _value(obj, field):
    value = getattr(obj, field)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


# --- the case page --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["social_worker", "service_head"])
def test_the_case_page_shows_everything_the_initiative_holds(who, full_initiative, client, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(url("inspect", full_initiative.pk))

    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        full_initiative.case_reference(),
        "Kopā Križos",
        "Trūkst tikšanās vietas.",  # assessment
        "Iedzīvotāju sapulce",  # task
        "Sapulce pārcelta uz skolu.",  # correction
        "Draudzība-K",  # partner
        "Tikšanās ar kopienas pārstāvjiem.",  # log activity
        "Izveidota biedrība.",  # evaluation
    ]:
        assert text in html, text
    for section in ["assessment", "plan", "logs", "evaluation"]:
        assert f'data-section="{section}"' in html


def test_the_case_page_offers_each_person_only_their_actions(
    full_initiative, social_worker, service_head, client
):
    client.force_login(social_worker)
    html = client.get(url("inspect", full_initiative.pk)).content.decode()
    assert html.count('data-case-action="submit_for_approval"') == 1
    assert html.count('data-case-action="cancel"') == 1  # one button, seven source states
    assert 'data-case-action="approve"' not in html

    client.force_login(service_head)
    html = client.get(url("inspect", full_initiative.pk)).content.decode()
    assert 'data-case-action="submit_for_approval"' not in html
    assert 'data-case-action="cancel"' in html


@pytest.mark.parametrize("who", ["editor", "officer", "finance", "reviewer"])
def test_other_staff_cannot_open_initiatives(who, full_initiative, client, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("inspect", full_initiative.pk)).status_code == 404
    assert client.get(url("edit", full_initiative.pk)).status_code in (302, 403)
    response = client.get(url("index"))
    assert response.status_code in (302, 403)
    assert "Kopā Križos" not in response.content.decode()


# --- the transition form --------------------------------------------------------------------


def test_a_transition_through_the_admin_changes_the_status_and_shows_in_the_history(
    full_initiative, social_worker, client
):
    client.force_login(social_worker)
    form_url = url("transition", full_initiative.pk, "submit_for_approval")
    assert client.get(form_url).status_code == 200

    response = client.post(form_url, {"comment": "Plāns gatavs."})

    assert response.status_code == 302
    assert response.url == url("inspect", full_initiative.pk)
    full_initiative.refresh_from_db()
    assert full_initiative.status == S.AWAITING_APPROVAL
    html = client.get(response.url).content.decode()
    assert "Plāns gatavs." in html  # the history


def _admin_in_english(user):
    """The admin speaks each user's chosen language (Latvian by default); these tests read the
    messages in the source language."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_a_refused_guard_shows_the_reason_and_changes_nothing(social_worker, client):
    initiative = InitiativeFactory(status=S.PLANNING, social_worker=social_worker)
    _admin_in_english(social_worker)
    client.force_login(social_worker)

    response = client.post(url("transition", initiative.pk, "submit_for_approval"), {})

    assert response.status_code == 200
    assert "Add at least one task to the action plan." in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == S.PLANNING


def test_a_missing_required_comment_is_a_field_error(full_initiative, service_head, client):
    Initiative.objects.filter(pk=full_initiative.pk).update(status=S.AWAITING_APPROVAL)
    client.force_login(service_head)

    response = client.post(url("transition", full_initiative.pk, "return_plan"), {"comment": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["comment"]
    full_initiative.refresh_from_db()
    assert full_initiative.status == S.AWAITING_APPROVAL


def test_an_action_of_another_role_is_refused_in_the_admin(full_initiative, social_worker, client):
    Initiative.objects.filter(pk=full_initiative.pk).update(status=S.AWAITING_APPROVAL)
    client.force_login(social_worker)

    response = client.post(url("transition", full_initiative.pk, "approve"), {})

    assert response.status_code == 302
    full_initiative.refresh_from_db()
    assert full_initiative.status == S.AWAITING_APPROVAL


# --- the edit form --------------------------------------------------------------------------


def test_the_edit_form_saves_the_content_but_never_the_status(
    full_initiative, social_worker, client
):
    client.force_login(social_worker)
    data = edit_data(
        full_initiative,
        goal="Jauns mērķis",
        status=S.CLOSED,
        tasks=[{"title": "Izveidot bukletu", "responsible": "brīvprātīgie", "ORDER": "9"}],
        assessment_field_definition_findings="Apkaime starp dzelzceļu un upi.",
        evaluation_satisfaction="10",
        evaluation_results="Izveidota biedrība.",
    )

    response = client.post(url("edit", full_initiative.pk), data)

    assert response.status_code == 302, response.context["form"].errors
    full_initiative.refresh_from_db()
    assert full_initiative.status == S.PLANNING
    assert full_initiative.goal == "Jauns mērķis"
    assert [t.title for t in full_initiative.tasks.all()] == [
        "Iedzīvotāju sapulce",
        "Izveidot bukletu",
    ]
    assert full_initiative.assessment.field_definition_findings.startswith("Apkaime")
    assert full_initiative.evaluation.satisfaction == 10
    form_html = client.get(url("edit", full_initiative.pk)).content.decode()
    assert 'name="status"' not in form_html


def test_the_edit_form_creates_the_assessment_and_evaluation_when_first_filled(
    social_worker, client
):
    initiative = InitiativeFactory(status=S.IDEA, social_worker=social_worker)
    client.force_login(social_worker)
    data = edit_data(initiative, assessment_initial_study_findings="Vajadzību profils.")

    response = client.post(url("edit", initiative.pk), data)

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.assessment.initial_study_findings == "Vajadzību profils."
    assert not hasattr(initiative, "evaluation") or initiative.evaluation is None


def _log(start, end):
    return {"period_start": start, "period_end": end, "difficulties": "", "next_week_tasks": ""}


@pytest.mark.parametrize(
    "new_logs",
    [
        [_log("2026-01-14", "2026-01-20")],  # overlaps the existing 12–16 January
        [_log("2026-01-16", "2026-01-22")],  # shares the 16th
        [_log("2026-02-02", "2026-02-06"), _log("2026-02-06", "2026-02-10")],  # with each other
    ],
)
def test_overlapping_weekly_logs_are_refused_with_a_field_message_and_nothing_saved(
    new_logs, full_initiative, social_worker, client
):
    _admin_in_english(social_worker)
    client.force_login(social_worker)
    data = edit_data(full_initiative, goal="Mainīts", logs=new_logs)

    response = client.post(url("edit", full_initiative.pk), data)

    assert response.status_code == 200
    logs_formset = response.context["form"].formsets["logs"]
    assert any("overlaps" in str(f.errors.get("period_start", "")) for f in logs_formset.forms)
    full_initiative.refresh_from_db()
    assert full_initiative.goal != "Mainīts"
    assert full_initiative.logs.count() == 1


def test_adjacent_weekly_logs_are_saved(full_initiative, social_worker, client):
    client.force_login(social_worker)
    data = edit_data(
        full_initiative,
        logs=[_log("2026-01-17", "2026-01-23"), _log("2026-01-24", "2026-01-30")],
    )

    response = client.post(url("edit", full_initiative.pk), data)

    assert response.status_code == 302
    assert full_initiative.logs.count() == 3


def test_moving_a_log_away_from_its_activities_is_refused(full_initiative, social_worker, client):
    client.force_login(social_worker)
    data = edit_data(full_initiative)
    data["logs-0-period_start"], data["logs-0-period_end"] = "2026-03-02", "2026-03-06"

    response = client.post(url("edit", full_initiative.pk), data)

    assert response.status_code == 200
    assert ActivityLog.objects.get(initiative=full_initiative).period_start == D(2026, 1, 12)


@pytest.mark.parametrize(
    ("mains", "message"),
    [((True, True), "Only one approach"), ((False, False), "Mark one of the chosen approaches")],
)
def test_exactly_one_approach_is_the_main_one(
    mains, message, full_initiative, social_worker, client
):
    _admin_in_english(social_worker)
    client.force_login(social_worker)
    data = edit_data(full_initiative, goal="Mainīts")
    data["approaches-0-is_main"] = "on" if mains[0] else ""
    data["approaches-1-is_main"] = "on" if mains[1] else ""

    response = client.post(url("edit", full_initiative.pk), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    full_initiative.refresh_from_db()
    assert full_initiative.goal != "Mainīts"


@pytest.mark.parametrize(
    ("score", "saved"), [("0", False), ("1", True), ("10", True), ("11", False)]
)
def test_the_satisfaction_score_is_checked_in_the_form(
    score, saved, full_initiative, social_worker, client
):
    client.force_login(social_worker)
    data = edit_data(full_initiative, goal="Mainīts", evaluation_satisfaction=score)

    response = client.post(url("edit", full_initiative.pk), data)

    full_initiative.refresh_from_db()
    if saved:
        assert response.status_code == 302
        assert full_initiative.evaluation.satisfaction == int(score)
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["evaluation_satisfaction"]
        assert full_initiative.evaluation.satisfaction == 9
        assert full_initiative.goal != "Mainīts"


def test_a_closed_initiative_is_a_record_nobody_edits(
    full_initiative, social_worker, service_head, client
):
    Initiative.objects.filter(pk=full_initiative.pk).update(status=S.CLOSED)
    for user in (social_worker, service_head):
        client.force_login(user)
        assert client.get(url("edit", full_initiative.pk)).status_code in (302, 403)
        html = client.get(url("inspect", full_initiative.pk)).content.decode()
        assert url("edit", full_initiative.pk) not in html


def test_another_social_worker_sees_but_does_not_edit(full_initiative, other_social_worker, client):
    client.force_login(other_social_worker)
    assert client.get(url("inspect", full_initiative.pk)).status_code == 200
    assert client.get(url("edit", full_initiative.pk)).status_code in (302, 403)
    response = client.post(url("edit", full_initiative.pk), edit_data(full_initiative, goal="X"))
    assert response.status_code in (302, 403)
    full_initiative.refresh_from_db()
    assert full_initiative.goal != "X"


def test_a_social_worker_creates_an_initiative_they_own(social_worker, client):
    template = InitiativeFactory.build()
    municipality = InitiativeFactory().municipality
    community = InitiativeFactory(municipality=municipality).community
    client.force_login(social_worker)
    assert client.get(url("add")).status_code == 200

    data = edit_data(
        InitiativeFactory.build(municipality=municipality, community=community, centre=None),
        social_worker=social_worker.pk,
        title="Jauna iniciatīva",
    )
    data["municipality"], data["community"] = municipality.pk, community.pk
    response = client.post(url("add"), data)

    assert response.status_code == 302, response.context["form"].errors
    created = Initiative.objects.get(title="Jauna iniciatīva")
    assert created.status == S.IDEA
    assert created.social_worker == social_worker
    assert template  # built only for its defaults


# --- weekly log page ------------------------------------------------------------------------


def _log_page_data(initiative, start, end, activities):
    data = {
        "initiative": initiative.pk,
        "period_start": start,
        "period_end": end,
        "difficulties": "Laika trūkums.",
        "next_week_tasks": "Sagatavot bukletu.",
    }
    data.update(
        nested_form_data(
            {
                "activities": _formset(
                    [{"date": d, "description": text, "DELETE": ""} for d, text in activities]
                )
            }
        )
    )
    return data


def test_a_weekly_log_is_added_with_its_activities(full_initiative, social_worker, client):
    client.force_login(social_worker)
    add_url = reverse("community_weekly_logs:add")
    assert client.get(add_url + f"?initiative={full_initiative.pk}").status_code == 200

    response = client.post(
        add_url,
        _log_page_data(
            full_initiative,
            "2026-01-19",
            "2026-01-23",
            [("2026-01-19", "Buklets"), ("2026-01-23", "Sapulce")],
        ),
    )

    assert response.status_code == 302
    assert response.url == url("inspect", full_initiative.pk)
    log = full_initiative.logs.get(period_start=D(2026, 1, 19))
    assert [a.description for a in log.activities.all()] == ["Buklets", "Sapulce"]

    edit_url = reverse("community_weekly_logs:edit", args=[log.pk])
    data = _log_page_data(full_initiative, "2026-01-19", "2026-01-25", [])
    data.update(
        nested_form_data(
            {
                "activities": _formset(
                    [
                        {"id": a.pk, "date": a.date.isoformat(), "description": a.description}
                        for a in log.activities.all()
                    ],
                    initial=2,
                )
            }
        )
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302
    assert response.url == url("inspect", full_initiative.pk)
    log.refresh_from_db()
    assert log.period_end == D(2026, 1, 25)


@pytest.mark.parametrize(
    ("start", "end", "activity_date", "field"),
    [
        ("2026-01-19", "2026-01-23", "2026-01-24", "date"),  # activity after the week
        ("2026-01-16", "2026-01-23", "2026-01-19", "period_start"),  # shares the 16th
    ],
)
def test_the_weekly_log_page_refuses_bad_dates_and_saves_nothing(
    start, end, activity_date, field, full_initiative, social_worker, client
):
    client.force_login(social_worker)
    response = client.post(
        reverse("community_weekly_logs:add"),
        _log_page_data(full_initiative, start, end, [(activity_date, "Sapulce")]),
    )

    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors if field != "date" else form.formsets["activities"].forms[0].errors
    assert field in errors
    assert full_initiative.logs.count() == 1


# --- listing and dashboard ------------------------------------------------------------------


def test_the_listing_filters_my_initiatives(social_worker, other_social_worker, client):
    mine = InitiativeFactory(social_worker=social_worker, title="Mana")
    InitiativeFactory(social_worker=other_social_worker, title="Citas")
    client.force_login(social_worker)

    everything = client.get(url("index")).content.decode()
    only_mine = client.get(url("index") + "?mine=true").content.decode()

    assert "Mana" in everything and "Citas" in everything
    assert "Mana" in only_mine and "Citas" not in only_mine
    assert url("inspect", mine.pk) in only_mine


def test_the_listing_costs_the_same_for_5_and_25_rows(
    social_worker, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(social_worker)
    InitiativeFactory.create_batch(5, social_worker=social_worker)
    client.get(url("index"))  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(url("index"))
    InitiativeFactory.create_batch(20, social_worker=social_worker)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("index"))
    assert response.status_code == 200


def test_the_listing_exports_csv(full_initiative, social_worker, client):
    client.force_login(social_worker)
    response = client.get(url("index") + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert full_initiative.case_reference() in content


def test_the_dashboard_shows_a_social_worker_their_initiatives(
    full_initiative, social_worker, client
):
    client.force_login(social_worker)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "community-work-my-initiatives" in html
    assert 'data-status="planning"' in html
    assert "Kopā Križos" in html  # casework's "waiting for me": planning is the worker's turn


def test_the_dashboard_shows_a_head_what_awaits_approval(full_initiative, service_head, client):
    Initiative.objects.filter(pk=full_initiative.pk).update(status=S.AWAITING_APPROVAL)
    client.force_login(service_head)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Kopā Križos" in html
    assert "community-work-my-initiatives" not in html
