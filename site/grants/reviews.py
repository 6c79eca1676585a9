"""Writing reviews: assign a reviewer, declare a conflict of interest (or none), complete a
review. Not state transitions of the application, so they do not go through the
transition service; each checks who may do it, validates with field-level messages
(``ValidationError``) and writes inside one transaction. The admin and the portal call
these and nothing else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopiena.grants.roles import Role, has_role

from .models import (
    Application,
    ApplicationStatus,
    CriterionScore,
    Recommendation,
    ReviewAssignment,
)

#: Reviewers may be assigned until the review stage is over.
ASSIGNABLE_STATES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("call", "organisation")
        .get(pk=application.pk)
    )


def assign_reviewer(application: Application, reviewer, by) -> ReviewAssignment:
    """Assign ``reviewer`` to ``application``. Grant officers only; the reviewer must be in
    the Reviewers group and not a member of the applying organisation."""
    with transaction.atomic():
        application = _lock_application(application)
        if not has_role(by, Role.GRANT_OFFICERS) or application.organisation.has_member(by):
            raise PermissionDenied(_("Only grant officers assign reviewers."))
        errors = {}
        if application.status not in ASSIGNABLE_STATES:
            errors["__all__"] = [
                _("Reviewers are assigned while the application is submitted or in review.")
            ]
        if not has_role(reviewer, Role.REVIEWERS):
            errors["reviewer"] = [_("Choose a member of the Reviewers group.")]
        elif application.organisation.has_member(reviewer):
            errors["reviewer"] = [
                _("This reviewer is a member of the applying organisation and cannot review it.")
            ]
        elif application.reviews.filter(reviewer=reviewer).exists():
            errors["reviewer"] = [_("This reviewer is already assigned.")]
        if errors:
            raise ValidationError(errors)
        try:
            with transaction.atomic():
                return ReviewAssignment.objects.create(
                    application=application, reviewer=reviewer, assigned_by=by
                )
        except IntegrityError:
            raise ValidationError({"reviewer": [_("This reviewer is already assigned.")]}) from None


def _own_assignment(assignment: ReviewAssignment, user) -> ReviewAssignment:
    locked = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.reviewer_id != getattr(user, "pk", None) or not has_role(user, Role.REVIEWERS):
        raise PermissionDenied(_("Only the assigned reviewer may do this."))
    return locked


def declare_conflict(assignment: ReviewAssignment, user, *, has_conflict: bool) -> ReviewAssignment:
    """The reviewer's declaration. With a conflict the review is excluded from every count
    and cannot be scored. May be changed until the review is completed."""
    with transaction.atomic():
        assignment = _own_assignment(assignment, user)
        if assignment.is_completed:
            raise ValidationError(
                {"declared_no_conflict": [_("The review is completed; it cannot be changed.")]}
            )
        assignment.declared_no_conflict = not has_conflict
        assignment.conflict_declared_at = timezone.now()
        assignment.save(update_fields=["declared_no_conflict", "conflict_declared_at"])
        return assignment


def complete_review(
    assignment: ReviewAssignment,
    user,
    *,
    scores: dict,
    recommendation: str,
    comment: str = "",
) -> ReviewAssignment:
    """Score every criterion of the call and recommend, in one go.

    ``scores`` maps a criterion (or its pk) to a score or to ``(score, comment)``. Refused
    unless the reviewer declared no conflict, the application is in review, and every
    criterion has a score between 0 and its maximum.
    """
    with transaction.atomic():
        assignment = _own_assignment(assignment, user)
        application = _lock_application(assignment.application)
        errors: dict[str, list[str]] = {}
        if assignment.is_completed:
            errors["__all__"] = [_("This review is already completed.")]
        elif application.status != ApplicationStatus.IN_REVIEW:
            errors["__all__"] = [_("Reviews are completed while the application is in review.")]
        if not assignment.has_declared or assignment.has_conflict:
            errors["declared_no_conflict"] = [
                _("Declare that you have no conflict of interest before scoring.")
            ]
        if recommendation not in Recommendation.values:
            errors["recommendation"] = [_("Choose a recommendation.")]

        given = {}
        for key, value in scores.items():
            score, note = value if isinstance(value, tuple | list) else (value, "")
            given[getattr(key, "pk", key)] = (score, note or "")
        criteria = list(application.call.criteria.all())
        for criterion in criteria:
            field = f"score_{criterion.pk}"
            if criterion.pk not in given or given[criterion.pk][0] in (None, ""):
                errors[field] = [_("Score “%(name)s”.") % {"name": criterion.name}]
                continue
            try:
                score = int(given[criterion.pk][0])
            except (TypeError, ValueError):
                score = -1
            if not 0 <= score <= criterion.max_score:
                errors[field] = [
                    _("The score for “%(name)s” is a whole number from 0 to %(max)d.")
                    % {"name": criterion.name, "max": criterion.max_score}
                ]
        unknown = set(given) - {c.pk for c in criteria}
        if unknown:
            errors["__all__"] = [*errors.get("__all__", []), _("Unknown criterion.")]
        if errors:
            raise ValidationError(errors)

        for criterion in criteria:
            score, note = given[criterion.pk]
            CriterionScore.objects.update_or_create(
                assignment=assignment,
                criterion=criterion,
                defaults={"score": int(score), "comment": note},
            )
        assignment.recommendation = recommendation
        assignment.comment = comment
        assignment.completed_at = timezone.now()
        assignment.save(update_fields=["recommendation", "comment", "completed_at"])
        return assignment
