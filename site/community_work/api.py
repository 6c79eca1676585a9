"""The community-work half of the case API: initiatives at ``/api/cases/initiatives``.

Mounted by ``config.api_cases``; the shared parts are ``casework.api``'s.

* Who sees what is ``InitiativeQuerySet.visible_to``: community social workers, social
  service heads and superusers see every initiative; anyone else none (an NGO member's
  ``GET /initiatives/{id}`` is a 404 like an id that does not exist).
* Social workers and heads create initiatives (a social worker owns the ones they create;
  a head names the owner). Content is edited by the owner or a head while the initiative is
  open (``permissions.may_edit``): anyone else 403, a closed or cancelled one 409.
* Read and written with the initiative: its core fields, the action plan (``goal`` and
  ``tasks`` — a PATCH with ``tasks`` gives the whole list, as budget lines do for an
  application) and the ``evaluation``, which the plan-approval and report guards need.
  The assessment, approaches, partners and weekly logs stay in the admin for now.
* The status changes only through ``…/transitions/{action}``; every viewer is staff, so
  the history includes internal comments.
"""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from kopiena.casework.api.cases import STAFF, add_case_endpoints
from kopiena.casework.api.children import (
    patch_data,
    prepare_children,
    refuse_unless_editable,
    write_children,
)
from kopiena.casework.api.errors import responses
from kopiena.casework.api.pagination import PageOut, PageParams, paginate
from kopiena.casework.api.schemas import MunicipalityOut, PersonOut
from kopiena.casework.api.types import Id, Slug, text
from kopiena.casework.models import Municipality
from kopiena.community_work.roles import Role, has_role
from kopiena.grants.models import Application

from .models import (
    Community,
    CommunityCentre,
    Evaluation,
    Initiative,
    InitiativeStatus,
    Task,
)
from .permissions import is_owner

router = Router()

MAX_TASKS = 200


class CommunityOut(Schema):
    id: int
    name: str
    kind: str


class CentreOut(Schema):
    id: int
    name: str


class TaskOut(Schema):
    id: int
    title: str
    responsible: str
    due_date: dt.date | None
    done: bool


class EvaluationOut(Schema):
    methods: str
    results: str
    helping_factors: str
    hindering_factors: str
    recommendations: str
    participants: int | None
    satisfaction: int | None = Field(description="1–10")


class InitiativeSummaryOut(Schema):
    id: int
    reference: str
    title: str
    status: str
    status_label: str
    municipality: MunicipalityOut
    community: CommunityOut
    centre: CentreOut | None
    social_worker: PersonOut
    head: PersonOut | None
    grant_application: int | None = Field(description="The co-financing application's id.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_reference(initiative):
        return initiative.case_reference()

    @staticmethod
    def resolve_status_label(initiative):
        return initiative.get_status_display()

    @staticmethod
    def resolve_grant_application(initiative):
        return initiative.grant_application_id


class InitiativeOut(InitiativeSummaryOut):
    goal: str
    editable: bool = Field(description="Whether the caller may edit it now.")
    tasks: list[TaskOut]
    evaluation: EvaluationOut | None

    @staticmethod
    def resolve_editable(initiative, context):
        return _may_edit(initiative, context["request"].user) and not initiative.is_final

    @staticmethod
    def resolve_tasks(initiative):
        return list(initiative.tasks.all())

    @staticmethod
    def resolve_evaluation(initiative):
        return _one_to_one(initiative, "evaluation")


class InitiativePage(PageOut):
    items: list[InitiativeSummaryOut]


class InitiativeFilters(Schema):
    status: InitiativeStatus | None = None
    municipality: Slug | None = None
    community: Id | None = None
    centre: Id | None = None
    mine: bool | None = Field(None, description="true: the ones you own as social worker")


class TaskIn(Schema):
    id: Id | None = Field(None, description="A task of this initiative to update; omit to add.")
    title: text(255, min_length=1)
    responsible: text(200) = ""
    due_date: dt.date | None = None
    done: bool = False


class EvaluationIn(Schema):
    """Only the fields given are changed."""

    methods: text(20000) | None = None
    results: text(20000) | None = None
    helping_factors: text(20000) | None = None
    hindering_factors: text(20000) | None = None
    recommendations: text(20000) | None = None
    participants: Annotated[int, Field(ge=0, le=2_147_483_647)] | None = None
    satisfaction: Annotated[int, Field(ge=1, le=10)] | None = None


Tasks = Annotated[list[TaskIn], Field(max_length=MAX_TASKS)]


class InitiativeCreateIn(Schema):
    title: text(200, min_length=1)
    community: Id
    centre: Id | None = None
    municipality: Slug | None = Field(None, description="Defaults to the community's.")
    social_worker: Id | None = Field(None, description="The owner; defaults to you.")
    head: Id | None = None
    goal: text(20000) = ""
    grant_application: Id | None = None
    tasks: Tasks = []
    evaluation: EvaluationIn | None = None


class InitiativePatchIn(Schema):
    """Only the fields given are changed; ``tasks``, when given, is the whole list."""

    title: text(200, min_length=1) | None = None
    community: Id | None = None
    centre: Id | None = None
    municipality: Slug | None = None
    social_worker: Id | None = None
    head: Id | None = None
    goal: text(20000) | None = None
    grant_application: Id | None = None
    tasks: Tasks | None = None
    evaluation: EvaluationIn | None = None


#: Fields a PATCH may set to null; for the others null means "leave as it is".
NULLABLE = {"centre", "head", "grant_application"}
TASK_FIELDS = ("title", "responsible", "due_date", "done")


def _one_to_one(obj, name):
    try:
        return getattr(obj, name)
    except Evaluation.DoesNotExist:
        return None


def _may_edit(initiative, user) -> bool:
    """``permissions.may_edit`` without its open-state condition (the API answers that
    one with 409): the owner, a head or a superuser."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return is_owner(initiative, user) or has_role(user, Role.SERVICE_HEADS)


def may_create(user) -> bool:
    return bool(
        (user.is_superuser and user.is_active)
        or has_role(user, Role.SOCIAL_WORKERS, Role.SERVICE_HEADS)
    )


def get_initiative(request, pk, *, lock=False) -> Initiative:
    qs = Initiative.objects.visible_to(request.user)
    if lock:
        qs = qs.select_for_update(of=("self",))
    initiative = (
        qs.select_related(
            "community", "centre", "municipality", "social_worker", "head", "evaluation"
        )
        .prefetch_related("tasks")
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    return initiative


def _resolve(data: dict) -> tuple[dict, dict]:
    """Look up the ids and slugs of ``data``; ``(values, errors)``."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    lookups = {
        "community": (Community.objects.all(), _("There is no such community.")),
        "centre": (CommunityCentre.objects.all(), _("There is no such community centre.")),
        "social_worker": (
            User.objects.filter(is_active=True),
            _("Choose a member of the community social workers."),
        ),
        "head": (User.objects.filter(is_active=True), _("Choose a social service head.")),
        "grant_application": (Application.objects.all(), _("There is no such application.")),
    }
    values, errors = {}, {}
    for field, (queryset, message) in lookups.items():
        if field not in data:
            continue
        if data[field] is None:
            values[field] = None
            continue
        obj = queryset.filter(pk=data[field]).first()
        if obj is None:
            errors[field] = [message]
        values[field] = obj
    if data.get("municipality"):
        municipality = Municipality.objects.filter(slug=data["municipality"]).first()
        if municipality is None:
            errors["municipality"] = [_("There is no municipality “%s”.") % data["municipality"]]
        values["municipality"] = municipality
    return values, errors


def _prepared_tasks(initiative, tasks_in: list[dict]) -> tuple[list[Task], dict]:
    return prepare_children(
        initiative,
        tasks_in,
        manager="tasks",
        parent_field="initiative",
        fields=TASK_FIELDS,
        key="tasks",
        unknown=_("This initiative has no such task."),
    )


def _write_tasks(initiative, tasks: list[Task]) -> None:
    write_children(initiative, tasks, model=Task, parent_field="initiative", fields=TASK_FIELDS)


def _prepared_evaluation(initiative, data: dict | None) -> tuple[Evaluation | None, dict]:
    if data is None:
        return None, {}
    evaluation = (_one_to_one(initiative, "evaluation") if initiative.pk else None) or Evaluation(
        initiative=initiative
    )
    for field, value in data.items():
        if value is not None:
            setattr(evaluation, field, value)
    try:
        evaluation.full_clean(exclude=["initiative"])
    except ValidationError as exc:
        return evaluation, {f"evaluation.{f}": m for f, m in exc.message_dict.items()}
    return evaluation, {}


def _apply(initiative, data: dict, values: dict) -> None:
    for field in ("title", "goal"):
        if field in data:
            setattr(initiative, field, data[field])
    for field in ("community", "centre", "social_worker", "head", "grant_application"):
        if field in values:
            setattr(initiative, field, values[field])
    if values.get("municipality") is not None:
        initiative.municipality = values["municipality"]


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _validate(initiative, errors) -> None:
    _raise_if(errors)
    initiative.full_clean(exclude=["created_at", "story"])


@router.get(
    "/initiatives",
    response=responses(InitiativePage, 401),
    tags=["initiatives"],
    operation_id="initiatives_list",
)
def list_initiatives(request, filters: Query[InitiativeFilters], page: Query[PageParams]):
    """Initiatives you may see (community social workers and heads: all), newest first."""
    initiatives = (
        Initiative.objects.visible_to(request.user).for_listing().order_by("-created_at", "-pk")
    )
    if filters.status:
        initiatives = initiatives.filter(status=filters.status)
    if filters.municipality:
        initiatives = initiatives.filter(municipality__slug=filters.municipality)
    if filters.community:
        initiatives = initiatives.filter(community_id=filters.community)
    if filters.centre:
        initiatives = initiatives.filter(centre_id=filters.centre)
    if filters.mine is not None:
        mine = {"social_worker_id": request.user.pk}
        initiatives = initiatives.filter(**mine) if filters.mine else initiatives.exclude(**mine)
    return paginate(initiatives, page)


@router.post(
    "/initiatives",
    response=responses(InitiativeOut, 401, 403, 422, ok_status=201),
    tags=["initiatives"],
    operation_id="initiatives_create",
)
def create_initiative(request, payload: InitiativeCreateIn):
    """Start an initiative (in the idea status). A social worker owns what they create; a
    head names the owner in ``social_worker``."""
    user = request.user
    if not may_create(user):
        raise HttpError(403, _("Only community social workers and heads start initiatives."))
    data = payload.model_dump()
    if data["social_worker"] is None:
        if has_role(user, Role.SOCIAL_WORKERS):
            data["social_worker"] = user.pk
        else:
            data.pop("social_worker")
    values, errors = _resolve(data)
    if "social_worker" not in data:
        errors["social_worker"] = [_("Name the social worker who runs the initiative.")]
    initiative = Initiative()
    _apply(initiative, data, values)
    if "municipality" not in values and values.get("community") is not None:
        initiative.municipality = values["community"].municipality
    tasks, task_errors = _prepared_tasks(initiative, data["tasks"])
    evaluation, evaluation_errors = _prepared_evaluation(initiative, data["evaluation"])
    _validate(initiative, {**errors, **task_errors, **evaluation_errors})
    with transaction.atomic():
        initiative.save()
        _write_tasks(initiative, tasks)
        if evaluation is not None:
            evaluation.initiative = initiative
            evaluation.save()
    return Status(201, get_initiative(request, initiative.pk))


@router.get(
    "/initiatives/{id}",
    response=responses(InitiativeOut, 401, 404),
    tags=["initiatives"],
    operation_id="initiatives_detail",
)
def initiative_detail(request, id: Path[Id]):
    """One initiative with its action plan and evaluation."""
    return get_initiative(request, id)


@router.patch(
    "/initiatives/{id}",
    response=responses(InitiativeOut, 401, 403, 404, 409, 422),
    tags=["initiatives"],
    operation_id="initiatives_update",
)
def update_initiative(request, id: Path[Id], payload: InitiativePatchIn):
    """Change an open initiative (its owner or a head): 403 for anyone else, 409 once it
    is closed or cancelled."""
    data = patch_data(payload, nullable=NULLABLE, child_lists=("tasks",))
    with transaction.atomic():
        initiative = get_initiative(request, id, lock=True)
        refuse_unless_editable(
            initiative,
            may_edit=_may_edit(initiative, request.user),
            not_yours=_("Only the initiative's social worker or a head edits it."),
            editable=not initiative.is_final,
            closed=_("The initiative cannot be changed while it is “%(status)s”."),
        )
        values, errors = _resolve(data)
        _apply(initiative, data, values)
        tasks, task_errors = [], {}
        if "tasks" in data:
            tasks, task_errors = _prepared_tasks(initiative, data["tasks"])
        evaluation, evaluation_errors = _prepared_evaluation(initiative, data.get("evaluation"))
        _validate(initiative, {**errors, **task_errors, **evaluation_errors})
        initiative.save()
        if "tasks" in data:
            _write_tasks(initiative, tasks)
        if evaluation is not None:
            evaluation.save()
    return get_initiative(request, id)


add_case_endpoints(
    router,
    name="initiatives",
    prefix="/initiatives",
    tags=["initiatives"],
    get_case=get_initiative,
    detail_schema=InitiativeOut,
    audience=lambda user, initiative: STAFF,
    actions_help=(
        "Actions: start_planning, submit_for_approval, start, back_to_assessment, finish, "
        "submit_report (the initiative's social worker); approve, return_plan, "
        "accept_report (a social service head); cancel (either, with a reason)."
    ),
)
