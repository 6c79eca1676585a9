"""Initiatives through the API, per role: community social workers and heads see them;
the owner or a head edits an open one; the lifecycle runs through the transitions
endpoint; everyone else finds nothing."""

import pytest

from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.community_work.models import Initiative, InitiativeStatus, Task
from tests.factories import (
    CommunityCentreFactory,
    CommunityFactory,
    EvaluationFactory,
    InitiativeFactory,
    MunicipalityFactory,
    TaskFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

S = InitiativeStatus


@pytest.fixture
def initiative(social_worker):
    return InitiativeFactory(social_worker=social_worker, title="Apkaimes padome")


@pytest.fixture
def other_social_worker(db):
    return user_with_role(Role.SOCIAL_WORKERS, username="socdarbinieks-api-2")


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["social_worker", "other_social_worker", "service_head", "superuser"]
)
def test_community_staff_list_initiatives(request, api_as, role, initiative):
    response = api_as(request.getfixturevalue(role)).get("/initiatives")

    assert response.status_code == 200
    assert [row["id"] for row in response.data["items"]] == [initiative.pk]
    row = response.data["items"][0]
    assert row["status"] == "idea"
    assert row["reference"] == initiative.case_reference()
    assert row["community"]["id"] == initiative.community_id


@pytest.mark.parametrize("role", ["member", "officer", "editor", "finance"])
def test_others_see_no_initiatives(request, api_as, role, initiative):
    api = api_as(request.getfixturevalue(role))

    listing = api.get("/initiatives")
    detail = api.get(f"/initiatives/{initiative.pk}")
    missing = api.get("/initiatives/987654")

    assert listing.status_code == 200 and listing.data["count"] == 0
    assert detail.status_code == missing.status_code == 404
    assert detail.data == missing.data


@pytest.mark.parametrize(
    "method, suffix",
    [
        ("get", ""),
        ("patch", ""),
        ("get", "/transitions"),
        ("post", "/transitions/cancel"),
        ("get", "/history"),
    ],
)
def test_every_id_endpoint_is_404_for_an_ngo_member(api_as, member, initiative, method, suffix):
    api = api_as(member)
    args = ({"title": "Cits"},) if method == "patch" else ()

    foreign = getattr(api, method)(f"/initiatives/{initiative.pk}{suffix}", *args)
    missing = getattr(api, method)(f"/initiatives/987654{suffix}", *args)

    assert foreign.status_code == missing.status_code == 404
    assert foreign.data == missing.data


def test_detail_with_plan_and_evaluation(api_as, social_worker, initiative):
    TaskFactory(initiative=initiative, title="Tikšanās ar iedzīvotājiem")
    EvaluationFactory(initiative=initiative, satisfaction=8)

    response = api_as(social_worker).get(f"/initiatives/{initiative.pk}")

    assert response.status_code == 200
    assert response.data["goal"] == initiative.goal
    assert [t["title"] for t in response.data["tasks"]] == ["Tikšanās ar iedzīvotājiem"]
    assert response.data["evaluation"]["satisfaction"] == 8
    assert response.data["editable"] is True
    assert response.data["social_worker"]["id"] == social_worker.pk


def test_filters(api_as, service_head, social_worker, initiative):
    other_place = MunicipalityFactory(name="Viļāni", slug="vilani")
    elsewhere = InitiativeFactory(municipality=other_place, title="Pagasts")
    perform_transition(initiative, "start_planning", social_worker, TransitionInput())
    api = api_as(service_head)

    def ids(**params):
        response = api.get("/initiatives", **params)
        assert response.status_code == 200, response.data
        return {row["id"] for row in response.data["items"]}

    assert ids(status="planning") == {initiative.pk}
    assert ids(municipality="vilani") == {elsewhere.pk}
    assert ids(community=initiative.community_id) == {initiative.pk}
    assert ids(centre=elsewhere.centre_id) == {elsewhere.pk}
    assert api_as(social_worker).get("/initiatives", mine="true").data["count"] == 1


# --- creating and editing --------------------------------------------------------------------


def test_social_worker_creates_their_initiative(api_as, social_worker):
    community = CommunityFactory()
    centre = CommunityCentreFactory(municipality=community.municipality)

    response = api_as(social_worker).post(
        "/initiatives",
        {
            "title": "Senioru klubs",
            "community": community.pk,
            "centre": centre.pk,
            "goal": "Vientuļie seniori tiekas reizi nedēļā.",
            "tasks": [{"title": "Uzrunāt seniorus", "due_date": "2026-05-01"}],
        },
    )

    assert response.status_code == 201, response.data
    initiative = Initiative.objects.get(pk=response.data["id"])
    assert initiative.social_worker == social_worker
    assert initiative.municipality == community.municipality
    assert initiative.status == S.IDEA
    assert [t.title for t in initiative.tasks.all()] == ["Uzrunāt seniorus"]


def test_a_head_names_the_owner(api_as, service_head, social_worker, editor):
    community = CommunityFactory()
    api = api_as(service_head)
    payload = {"title": "Jauniešu telpa", "community": community.pk}

    unnamed = api.post("/initiatives", payload)
    not_a_social_worker = api.post("/initiatives", {**payload, "social_worker": editor.pk})
    named = api.post("/initiatives", {**payload, "social_worker": social_worker.pk})

    assert unnamed.status_code == 422 and "social_worker" in unnamed.data["errors"]
    assert not_a_social_worker.status_code == 422
    assert "social_worker" in not_a_social_worker.data["errors"]
    assert named.status_code == 201
    assert named.data["social_worker"]["id"] == social_worker.pk


@pytest.mark.parametrize("role", ["member", "officer", "editor"])
def test_others_cannot_create_initiatives(request, api_as, role):
    community = CommunityFactory()

    response = api_as(request.getfixturevalue(role)).post(
        "/initiatives", {"title": "X", "community": community.pk}
    )

    assert response.status_code == 403


def test_create_refuses_unknown_references(api_as, social_worker):
    response = api_as(social_worker).post(
        "/initiatives", {"title": "X", "community": 987654, "centre": 987654}
    )

    assert response.status_code == 422
    assert {"community", "centre"} <= set(response.data["errors"])


def test_owner_edits_the_plan_and_the_evaluation(api_as, social_worker, initiative):
    kept = TaskFactory(initiative=initiative, title="Vecais")
    TaskFactory(initiative=initiative, title="Izmetamais")

    response = api_as(social_worker).patch(
        f"/initiatives/{initiative.pk}",
        {
            "goal": "Jauns mērķis",
            "tasks": [
                {"id": kept.pk, "title": "Vecais (labots)", "done": True},
                {"title": "Jauns"},
            ],
            "evaluation": {"results": "Izveidota padome.", "satisfaction": 9},
        },
    )

    assert response.status_code == 200, response.data
    initiative.refresh_from_db()
    assert initiative.goal == "Jauns mērķis"
    tasks = list(Task.objects.filter(initiative=initiative).order_by("sort_order"))
    assert [(t.pk == kept.pk, t.title, t.done) for t in tasks] == [
        (True, "Vecais (labots)", True),
        (False, "Jauns", False),
    ]
    assert initiative.evaluation.satisfaction == 9
    assert response.data["evaluation"]["results"] == "Izveidota padome."


def test_evaluation_score_is_checked(api_as, social_worker, initiative):
    response = api_as(social_worker).patch(
        f"/initiatives/{initiative.pk}", {"evaluation": {"satisfaction": 11}}
    )

    assert response.status_code == 422
    assert "evaluation.satisfaction" in response.data["errors"]


def test_a_head_edits_any_open_initiative(api_as, service_head, initiative):
    response = api_as(service_head).patch(f"/initiatives/{initiative.pk}", {"title": "Padome"})

    assert response.status_code == 200


def test_another_social_worker_may_not_edit(api_as, other_social_worker, initiative):
    api = api_as(other_social_worker)

    read = api.get(f"/initiatives/{initiative.pk}")
    edit = api.patch(f"/initiatives/{initiative.pk}", {"title": "Cits"})

    assert read.status_code == 200 and read.data["editable"] is False
    assert edit.status_code == 403


@pytest.mark.parametrize("status", [S.CLOSED, S.CANCELLED])
def test_a_final_initiative_is_a_record_409(api_as, social_worker, status):
    initiative = InitiativeFactory(social_worker=social_worker, status=status)

    response = api_as(social_worker).patch(f"/initiatives/{initiative.pk}", {"title": "Cits"})

    assert response.status_code == 409


def test_the_community_must_be_of_the_initiatives_municipality(api_as, social_worker, initiative):
    elsewhere = CommunityFactory(municipality=MunicipalityFactory(name="Cits", slug="cits"))

    response = api_as(social_worker).patch(
        f"/initiatives/{initiative.pk}", {"community": elsewhere.pk}
    )

    assert response.status_code == 422
    assert "community" in response.data["errors"]


# --- lifecycle -------------------------------------------------------------------------------


def test_the_lifecycle_through_the_api(api_as, social_worker, service_head, initiative):
    worker, head = api_as(social_worker), api_as(service_head)
    path = f"/initiatives/{initiative.pk}/transitions"

    def take(api, action, **body):
        response = api.post(f"{path}/{action}", body)
        assert response.status_code == 200, (action, response.data)
        return response.data["status"]

    assert {a["name"] for a in worker.get(path).data} == {"start_planning", "cancel"}
    assert take(worker, "start_planning") == "planning"

    refused = worker.post(f"{path}/submit_for_approval")
    assert refused.status_code == 422
    assert "tasks" in refused.data["errors"]

    worker.patch(f"/initiatives/{initiative.pk}", {"tasks": [{"title": "Tikšanās"}]})
    assert take(worker, "submit_for_approval") == "awaiting_approval"
    assert worker.post(f"{path}/approve").status_code == 403
    assert head.post(f"{path}/return_plan").status_code == 422  # a comment is required
    assert take(head, "approve", comment="Labs plāns.", internal_comment="Budžets ok.") == (
        "approved"
    )
    assert take(worker, "start") == "in_progress"
    assert take(worker, "finish") == "evaluating"
    refused = worker.post(f"{path}/submit_report")
    assert refused.status_code == 422
    worker.patch(
        f"/initiatives/{initiative.pk}",
        {"evaluation": {"results": "Padome darbojas.", "satisfaction": 8}},
    )
    assert take(worker, "submit_report") == "reported"
    assert take(head, "accept_report") == "closed"
    assert head.post(f"{path}/cancel", {"comment": "x"}).status_code == 409
    assert worker.post(f"{path}/fly").status_code == 404

    history = head.get(f"/initiatives/{initiative.pk}/history").data
    assert [e["action"] for e in history] == [
        "start_planning",
        "submit_for_approval",
        "approve",
        "start",
        "finish",
        "submit_report",
        "accept_report",
    ]
    assert history[2]["internal_comment"] == "Budžets ok."
    assert {e["source"] for e in history} == {"api"}
