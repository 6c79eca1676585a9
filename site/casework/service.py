"""The one way a case changes state.

Admin views, the portal, the API and imports call :func:`perform_transition` and nothing
else. It checks that the action exists and is possible now, that the user may take it and
that its guards pass, then runs the django-fsm transition under a row lock, saves, writes the
audit entry and enqueues the notification e-mail to run after commit — all or nothing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from . import audit
from .workflow import (
    AMOUNT,
    COMMENT,
    INTERNAL_COMMENT,
    ActionInfo,
    CaseModel,
    GuardFailed,
    NotAllowed,
    NotPossible,
    TransitionInput,
    UnknownAction,
)


def _meta(model: type[CaseModel], action: str):
    """The django-fsm meta of ``model.action``, or ``UnknownAction``."""
    method = getattr(model, action, None) if not action.startswith("_") else None
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise UnknownAction(_("There is no action “%(action)s”.") % {"action": action})
    return meta


def action_names(model: type[CaseModel]) -> list[str]:
    """Every transition the model declares, once each, in declaration order (django-fsm
    lists a transition once per source state)."""
    field = model._meta.get_field(model.state_field_name)
    return list(dict.fromkeys(t.name for t in field.get_all_transitions(model)))


def _info(obj: CaseModel, name: str, transition) -> ActionInfo:
    custom = transition.custom
    return ActionInfo(
        name=name,
        label=str(custom.get("label", name)),
        inputs=tuple(custom.get("inputs", ())),
        required=tuple(custom.get("required", ())),
        comment_label=str(custom.get("comment_label", "")),
        style=custom.get("style", "primary"),
        confirm=str(custom["confirm"]) if custom.get("confirm") else None,
        target=transition.target,
    )


def available_actions(obj: CaseModel, user) -> list[ActionInfo]:
    """The actions ``user`` may take on ``obj`` in its current state (guards not yet run:
    they need the inputs, and a refused guard says why)."""
    state = obj.state
    actions = []
    for name in action_names(type(obj)):
        meta = _meta(type(obj), name)
        transition = meta.get_transition(state)
        if transition is None or not meta.has_transition(state):
            continue
        if not meta.conditions_met(obj, state) or not transition.has_perm(obj, user):
            continue
        actions.append(_info(obj, name, transition))
    return actions


def describe_action(obj: CaseModel, action: str) -> ActionInfo:
    """How ``action`` is presented from ``obj``'s current state (``NotPossible`` if it is
    not an action from there)."""
    meta = _meta(type(obj), action)
    transition = meta.get_transition(obj.state)
    if transition is None or not meta.has_transition(obj.state):
        raise NotPossible(_not_possible_message(obj, action))
    return _info(obj, action, transition)


def _not_possible_message(obj: CaseModel, action: str) -> str:
    return _("“%(action)s” is not possible while the case is “%(state)s”.") % {
        "action": action,
        "state": obj.get_state_display_label(),
    }


def _input_errors(info: ActionInfo, inputs: TransitionInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in info.required:
        value = inputs.value(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            label = info.comment_label if name == COMMENT else _("This field")
            errors[name] = [_("%(label)s is required for this action.") % {"label": label}]
    amount = inputs.amount
    if AMOUNT in info.inputs and amount is not None:
        try:
            amount = Decimal(amount)
        except (InvalidOperation, TypeError, ValueError):
            errors[AMOUNT] = [_("Enter an amount in euros, e.g. 1234.50.")]
        else:
            if amount <= 0:
                errors[AMOUNT] = [_("The amount must be greater than zero.")]
            elif amount != amount.quantize(Decimal("0.01")):
                errors[AMOUNT] = [_("Amounts have at most two decimal places (cents).")]
    return errors


def _declared_only(info: ActionInfo, inputs: TransitionInput) -> TransitionInput:
    """The inputs the action takes; anything else (an internal comment sent with an NGO's
    own action, say) is dropped so it never reaches the audit trail."""
    return TransitionInput(
        comment=inputs.comment if COMMENT in info.inputs else "",
        internal_comment=inputs.internal_comment if INTERNAL_COMMENT in info.inputs else "",
        amount=inputs.amount if AMOUNT in info.inputs else None,
        extra=inputs.extra,
    )


def check_transition(obj: CaseModel, action: str, user, inputs: TransitionInput) -> ActionInfo:
    """Raise the refusal ``perform_transition`` would raise, without changing anything.

    Order: unknown action (404), not possible from this state (409), not allowed for this
    user (403), missing inputs or a guard (422).
    """
    meta = _meta(type(obj), action)
    state = obj.state
    transition = meta.get_transition(state)
    if transition is None or not meta.has_transition(state) or not meta.conditions_met(obj, state):
        raise NotPossible(_not_possible_message(obj, action))
    info = _info(obj, action, transition)
    if not transition.has_perm(obj, user):
        raise NotAllowed(
            _("You may not take the action “%(action)s” on this case.") % {"action": info.label}
        )
    errors = _input_errors(info, inputs)
    if not errors:
        try:
            errors = obj.transition_errors(action, user, inputs) or {}
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    if errors:
        raise GuardFailed(
            _("“%(action)s” was refused: correct the marked fields.") % {"action": info.label},
            errors,
        )
    return info


def perform_transition(
    obj: CaseModel,
    action: str,
    user,
    inputs: TransitionInput | None = None,
    *,
    source: str = "admin",
) -> CaseModel:
    """Take ``action`` on ``obj`` as ``user``; return the updated case.

    ``source`` says where the request came from (admin, portal, api, import) and goes into
    the audit entry. Raises a :class:`~casework.workflow.TransitionRefused` subclass when
    refused; nothing is written then.
    """
    inputs = inputs or TransitionInput()
    if inputs.amount is not None and not isinstance(inputs.amount, Decimal):
        try:
            inputs = TransitionInput(
                comment=inputs.comment,
                internal_comment=inputs.internal_comment,
                amount=Decimal(str(inputs.amount)),
                extra=inputs.extra,
            )
        except InvalidOperation:
            raise GuardFailed(
                _("Enter an amount in euros, e.g. 1234.50."),
                {AMOUNT: [_("Enter an amount in euros, e.g. 1234.50.")]},
            ) from None
    model = type(obj)
    try:
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=obj.pk)
            info = check_transition(locked, action, user, inputs)
            inputs = _declared_only(info, inputs)
            previous = locked.state
            getattr(locked, action)(user=user, inputs=inputs)
            locked.save()
            entry = audit.log_transition(
                locked,
                user,
                action=action,
                label=info.label,
                source_state=previous,
                inputs=inputs,
                source=source,
            )
            recipients = locked.notification_recipients(action, previous, locked.state)
            if recipients:
                from .notifications import enqueue_after_commit

                enqueue_after_commit(entry, recipients)
    except (TransitionNotAllowed, ConcurrentTransition):
        # Another request changed the state between our read and our write.
        obj.refresh_from_db()
        raise NotPossible(_not_possible_message(obj, action)) from None
    obj.refresh_from_db()
    return locked
