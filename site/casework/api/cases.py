"""The endpoints every case type has, built once: its actions, taking one, its history.

:func:`add_case_endpoints` adds to a case type's router

* ``GET /{id}/transitions`` — the actions the caller may take now
  (:func:`casework.service.available_actions`; guards run when the action is taken);
* ``POST /{id}/transitions/{action}`` — take one through
  :func:`casework.service.perform_transition` with ``source="api"``; a refusal answers
  its own status (unknown action 404, not from this state 409, not allowed 403, a missing
  input or a guard 422 with the guard's field messages);
* ``GET /{id}/history`` — :func:`casework.audit.entries_for` for the caller's audience:
  an applicant's entries carry no ``internal_comment`` key at all, and name only the
  organisation's own members.

An input the action does not take (an applicant's ``internal_comment``, an ``amount`` on
"submit") is refused with 422 rather than silently dropped: the client learns that it was
not recorded.
"""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Path, Router, Schema
from pydantic import Field

from kopiena.casework import audit
from kopiena.casework.service import (
    available_actions,
    check_transition,
    describe_action,
    perform_transition,
)
from kopiena.casework.workflow import INPUT_NAMES, GuardFailed, TransitionInput

from .errors import responses
from .types import Id, money, text

APPLICANT = "applicant"
STAFF = "staff"


class ActionOut(Schema):
    name: str
    label: str
    target: str = Field(description="The status the case moves to.")
    inputs: list[str] = Field(description="Inputs the action takes (comment, amount, …).")
    required: list[str] = Field(description="Inputs it cannot do without.")
    comment_label: str = Field(description="What the comment means for this action.")
    style: str
    confirm: str | None = Field(description="A question to confirm before taking it.")


class TransitionIn(Schema):
    """What a person gives with an action; which ones an action takes is in its
    ``inputs`` (``GET …/transitions``)."""

    comment: text(4000, description="Shown to the applicant / case owner.") = ""
    internal_comment: text(4000, description="Staff only; applicants never see it.") = ""
    amount: money(max_digits=14) | None = Field(None, description='EUR, e.g. "1250.00"')


class HistoryEntryOut(Schema):
    at: dt.datetime
    action: str = Field(description="The action's name, or “import” for an imported record.")
    label: str
    from_status: str | None = None
    to_status: str
    to_label: str
    comment: str = ""
    internal_comment: str | None = Field(
        None, description="Staff only: the key is absent from an applicant's history."
    )
    amount: str | None = None
    source: str = Field(description="Where it was done: admin, portal, api or import.")
    by: str | None = Field(None, description="Who did it, where the caller may know.")


def person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def history_rows(obj, *, audience: str, may_name: Callable[[Any], bool]) -> list[dict]:
    """The audit trail as the API shows it; ``may_name(user)`` says whose names the caller
    may read (an applicant reads their own organisation's members, not staff)."""
    model = type(obj)
    labels = {
        t.name: str(t.custom.get("label", t.name))
        for t in model._meta.get_field(model.state_field_name).get_all_transitions(model)
    }
    rows = []
    for entry in audit.entries_for(obj, audience=audience):
        data = entry.data
        imported = entry.action == audit.IMPORTED
        name = "import" if imported else data.get("action", "")
        label = _("Imported") if imported else labels.get(name, data.get("action_label", ""))
        if entry.action in (audit.EDITED, audit.NOTED):
            name = data.get("event", "edit")
            label = entry.message
        row = {
            "at": entry.timestamp,
            "action": name,
            "label": label,
            "from_status": data.get("from"),
            "to_status": data.get("to", ""),
            "to_label": model.state_label(data.get("to", "")),
            "comment": data.get("comment", "") or "",
            "amount": data.get("amount"),
            "source": data.get("source", ""),
            "by": person(entry.user) if entry.user and may_name(entry.user) else None,
        }
        if audience == STAFF:
            row["internal_comment"] = data.get("internal_comment", "") or ""
        rows.append(row)
    return rows


def _json_value(value):
    """Extra inputs go into the audit entry's JSON: dates as ISO strings."""
    return value.isoformat() if isinstance(value, dt.date) else value


def take_action(
    obj, action: str, user, payload: TransitionIn, extra_inputs: dict[str, tuple[str, ...]]
):
    """Run ``action`` through the one transition path, refusing inputs it does not take."""
    info = describe_action(obj, action)  # UnknownAction 404, NotPossible 409
    takes_extra = extra_inputs.get(action, ())
    all_extra = {name for names in extra_inputs.values() for name in names}
    given = payload.model_dump()
    undeclared = [
        name
        for name in (*INPUT_NAMES, *sorted(all_extra))
        if given.get(name) not in (None, "") and name not in info.inputs and name not in takes_extra
    ]
    inputs = TransitionInput(
        **{name: given[name] for name in INPUT_NAMES if name in info.inputs and name in given},
        extra={
            name: _json_value(given[name])
            for name in takes_extra
            if given.get(name) not in (None, "")
        },
    )
    if undeclared:
        message = _("“%(action)s” does not take this input.") % {"action": info.label}
        errors = {name: [message] for name in undeclared}
        try:
            check_transition(obj, action, user, inputs)  # 403 before 422
        except GuardFailed as refusal:
            errors = {**refusal.errors, **errors}
        raise GuardFailed(
            _("“%(action)s” was refused: correct the marked fields.") % {"action": info.label},
            errors,
        )
    return perform_transition(obj, action, user, inputs, source="api")


def add_case_endpoints(
    router: Router,
    *,
    name: str,
    prefix: str,
    tags: list[str],
    get_case: Callable,
    detail_schema: type[Schema],
    audience: Callable,
    applicant_names: Callable | None = None,
    transition_schema: type[TransitionIn] = TransitionIn,
    extra_inputs: dict[str, tuple[str, ...]] | None = None,
    actions_help: str = "",
) -> None:
    """Add the transitions and history endpoints of one case type to ``router``.

    ``get_case(request, id)`` returns the case as the caller may see it or raises
    ``Http404`` (never revealing that another organisation's case exists);
    ``audience(user, case)`` is ``"staff"`` or ``"applicant"``; ``applicant_names(case)``
    the ids of the users an applicant may see named in the history (their organisation's
    members; staff are not named to applicants).
    """
    extra_inputs = extra_inputs or {}

    @router.get(
        prefix + "/{id}/transitions",
        response=responses(list[ActionOut], 401, 404),
        operation_id=f"{name}_transitions",
        tags=tags,
        url_name=f"{name}_transitions",
        summary="Actions you may take now",
    )
    def list_transitions(request, id: Path[Id]):
        case = get_case(request, id)
        # available_actions() repeats an action once per source state it has (it walks
        # django-fsm's transitions); each action is listed once here.
        unique = {info.name: info for info in available_actions(case, request.user)}
        return [
            {**vars(info), "inputs": list(info.inputs), "required": list(info.required)}
            for info in unique.values()
        ]

    list_transitions.__doc__ = (
        "The actions the caller may take on the case in its present state. Guards (budget "
        "rules, required comments) run when the action is taken."
    )

    @router.post(
        prefix + "/{id}/transitions/{action}",
        response=responses(detail_schema, 401, 403, 404, 409, 422),
        operation_id=f"{name}_transition",
        tags=tags,
        url_name=f"{name}_transition",
        summary="Take an action",
        description=(
            "Runs the action through the one transition path (the same as the admin and "
            "the portal): 404 unknown action, 409 not possible in the present status, "
            "403 not yours to take, 422 an input is missing or a rule refused it, with "
            "the field messages in `errors`. " + actions_help
        ),
    )
    def transition(
        request,
        id: Path[Id],
        action: Path[Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00/]+$")]],
        payload: transition_schema = None,
    ):
        case = get_case(request, id)  # 404 for a case the caller may not see
        take_action(case, action, request.user, payload or transition_schema(), extra_inputs)
        # perform_transition() read the case again, locked, and refreshed ``case`` from the
        # database when done (its relations are read again when the answer needs them). Who
        # may see a case does not depend on its status, so no second get_case().
        return case

    @router.get(
        prefix + "/{id}/history",
        response=responses(list[HistoryEntryOut], 401, 404),
        operation_id=f"{name}_history",
        tags=tags,
        url_name=f"{name}_history",
        summary="History",
        description=(
            "The audit trail, oldest first: who did what and when, with the comments. "
            "Applicants never see internal comments (the key is absent) nor staff names."
        ),
        exclude_unset=True,
    )
    def history(request, id: Path[Id]):
        case = get_case(request, id)
        seen_as = audience(request.user, case)
        if seen_as == STAFF:
            return history_rows(case, audience=STAFF, may_name=lambda user: True)
        named = applicant_names(case) if applicant_names else set()
        return history_rows(case, audience=seen_as, may_name=lambda user: user.pk in named)
