"""What a case model declares so that the transition service can run it.

A case model (``grants.Application``, ``community_work.Initiative``) subclasses
:class:`CaseModel` and declares its lifecycle with django-fsm's ``@transition``:

* ``permission=`` a callable ``(instance, user) -> bool``: the role check and segregation of
  duties. The UI offers only actions whose permission passes.
* ``custom=`` an :class:`Action` dict (``action(...)`` below): the label a person reads, the
  inputs the action takes (comment, internal comment, amount) and which are required.
* the method's signature is ``def submit(self, *, user, inputs: TransitionInput)``; its body
  stays small: it sets fields that follow from the inputs
  (``self.approved_amount = inputs.amount``) and nothing else.

Guards that need a message (budget rules, "reviews done", "call open") are not fsm
``conditions`` (those can only say yes or no): the model implements
:meth:`CaseModel.transition_errors`, returning field-level messages, and the service refuses
the action with them. Everything else (lock, save, audit, notification) is the service's job:
see :mod:`casework.service`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin

#: Input names an action may take.
COMMENT = "comment"  # shown to the applicant / case owner
INTERNAL_COMMENT = "internal_comment"  # staff only
AMOUNT = "amount"
INPUT_NAMES = (COMMENT, INTERNAL_COMMENT, AMOUNT)


def action(
    label,
    *,
    inputs: tuple[str, ...] = (COMMENT, INTERNAL_COMMENT),
    required: tuple[str, ...] = (),
    comment_label=None,
    style: str = "primary",
    confirm=None,
) -> dict[str, Any]:
    """The ``custom=`` dict of a transition: how the action is shown and what it takes.

    ``style`` is ``primary``, ``secondary`` or ``warning`` (refusals, withdrawals).
    ``comment_label`` renames the comment field, e.g. "Reason" for reject and cancel.
    """
    unknown = set(inputs) - set(INPUT_NAMES) or set(required) - set(inputs)
    if unknown:
        raise ValueError(f"unknown or undeclared inputs: {sorted(unknown)}")
    return {
        "label": label,
        "inputs": tuple(inputs),
        "required": tuple(required),
        "comment_label": comment_label or _("Comment"),
        "style": style,
        "confirm": confirm,
    }


@dataclass(frozen=True)
class TransitionInput:
    """What a person gives with an action. Views, the API and imports build one of these."""

    comment: str = ""
    internal_comment: str = ""
    amount: Decimal | None = None
    #: Free-form context that is not an input of the action (e.g. the import file name).
    extra: dict[str, Any] = field(default_factory=dict)

    def value(self, name: str):
        return getattr(self, name)


@dataclass(frozen=True)
class ActionInfo:
    """An action as the UI and the API present it."""

    name: str
    label: str
    inputs: tuple[str, ...]
    required: tuple[str, ...]
    comment_label: str
    style: str
    confirm: str | None
    target: str


class TransitionRefused(Exception):
    """Base of every refusal. ``errors`` maps field names (or ``"__all__"``) to messages."""

    status_code = 400

    def __init__(self, message, errors: dict[str, list[str]] | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.errors = {k: [str(m) for m in v] for k, v in (errors or {}).items()}


class UnknownAction(TransitionRefused):
    """No such action on this kind of case (API: 404)."""

    status_code = 404


class NotPossible(TransitionRefused):
    """The action exists but not from the case's current state (API: 409)."""

    status_code = 409


class NotAllowed(TransitionRefused):
    """The user may not take this action on this case (API: 403)."""

    status_code = 403


class GuardFailed(TransitionRefused):
    """An input is missing or a rule refused the action; ``errors`` says which (API: 422)."""

    status_code = 422


class CaseModel(ConcurrentTransitionMixin, models.Model):
    """Abstract base of every case model (no fields of its own).

    ``ConcurrentTransitionMixin`` refuses a save whose state changed underneath (a second
    line of defence behind the service's row lock) and keeps ``refresh_from_db()`` working
    with the protected state field.
    """

    #: Name of the FSMField holding the state.
    state_field_name = "status"
    #: Who reads an action's public comment, shown under the comment field (the transition
    #: form says "The applicant sees this." when a case model does not say).
    comment_audience = None

    class Meta:
        abstract = True

    # --- hooks a case model overrides -------------------------------------------------------

    def transition_errors(self, action: str, user, inputs: TransitionInput) -> dict[str, list]:
        """Field-level messages that refuse ``action`` now; empty when it may proceed.

        Called by the service inside its transaction, after the row lock, the state check
        and the permission check. It may lock further rows (e.g. the call's budget).
        """
        return {}

    def notification_recipients(self, action: str, source: str, target: str):
        """``[(user, audience)]`` to e-mail after the transition commits; ``audience`` is
        ``"applicant"`` (sees the public comment only) or ``"staff"`` (sees both)."""
        return []

    def transition_facts(self, action: str, user) -> list[tuple[str, str]]:
        """``[(label, value)]`` the person needs on the form of ``action`` to decide (e.g.
        the amounts, reviews and budget left before approving money); shown above it."""
        return []

    def staff_locked_fields(self) -> tuple[str, ...]:
        """Fields of the staff edit form that may not be changed now (e.g. what the
        applicant wrote, once submitted); the edit view leaves them out of the form."""
        return ()

    def case_reference(self) -> str:
        """A short reference people quote on the phone, e.g. ``PIE-2026-0042``."""
        return f"{self._meta.model_name.upper()}-{self.pk}"

    def clean_fields(self, exclude=None):
        """Leave the state out: ``clean_fields`` assigns every field's cleaned value back,
        which a protected FSMField refuses; the state is only ever set by a transition."""
        super().clean_fields(exclude={*(exclude or ()), self.state_field_name})

    # --- derived --------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return getattr(self, self.state_field_name)

    @classmethod
    def state_label(cls, value: str) -> str:
        choices = dict(cls._meta.get_field(cls.state_field_name).flatchoices)
        return str(choices.get(value, value))

    def get_state_display_label(self) -> str:
        return self.state_label(self.state)
