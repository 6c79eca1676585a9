"""The initiative lifecycle of DESIGN.md, run through the one transition service: who may
take each action, from which states, the guards at their edges, the audit trail and the
notification e-mails."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.roles import Role
from kopiena.casework.service import available_actions, perform_transition
from kopiena.casework.workflow import GuardFailed, NotAllowed, NotPossible, TransitionInput
from kopiena.community_work.models import Initiative, InitiativeStatus
from tests.factories import EvaluationFactory, InitiativeFactory, TaskFactory

pytestmark = pytest.mark.django_db

S = InitiativeStatus

#: action -> (from, to, who may take it)
LIFECYCLE = {
    "start_planning": (S.IDEA, S.PLANNING, "owner"),
    "submit_for_approval": (S.PLANNING, S.AWAITING_APPROVAL, "owner"),
    "approve": (S.AWAITING_APPROVAL, S.APPROVED, "head"),
    "return_plan": (S.AWAITING_APPROVAL, S.PLANNING, "head"),
    "start": (S.APPROVED, S.IN_PROGRESS, "owner"),
    "back_to_assessment": (S.IN_PROGRESS, S.PLANNING, "owner"),
    "finish": (S.IN_PROGRESS, S.EVALUATING, "owner"),
    "submit_report": (S.EVALUATING, S.REPORTED, "owner"),
    "accept_report": (S.REPORTED, S.CLOSED, "head"),
}
OPEN = [
    S.IDEA,
    S.PLANNING,
    S.AWAITING_APPROVAL,
    S.APPROVED,
    S.IN_PROGRESS,
    S.EVALUATING,
    S.REPORTED,
]
EVERYONE = [
    "owner",
    "other social worker",
    "head",
    "other head",
    "editor",
    "grant officer",
    "reviewer",
    "finance",
    "NGO member",
    "superuser without a role",
]
REASON = TransitionInput(comment="Iedzīvotāji vēlas vispirms sapulci.")


def _inputs(action):
    return REASON if action in ("return_plan", "cancel") else TransitionInput()


def _transition_entries(initiative):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=str(initiative.pk),
        action=audit.TRANSITION,
    )


# --- who ------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", LIFECYCLE)
def test_each_action_is_taken_by_its_role_and_written_to_the_audit_trail(
    action, make_initiative, people
):
    source, target, actor = LIFECYCLE[action]
    initiative = make_initiative(source)

    perform_transition(initiative, action, people[actor], _inputs(action))

    initiative.refresh_from_db()
    assert initiative.status == target
    (entry,) = _transition_entries(initiative)
    assert entry.user == people[actor]
    assert entry.data["action"] == action
    assert (entry.data["from"], entry.data["to"]) == (source, target)
    assert entry.data["comment"] == _inputs(action).comment


@pytest.mark.parametrize(
    ("action", "person"),
    [(action, p) for action, (*_, actor) in LIFECYCLE.items() for p in EVERYONE if p != actor],
)
def test_each_action_is_refused_to_every_other_role(action, person, make_initiative, people):
    source, _target, _actor = LIFECYCLE[action]
    initiative = make_initiative(source)

    with pytest.raises(NotAllowed):
        perform_transition(initiative, action, people[person], _inputs(action))

    initiative.refresh_from_db()
    assert initiative.status == source
    assert not _transition_entries(initiative).exists()
    assert action not in {a.name for a in available_actions(initiative, people[person])}


@pytest.mark.parametrize("action", LIFECYCLE)
def test_each_action_is_not_possible_from_the_other_states(action, make_initiative, people):
    source, _target, actor = LIFECYCLE[action]
    for state in S:
        if state == source:
            continue
        initiative = make_initiative(state)
        with pytest.raises(NotPossible):
            perform_transition(initiative, action, people[actor], _inputs(action))
        initiative.refresh_from_db()
        assert initiative.status == state
        assert not _transition_entries(initiative).exists()


@pytest.mark.parametrize("state", OPEN)
@pytest.mark.parametrize("actor", ["owner", "head"])
def test_an_open_initiative_is_cancelled_by_its_social_worker_or_head(
    state, actor, make_initiative, people
):
    initiative = make_initiative(state)

    perform_transition(initiative, "cancel", people[actor], REASON)

    initiative.refresh_from_db()
    assert initiative.status == S.CANCELLED
    (entry,) = _transition_entries(initiative)
    assert entry.data["comment"] == REASON.comment


@pytest.mark.parametrize("person", [p for p in EVERYONE if p not in ("owner", "head")])
def test_cancel_is_refused_to_every_other_role(person, make_initiative, people):
    initiative = make_initiative(S.IN_PROGRESS)
    with pytest.raises(NotAllowed):
        perform_transition(initiative, "cancel", people[person], REASON)
    initiative.refresh_from_db()
    assert initiative.status == S.IN_PROGRESS


@pytest.mark.parametrize("state", [S.CLOSED, S.CANCELLED])
def test_a_closed_or_cancelled_initiative_cannot_be_cancelled(state, make_initiative, people):
    initiative = make_initiative(state)
    with pytest.raises(NotPossible):
        perform_transition(initiative, "cancel", people["owner"], REASON)


def test_cancel_needs_a_reason(make_initiative, people):
    initiative = make_initiative(S.PLANNING)
    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "cancel", people["owner"], TransitionInput(comment="  "))
    assert "comment" in refused.value.errors
    initiative.refresh_from_db()
    assert initiative.status == S.PLANNING


def test_return_plan_needs_a_comment(make_initiative, people):
    initiative = make_initiative(S.AWAITING_APPROVAL)
    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "return_plan", people["head"], TransitionInput())
    assert "comment" in refused.value.errors
    initiative.refresh_from_db()
    assert initiative.status == S.AWAITING_APPROVAL


def test_without_an_assigned_head_any_head_decides_and_becomes_the_head(make_initiative, people):
    initiative = make_initiative(S.AWAITING_APPROVAL, head=None)

    perform_transition(initiative, "approve", people["other head"])

    initiative.refresh_from_db()
    assert initiative.status == S.APPROVED
    assert initiative.head == people["other head"]


def test_a_head_cannot_approve_an_initiative_they_run_themselves(social_worker, service_head):
    social_worker.groups.add(Group.objects.get(name=Role.SERVICE_HEADS))
    social_worker._kopiena_roles = None
    initiative = InitiativeFactory(status=S.AWAITING_APPROVAL, social_worker=social_worker)
    TaskFactory(initiative=initiative)

    with pytest.raises(NotAllowed):
        perform_transition(initiative, "approve", social_worker)
    perform_transition(initiative, "approve", service_head)
    initiative.refresh_from_db()
    assert initiative.status == S.APPROVED


def test_the_whole_cycle_with_the_seeds_step_back_to_planning(make_initiative, people):
    owner, head = people["owner"], people["head"]
    initiative = make_initiative(S.IDEA)
    steps = [
        ("start_planning", owner),
        ("submit_for_approval", owner),
        ("return_plan", head),
        ("submit_for_approval", owner),
        ("approve", head),
        ("start", owner),
        ("back_to_assessment", owner),
        ("submit_for_approval", owner),
        ("approve", head),
        ("start", owner),
        ("finish", owner),
    ]
    for action, user in steps:
        perform_transition(initiative, action, user, _inputs(action))
    EvaluationFactory(initiative=initiative)
    perform_transition(initiative, "submit_report", owner)
    perform_transition(initiative, "accept_report", head)

    initiative.refresh_from_db()
    assert initiative.status == S.CLOSED
    history = audit.entries_for(initiative)
    assert [e.data["action"] for e in history] == [
        *(a for a, _ in steps),
        "submit_report",
        "accept_report",
    ]


# --- guards ---------------------------------------------------------------------------------


@pytest.mark.parametrize("goal", ["", "   \n "])
def test_submit_for_approval_needs_a_goal(goal, make_initiative, people):
    initiative = make_initiative(S.PLANNING, goal=goal)

    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "submit_for_approval", people["owner"])

    assert set(refused.value.errors) == {"goal"}
    initiative.refresh_from_db()
    assert initiative.status == S.PLANNING
    assert not _transition_entries(initiative).exists()


def test_submit_for_approval_needs_at_least_one_task(people):
    initiative = InitiativeFactory(status=S.PLANNING, social_worker=people["owner"])
    assert initiative.goal and not initiative.tasks.exists()

    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "submit_for_approval", people["owner"])

    assert set(refused.value.errors) == {"tasks"}
    initiative.refresh_from_db()
    assert initiative.status == S.PLANNING

    TaskFactory(initiative=initiative)
    perform_transition(initiative, "submit_for_approval", people["owner"])
    initiative.refresh_from_db()
    assert initiative.status == S.AWAITING_APPROVAL


def test_submit_for_approval_reports_every_missing_part_at_once(people):
    initiative = InitiativeFactory(status=S.PLANNING, social_worker=people["owner"], goal="")
    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "submit_for_approval", people["owner"])
    assert set(refused.value.errors) == {"goal", "tasks"}


def test_submit_report_needs_the_evaluation(people):
    initiative = InitiativeFactory(status=S.EVALUATING, social_worker=people["owner"])

    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "submit_report", people["owner"])

    assert set(refused.value.errors) == {"evaluation"}
    initiative.refresh_from_db()
    assert initiative.status == S.EVALUATING
    assert not _transition_entries(initiative).exists()


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"results": ""}, {"evaluation_results"}),
        ({"results": "  "}, {"evaluation_results"}),
        ({"satisfaction": None}, {"evaluation_satisfaction"}),
        ({"results": "", "satisfaction": None}, {"evaluation_results", "evaluation_satisfaction"}),
    ],
)
def test_submit_report_needs_results_and_satisfaction(fields, missing, people):
    initiative = InitiativeFactory(status=S.EVALUATING, social_worker=people["owner"])
    EvaluationFactory(initiative=initiative, **fields)

    with pytest.raises(GuardFailed) as refused:
        perform_transition(initiative, "submit_report", people["owner"])

    assert set(refused.value.errors) == missing
    initiative.refresh_from_db()
    assert initiative.status == S.EVALUATING


@pytest.mark.parametrize("satisfaction", [1, 10])
def test_submit_report_accepts_a_complete_evaluation_at_the_score_edges(satisfaction, people):
    initiative = InitiativeFactory(status=S.EVALUATING, social_worker=people["owner"])
    EvaluationFactory(
        initiative=initiative,
        methods="",
        helping_factors="",
        hindering_factors="",
        recommendations="",
        participants=None,
        satisfaction=satisfaction,
    )
    perform_transition(initiative, "submit_report", people["owner"])
    initiative.refresh_from_db()
    assert initiative.status == S.REPORTED


# --- notifications --------------------------------------------------------------------------


def test_submitting_the_plan_mails_the_assigned_head(
    make_initiative, people, outbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.PLANNING)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(initiative, "submit_for_approval", people["owner"])

    assert [m.to for m in outbox] == [[people["head"].email]]
    assert initiative.case_reference() in outbox[0].subject


def test_without_an_assigned_head_every_head_is_mailed(
    make_initiative, people, outbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.EVALUATING, head=None)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(initiative, "submit_report", people["owner"])

    assert sorted(m.to[0] for m in outbox) == sorted(
        [people["head"].email, people["other head"].email]
    )


@pytest.mark.parametrize("action", ["approve", "return_plan", "accept_report"])
def test_the_heads_decisions_are_mailed_to_the_social_worker(
    action, make_initiative, people, outbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(LIFECYCLE[action][0])
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(initiative, action, people["head"], _inputs(action))

    assert [m.to for m in outbox] == [[people["owner"].email]]
    if action == "return_plan":
        assert REASON.comment in outbox[0].body


def test_cancelling_mails_the_social_worker_with_the_reason(
    make_initiative, people, outbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(S.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(
            initiative,
            "cancel",
            people["head"],
            TransitionInput(comment="Kopiena apvienojas ar citu.", internal_comment="Budžets"),
        )

    (message,) = outbox
    assert message.to == [people["owner"].email]
    assert "Kopiena apvienojas ar citu." in message.body
    assert "Budžets" in message.body  # the social worker is staff: sees the internal comment
    assert "/admin/community-work/initiatives/" in message.body


@pytest.mark.parametrize("action", ["start_planning", "start", "finish", "back_to_assessment"])
def test_the_social_workers_own_steps_mail_nobody(
    action, make_initiative, people, outbox, django_capture_on_commit_callbacks
):
    initiative = make_initiative(LIFECYCLE[action][0])
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(initiative, action, people["owner"])
    assert outbox == []


def test_a_refused_action_mails_nobody(people, outbox, django_capture_on_commit_callbacks):
    initiative = InitiativeFactory(status=S.PLANNING, social_worker=people["owner"])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(GuardFailed):
        perform_transition(initiative, "submit_for_approval", people["owner"])
    assert outbox == []


def test_case_reference_has_the_year_and_a_padded_number(make_initiative):
    initiative = make_initiative()
    year = initiative.created_at.year
    assert initiative.case_reference() == f"INI-{year}-{initiative.pk:04d}"
