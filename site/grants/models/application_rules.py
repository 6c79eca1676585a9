"""An application's states, who may take each step (the ``permission=`` callables, with
segregation of duties) and what the applicant and staff may write with a step."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from kopiena.casework.workflow import COMMENT, INTERNAL_COMMENT, action
from kopiena.grants.roles import Role, has_role

if TYPE_CHECKING:
    from .applications import Application


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    IN_REVIEW = "in_review", _("In review")
    RECOMMENDED = "recommended", _("Recommended")
    APPROVED = "approved", _("Approved")
    REPORT_SUBMITTED = "report_submitted", _("Report submitted")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
#: States whose approved amount counts against the call's budget.
COMMITTED_STATES = (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED)
#: States in which the applicant edits the application and its budget.
EDITABLE_STATES = (S.DRAFT, S.CHANGES_REQUESTED)
#: States from which the applicant may withdraw ("draft … recommended").
WITHDRAWABLE_STATES = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.IN_REVIEW, S.RECOMMENDED)
FINAL_STATES = (S.COMPLETED, S.REJECTED, S.WITHDRAWN)

REFERENCE_PREFIX = "PIE"  # pieteikums


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months a project from ``start`` to ``end`` (both days included) runs in:
    1 January – 31 December is 12, 15 January – 14 January a year later is 12, and one
    day more is 13."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (1 if end.day >= start.day else 0)


# --- permissions: who may take an action (segregation of duties included) -------------------


def _is_member(app: Application, user) -> bool:
    return app.organisation.has_member(user)


def applicant(app: Application, user) -> bool:
    """NGO actions: a member of the application's organisation."""
    return _is_member(app, user)


def grant_officer(app: Application, user) -> bool:
    """A grant officer who is not a member of the applying organisation."""
    return has_role(user, Role.GRANT_OFFICERS) and not _is_member(app, user)


def officer_or_finance(app: Application, user) -> bool:
    return has_role(user, Role.GRANT_OFFICERS, Role.FINANCE) and not _is_member(app, user)


def _scored(app: Application, user) -> bool:
    """``user`` scored this application (now or an earlier version of it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return app.reviews.filter(reviewer=user, scores__isnull=False).exists()


def rejecter(app: Application, user) -> bool:
    """Grant officers reject from any reviewable state; finance only a recommended one
    (a recommendation it will not fund). Whoever scored the application takes no finance
    decision on it, a rejection included."""
    if _is_member(app, user) or _scored(app, user):
        return False
    if has_role(user, Role.GRANT_OFFICERS):
        return True
    return app.status == S.RECOMMENDED and has_role(user, Role.FINANCE)


def budget_approver(app: Application, user) -> bool:
    """Finance, not a member of the organisation and not one of the application's reviewers
    (the reviewer who scored cannot also approve the money)."""
    if not has_role(user, Role.FINANCE) or _is_member(app, user):
        return False
    return not app.reviews.filter(reviewer=user).exists()


def _action(label, **kwargs):
    return action(label, **kwargs)


#: What the applicant writes; staff do not edit it once the application is submitted.
APPLICANT_CONTENT_FIELDS = (
    "title",
    "summary",
    "municipality",
    "community",
    "target_groups",
    "planned_start",
    "planned_end",
)

APPLICANT_INPUTS = (COMMENT,)
STAFF_INPUTS = (COMMENT, INTERNAL_COMMENT)
