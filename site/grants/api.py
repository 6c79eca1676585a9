"""The grant half of the case API: calls, funded projects and applications.

Mounted by ``config.api_cases`` at ``/api/cases/``; the shared parts (auth, the error
body, pages, the transitions and history endpoints) are ``casework.api``'s.

* ``GET /calls`` and ``GET /funded-projects`` are public.
* ``/applications``: NGO members see and create only their organisations' applications,
  grant staff see every one (``ApplicationQuerySet.visible_to``). Another organisation's
  application answers 404 exactly like an id that does not exist; creating one for
  another organisation answers the same 422 as for an organisation that does not exist.
* Budget lines are read and written with their application; ``requested_amount``,
  ``own_contribution`` and ``total_cost`` are always the server's sums of the lines
  (``Application.recalculate_totals``). A PATCH with ``budget_lines`` gives the whole
  list: a line with an ``id`` is updated, one without is added, a missing one is removed.
* Editing is the applicant's, in draft and changes requested only: staff 403, other
  states 409. The status changes only through ``…/transitions/{action}``.

Every list costs the same number of queries whatever its page size (``for_listing()`` and
the prefetches below; tested in ``tests/api/test_queries.py``).
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from kopiena.casework.api.cases import APPLICANT, STAFF, TransitionIn, add_case_endpoints
from kopiena.casework.api.children import (
    patch_data,
    prepare_children,
    refuse_unless_editable,
    write_children,
)
from kopiena.casework.api.errors import responses
from kopiena.casework.api.pagination import PageOut, PageParams, paginate
from kopiena.casework.api.schemas import MunicipalityOut
from kopiena.casework.api.types import Id, Money, Slug, money, text
from kopiena.casework.models import Municipality, TargetGroup

from .models import (
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    GrantCall,
    Organisation,
    ScoringCriterion,
    original_calls,
)
from .querysets import sees_every_application

#: A reviewer reads the history without the conversation (``casework.audit.entries_for``).
REVIEWER = "reviewer"

router = Router()

MAX_BUDGET_LINES = 200
MAX_TARGET_GROUPS = 50


# --- shared shapes -------------------------------------------------------------------------


class CallRef(Schema):
    id: int
    title: str


class OrganisationRef(Schema):
    id: int
    name: str


# --- calls (public) --------------------------------------------------------------------------


class CriterionOut(Schema):
    name: str
    weight: Decimal
    max_score: int


class CallOut(Schema):
    id: int
    title: str
    slug: str
    locale: str
    url: str | None = Field(description="The call's page on the site.")
    summary: str
    municipality: MunicipalityOut | None
    opens_at: dt.datetime
    closes_at: dt.datetime = Field(
        description="Submissions are accepted to the end of this minute (Latvian time)."
    )
    phase: str = Field(description="upcoming, open or closed")
    is_open: bool
    total_budget: Decimal
    reserve: Decimal
    min_grant: Decimal
    max_grant: Decimal
    funding_rate: Decimal = Field(description="Highest share of the total cost paid: 0.90 = 90 %")
    infrastructure_share: Decimal
    max_duration_months: int
    eligible_legal_forms: list[str]
    public_benefit_required: bool
    social_service_provider_required: bool
    reviews_required: int
    required_documents: list[str]
    required_document_kinds: list[str] = Field(
        description="Kinds of file an application must carry to be submitted "
        "(cost_estimate, price_quote, application_other)"
    )
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_locale(call):
        return call.locale.language_code

    @staticmethod
    def resolve_url(call, context):
        return call.get_url(request=context["request"])

    @staticmethod
    def resolve_phase(call):
        return call.phase()

    @staticmethod
    def resolve_is_open(call):
        return call.is_open()

    @staticmethod
    def resolve_required_documents(call):
        return call.required_documents_list()

    @staticmethod
    def resolve_required_document_kinds(call):
        return list(call.required_document_kinds or [])


class CallPage(PageOut):
    items: list[CallOut]


class CallFilters(Schema):
    open: bool | None = Field(None, description="true: accepting submissions now; false: not")
    municipality: Slug | None = None
    locale: Annotated[str, Field(max_length=8, pattern=r"^[a-z]{2}(-[a-z]+)?$")] | None = None


def open_condition(now: dt.datetime):
    """``GrantCall.is_open`` as a filter: opened, and the closing minute not yet over
    (closes_at ≥ the start of the present minute)."""
    from django.db.models import Q

    minute = now.replace(second=0, microsecond=0)
    return Q(opens_at__lte=now, closes_at__gte=minute)


@router.get(
    "/calls",
    auth=None,
    response=responses(CallPage),
    tags=["calls"],
    operation_id="calls_list",
)
def list_calls(request, filters: Query[CallFilters], page: Query[PageParams]):
    """Calls for applications with their rules and dates (public). The open ones close first."""
    calls = (
        original_calls(GrantCall.objects.live())
        .select_related("municipality", "locale")
        .prefetch_related(
            Prefetch("criteria", queryset=ScoringCriterion.objects.order_by("sort_order", "pk"))
        )
        .order_by("-closes_at", "pk")
    )
    if filters.open is not None:
        condition = open_condition(timezone.now())
        calls = calls.filter(condition) if filters.open else calls.exclude(condition)
    if filters.municipality:
        calls = calls.filter(municipality__slug=filters.municipality)
    if filters.locale:
        calls = calls.filter(locale__language_code=filters.locale)
    return paginate(calls, page)


# --- funded projects (public) ----------------------------------------------------------------


class FundedProjectOut(Schema):
    id: int
    reference: str
    title: str
    organisation: OrganisationRef
    call: CallRef
    municipality: MunicipalityOut
    approved_amount: Decimal | None
    status: str
    status_label: str
    decision_date: dt.date | None

    @staticmethod
    def resolve_reference(app):
        return app.case_reference()

    @staticmethod
    def resolve_status_label(app):
        return app.get_status_display()


class FundedProjectPage(PageOut):
    items: list[FundedProjectOut]


class FundedFilters(Schema):
    call: Id | None = None
    municipality: Slug | None = None
    status: Literal["approved", "report_submitted", "completed"] | None = None


@router.get(
    "/funded-projects",
    auth=None,
    response=responses(FundedProjectPage),
    tags=["calls"],
    operation_id="funded_projects_list",
)
def list_funded_projects(request, filters: Query[FundedFilters], page: Query[PageParams]):
    """Projects the calls fund (public): approved, report submitted and completed."""
    projects = (
        Application.objects.committed()
        .select_related("call", "organisation", "municipality")
        .order_by("-decision_date", "-pk")
    )
    if filters.call:
        projects = projects.filter(call_id=filters.call)
    if filters.municipality:
        projects = projects.filter(municipality__slug=filters.municipality)
    if filters.status:
        projects = projects.filter(status=filters.status)
    return paginate(projects, page)


# --- applications ----------------------------------------------------------------------------


class BudgetLineOut(Schema):
    id: int
    category: str
    description: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal
    requested: Decimal
    own: Decimal
    line_total: Decimal = Field(description="quantity × unit cost")


class ApplicationSummaryOut(Schema):
    id: int
    reference: str
    title: str
    status: str
    status_label: str
    call: CallRef
    organisation: OrganisationRef
    municipality: MunicipalityOut
    requested_amount: Decimal
    own_contribution: Decimal
    total_cost: Decimal
    approved_amount: Decimal | None
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None

    @staticmethod
    def resolve_reference(app):
        return app.case_reference()

    @staticmethod
    def resolve_status_label(app):
        return app.get_status_display()


class ApplicationOut(ApplicationSummaryOut):
    summary: str
    community: str
    target_groups: list[str] = Field(description="Target-group slugs.")
    planned_start: dt.date | None
    planned_end: dt.date | None
    duration_months: int | None
    decision_reference: str
    decision_date: dt.date | None
    editable: bool = Field(description="Whether the applicant may edit it now.")
    budget_lines: list[BudgetLineOut]

    @staticmethod
    def resolve_target_groups(app):
        return [group.slug for group in app.target_groups.all()]

    @staticmethod
    def resolve_duration_months(app):
        return app.duration_months()

    @staticmethod
    def resolve_editable(app):
        return app.budget_editable

    @staticmethod
    def resolve_budget_lines(app):
        return list(app.budget_lines.all())


class ApplicationPage(PageOut):
    items: list[ApplicationSummaryOut]


class ApplicationFilters(Schema):
    call: Id | None = None
    status: ApplicationStatus | None = None
    municipality: Slug | None = None
    organisation: Id | None = None


Quantity = money(gt=Decimal("0"), ge=None, max_digits=10)


class BudgetLineIn(Schema):
    id: Id | None = Field(None, description="A line of this application to update; omit to add.")
    category: BudgetCategory = BudgetCategory.OTHER
    description: text(255, min_length=1)
    quantity: Quantity = Decimal("1")
    unit: text(30) = ""
    unit_cost: Money
    requested: Money = Decimal("0")
    own: Money = Decimal("0")


DateOrNull = dt.date | None
Lines = Annotated[list[BudgetLineIn], Field(max_length=MAX_BUDGET_LINES)]
TargetGroups = Annotated[list[Slug], Field(max_length=MAX_TARGET_GROUPS)]


class ApplicationCreateIn(Schema):
    call: Id
    organisation: Id = Field(description="One of your organisations.")
    title: text(255, min_length=1)
    summary: text(20000) = ""
    municipality: Slug | None = Field(None, description="Defaults to the organisation's.")
    community: text(255) = ""
    target_groups: TargetGroups = []
    planned_start: DateOrNull = None
    planned_end: DateOrNull = None
    budget_lines: Lines = []


class ApplicationPatchIn(Schema):
    """Only the fields given are changed; ``budget_lines``, when given, is the whole list."""

    title: text(255, min_length=1) | None = None
    summary: text(20000) | None = None
    municipality: Slug | None = None
    community: text(255) | None = None
    target_groups: TargetGroups | None = None
    planned_start: DateOrNull = None
    planned_end: DateOrNull = None
    budget_lines: Lines | None = None


#: Fields a PATCH may set to null; for the others null means "leave as it is".
NULLABLE = {"planned_start", "planned_end"}


def applications_for(user):
    return Application.objects.visible_to(user)


def get_application(request, pk, *, lock=False) -> Application:
    """The application if the caller may see it, else 404 — the same 404 for another
    organisation's application as for an id that does not exist."""
    qs = applications_for(request.user)
    if lock:
        qs = qs.select_for_update(of=("self",))
    application = (
        qs.select_related("call", "organisation", "municipality")
        .prefetch_related("budget_lines", "target_groups")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def is_grant_staff(user) -> bool:
    """Officers, finance and superusers read internal comments; reviewers do not."""
    return sees_every_application(user)


def audience(user, application) -> str:
    """Grant staff read the whole trail; a member of the organisation reads the
    applicant's side, without internal comments; anyone else who can see it (an assigned
    reviewer) reads that side without the conversation between applicant and office."""
    is_member = application.organisation.has_member(user)
    if is_grant_staff(user) and not is_member:
        return STAFF
    return APPLICANT if is_member else REVIEWER


def member_ids(application) -> set[int]:
    return set(application.organisation.memberships.values_list("user_id", flat=True))


def _lookup_errors(payload: dict) -> tuple[dict, dict]:
    """Resolve municipality and target-group slugs; ``(values, errors)``."""
    values, errors = {}, {}
    if payload.get("municipality"):
        municipality = Municipality.objects.filter(slug=payload["municipality"]).first()
        if municipality is None:
            errors["municipality"] = [_("There is no municipality “%s”.") % payload["municipality"]]
        values["municipality"] = municipality
    if payload.get("target_groups") is not None:
        slugs = list(dict.fromkeys(payload["target_groups"]))
        groups = list(TargetGroup.objects.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {g.slug for g in groups})
        if unknown:
            errors["target_groups"] = [
                _("Unknown target groups: %s.") % ", ".join(unknown),
            ]
        values["target_groups"] = groups
    return values, errors


LINE_FIELDS = ("category", "description", "quantity", "unit", "unit_cost", "requested", "own")


def _prepared_lines(application, lines_in: list[dict]) -> tuple[list[BudgetLine], dict]:
    """Budget-line objects for ``lines_in`` (not yet saved) and their field errors, keyed
    ``budget_lines.<n>.<field>``."""
    return prepare_children(
        application,
        lines_in,
        manager="budget_lines",
        parent_field="application",
        fields=LINE_FIELDS,
        key="budget_lines",
        unknown=_("This application has no such budget line."),
    )


def _write_lines(application, lines: list[BudgetLine]) -> None:
    """Replace the application's lines with ``lines`` and recompute its totals once."""
    write_children(
        application, lines, model=BudgetLine, parent_field="application", fields=LINE_FIELDS
    )
    application.recalculate_totals()


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _full_clean(application) -> None:
    application.full_clean(
        exclude=[
            "requested_amount",
            "own_contribution",
            "total_cost",
            "approved_amount",
            "created_by",
        ]
    )


@router.get(
    "/applications",
    response=responses(ApplicationPage, 401),
    tags=["applications"],
    operation_id="applications_list",
)
def list_applications(request, filters: Query[ApplicationFilters], page: Query[PageParams]):
    """Applications you may see: your organisations' (NGO members) or all (grant staff),
    newest first."""
    applications = applications_for(request.user).for_listing().order_by("-created_at", "-pk")
    if filters.call:
        applications = applications.filter(call_id=filters.call)
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.municipality:
        applications = applications.filter(municipality__slug=filters.municipality)
    if filters.organisation:
        applications = applications.filter(organisation_id=filters.organisation)
    return paginate(applications, page)


@router.post(
    "/applications",
    response=responses(ApplicationOut, 401, 422, ok_status=201),
    tags=["applications"],
    operation_id="applications_create",
)
def create_application(request, payload: ApplicationCreateIn):
    """Start a draft for one of your organisations in an open call, with its budget lines.
    Submit it with ``POST /applications/{id}/transitions/submit``."""
    user = request.user
    data = payload.model_dump()
    values, errors = _lookup_errors(data)
    organisation = Organisation.objects.for_user(user).filter(pk=payload.organisation).first()
    if organisation is None:
        errors["organisation"] = [_("Choose one of your organisations.")]
    call = original_calls(GrantCall.objects.live()).filter(pk=payload.call).first()
    if call is None:
        errors["call"] = [_("There is no such call.")]
    elif not call.is_open():
        errors["call"] = [_("This call is not accepting applications now.")]
    _raise_if(errors)

    application = Application(
        call=call,
        organisation=organisation,
        title=payload.title,
        summary=payload.summary,
        municipality=values.get("municipality") or organisation.municipality,
        community=payload.community,
        planned_start=payload.planned_start,
        planned_end=payload.planned_end,
        created_by=user,
    )
    lines, line_errors = _prepared_lines(application, data["budget_lines"])
    _raise_if(line_errors)
    _full_clean(application)
    with transaction.atomic():
        application.save()
        if values.get("target_groups"):
            application.target_groups.set(values["target_groups"])
            application.save()
        for line in lines:
            line.application = application
        _write_lines(application, lines)
    return Status(201, get_application(request, application.pk))


@router.get(
    "/applications/{id}",
    response=responses(ApplicationOut, 401, 404),
    tags=["applications"],
    operation_id="applications_detail",
)
def application_detail(request, id: Path[Id]):
    """One application with its budget lines."""
    return get_application(request, id)


@router.patch(
    "/applications/{id}",
    response=responses(ApplicationOut, 401, 403, 404, 409, 422),
    tags=["applications"],
    operation_id="applications_update",
)
def update_application(request, id: Path[Id], payload: ApplicationPatchIn):
    """Change a draft or an application returned for changes (the applicant only): 403
    for staff, 409 in any other status. Totals follow the budget lines."""
    data = patch_data(payload, nullable=NULLABLE, child_lists=("budget_lines",))
    with transaction.atomic():
        application = get_application(request, id, lock=True)
        refuse_unless_editable(
            application,
            may_edit=application.organisation.has_member(request.user),
            not_yours=_("Only the organisation's members edit its application."),
            editable=application.budget_editable,
            closed=_("The application cannot be changed while it is “%(status)s”."),
        )
        values, errors = _lookup_errors(data)
        for field in ("title", "summary", "community", "planned_start", "planned_end"):
            if field in data:
                setattr(application, field, data[field])
        if "municipality" in values:
            application.municipality = values["municipality"]
        lines, line_errors = [], {}
        if "budget_lines" in data:
            lines, line_errors = _prepared_lines(application, data["budget_lines"])
        _raise_if({**errors, **line_errors})
        _full_clean(application)
        if "target_groups" in values:
            application.target_groups.set(values["target_groups"])
        application.save()
        if "budget_lines" in data:
            _write_lines(application, lines)
    return get_application(request, id)


class ApplicationTransitionIn(TransitionIn):
    decision_reference: text(100, description="approve_budget: the council's decision no.") = ""
    decision_date: dt.date | None = Field(None, description="approve_budget: defaults to today")


add_case_endpoints(
    router,
    name="applications",
    prefix="/applications",
    tags=["applications"],
    get_case=get_application,
    detail_schema=ApplicationOut,
    audience=audience,
    applicant_names=member_ids,
    transition_schema=ApplicationTransitionIn,
    extra_inputs={"approve_budget": ("decision_reference", "decision_date")},
    actions_help=(
        "Actions: submit, withdraw, submit_report (applicants); request_changes, "
        "start_review, recommend, reject, return_report, accept_report (grant officers); "
        "approve_budget with `amount` (finance)."
    ),
)
