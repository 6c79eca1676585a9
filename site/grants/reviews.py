"""Writing reviews: assign a reviewer, declare a conflict of interest (or none), reopen a
declared conflict, waive a required review, complete a review. Not state transitions of
the application, so they do not go through the transition service; each checks who may do
it, validates with field-level messages (``ValidationError``), locks the application's row
(so a declaration or a waiver racing with ``recommend`` queues behind it) and writes, with
its entry in the case history, inside one transaction. The admin calls these and nothing
else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopiena.casework import audit
from kopiena.casework.notifications import _language_for as language_for
from kopiena.grants.roles import Role, has_role

from .models import (
    Application,
    ApplicationStatus,
    CriterionScore,
    Recommendation,
    ReviewAssignment,
)
from .officers import officers_of

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
                assignment = ReviewAssignment.objects.create(
                    application=application, reviewer=reviewer, assigned_by=by
                )
        except IntegrityError:
            raise ValidationError({"reviewer": [_("This reviewer is already assigned.")]}) from None
        audit.log_note(
            application,
            by,
            event="reviewer_assigned",
            text=_("%(reviewer)s assigned as reviewer.") % {"reviewer": _name(reviewer)},
            reviewer=reviewer.pk,
        )
        transaction.on_commit(lambda: _mail_reviewer(assignment.pk))
        return assignment


def _send(user, subject, body) -> int:
    from django.core.mail import send_mail

    return send_mail(subject, body, None, [user.email], fail_silently=True)


def _review_url(assignment) -> str:
    from django.urls import reverse

    from kopiena import conf

    return conf.base_url() + reverse("grants_review", args=[assignment.pk])


def _mail_assigned_reviewer(assignment_id: int, compose) -> int:
    """Mail the reviewer of an assignment in their language: ``compose(assignment, facts)``
    gives the subject and body, ``facts`` the title, case reference and review form link
    (the site's own address)."""
    assignment = (
        ReviewAssignment.objects.select_related("reviewer", "application")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None or not assignment.reviewer.email:
        return 0
    with translation.override(language_for(assignment.reviewer)):
        facts = {
            "title": assignment.application,
            "reference": assignment.application.case_reference(),
            "url": _review_url(assignment),
        }
        subject, body = compose(assignment, facts)
    return _send(assignment.reviewer, subject, body)


def _mail_reviewer(assignment_id: int) -> int:
    """Tell the reviewer of a new assignment."""

    def compose(assignment, facts):
        subject = _("Application to review: %(title)s") % facts
        body = (
            _(
                "You are assigned to review “%(title)s” (%(reference)s). Declare whether you "
                "have a conflict of interest, then score it:\n%(url)s"
            )
            % facts
        )
        return subject, body

    return _mail_assigned_reviewer(assignment_id, compose)


def _mail_officers_of_conflict(assignment_id: int) -> int:
    """Tell the application's officers (``officers_of``), each in their language,
    that a reviewer declared a conflict: the application needs another reviewer or a
    waiver. The link opens the reviewer page of the case on the site's own address."""
    from django.urls import reverse

    from kopiena import conf

    assignment = (
        ReviewAssignment.objects.select_related("reviewer", "application__organisation")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None or not assignment.has_conflict:
        return 0
    application = assignment.application
    officers = officers_of(application).exclude(email="").select_related("wagtail_userprofile")
    url = conf.base_url() + reverse("grants_applications:assign_reviewer", args=[application.pk])
    sent = 0
    for officer in officers:
        with translation.override(language_for(officer)):
            subject = _("Conflict of interest declared: %(title)s") % {"title": application}
            body = _(
                "%(reviewer)s declared a conflict of interest with “%(title)s” (%(reference)s) "
                "and is excluded from its review.\nReason: %(reason)s\n\nAssign another "
                "reviewer or waive the review:\n%(url)s"
            ) % {
                "reviewer": _name(assignment.reviewer),
                "title": application,
                "reference": application.case_reference(),
                "reason": assignment.conflict_reason,
                "url": url,
            }
        sent += _send(officer, subject, body)
    return sent


def _mail_reviewer_reopened(assignment_id: int, reason: str) -> int:
    """Tell the reviewer that an officer reopened their declared conflict: they declare
    again before scoring."""

    def compose(assignment, facts):
        subject = _("Your review is open again: %(title)s") % facts
        body = _(
            "A grant officer reopened your declaration of a conflict of interest with "
            "“%(title)s” (%(reference)s): %(reason)s\nDeclare again, then score it:\n%(url)s"
        ) % {**facts, "reason": reason}
        return subject, body

    return _mail_assigned_reviewer(assignment_id, compose)


def _own_assignment(assignment: ReviewAssignment, user) -> ReviewAssignment:
    # The application first, then the assignment: the order every writer here locks in.
    Application.objects.select_for_update().filter(pk=assignment.application_id).first()
    locked = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.reviewer_id != getattr(user, "pk", None) or not has_role(user, Role.REVIEWERS):
        raise PermissionDenied(_("Only the assigned reviewer may do this."))
    return locked


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _officer_of(application: Application, by) -> None:
    if not has_role(by, Role.GRANT_OFFICERS) or application.organisation.has_member(by):
        raise PermissionDenied(_("Only grant officers may do this."))


def declare_conflict(
    assignment: ReviewAssignment, user, *, has_conflict: bool, reason: str = ""
) -> ReviewAssignment:
    """The reviewer's declaration, made once before scoring: no conflict, or a conflict
    with its reason. A declared conflict ends the assignment (no scores, the application
    no longer visible to the reviewer) and stays on the record: only a grant officer can
    reopen it (:func:`reopen_conflict`). Both are entries in the case history."""
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        assignment = _own_assignment(assignment, user)
        if assignment.is_completed:
            raise ValidationError(
                {"declared_no_conflict": [_("The review is completed; it cannot be changed.")]}
            )
        if assignment.has_conflict:
            raise ValidationError(
                {
                    "declared_no_conflict": [
                        _(
                            "You declared a conflict of interest; only a grant officer can "
                            "reopen it."
                        )
                    ]
                }
            )
        if has_conflict and not reason:
            raise ValidationError({"conflict_reason": [_("Say what the conflict of interest is.")]})
        if not has_conflict and assignment.has_declared:
            return assignment  # "no conflict" said again: nothing new for the record
        assignment.declared_no_conflict = not has_conflict
        assignment.conflict_declared_at = timezone.now()
        assignment.conflict_reason = reason if has_conflict else ""
        assignment.save(
            update_fields=["declared_no_conflict", "conflict_declared_at", "conflict_reason"]
        )
        if has_conflict:
            text = _("%(reviewer)s declared a conflict of interest: %(reason)s") % {
                "reviewer": _name(user),
                "reason": reason,
            }
        else:
            text = _("%(reviewer)s declared no conflict of interest.") % {"reviewer": _name(user)}
        audit.log_note(
            assignment.application,
            user,
            event="conflict_declared" if has_conflict else "no_conflict_declared",
            text=text,
            reviewer=user.pk,
        )
        if has_conflict:
            pk = assignment.pk
            transaction.on_commit(lambda: _mail_officers_of_conflict(pk))
        return assignment


def reopen_conflict(assignment: ReviewAssignment, by, *, reason: str) -> ReviewAssignment:
    """A grant officer withdraws a reviewer's declared conflict (e.g. declared by mistake),
    with a reason on the record; the reviewer declares again before scoring."""
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        application = _lock_application(assignment.application)
        _officer_of(application, by)
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if not assignment.has_conflict:
            raise ValidationError({"__all__": [_("This reviewer has declared no conflict.")]})
        if not reason:
            raise ValidationError({"reason": [_("Give the reason for reopening.")]})
        assignment.declared_no_conflict = False
        assignment.conflict_declared_at = None
        assignment.save(update_fields=["declared_no_conflict", "conflict_declared_at"])
        audit.log_note(
            application,
            by,
            event="conflict_reopened",
            text=_("Conflict of interest of %(reviewer)s withdrawn: %(reason)s")
            % {"reviewer": _name(assignment.reviewer), "reason": reason},
            reviewer=assignment.reviewer_id,
        )
        pk = assignment.pk
        transaction.on_commit(lambda: _mail_reviewer_reopened(pk, reason))
        return assignment


def waive_review(application: Application, by, *, reason: str) -> Application:
    """A grant officer waives one of the reviews the call requires (e.g. no other reviewer
    is free after a conflict), with a reason on the record. At least one review is always
    needed."""
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        application = _lock_application(application)
        _officer_of(application, by)
        errors = {}
        if application.status not in ASSIGNABLE_STATES:
            errors["__all__"] = [
                _("Reviews are waived while the application is submitted or in review.")
            ]
        elif application.required_reviews <= 1:
            errors["__all__"] = [_("At least one review is needed; it cannot be waived.")]
        if not reason:
            errors["reason"] = [_("Give the reason for the waiver.")]
        if errors:
            raise ValidationError(errors)
        application.reviews_waived += 1
        Application.objects.filter(pk=application.pk).update(
            reviews_waived=application.reviews_waived
        )
        audit.log_note(
            application,
            by,
            event="review_waived",
            text=ngettext(
                "One required review waived; %(required)d review is now required: %(reason)s",
                "One required review waived; %(required)d reviews are now required: %(reason)s",
                application.required_reviews,
            )
            % {"required": application.required_reviews, "reason": reason},
        )
        return application


def confirm_earlier_reviews(application: Application, by, *, reason: str) -> int:
    """A grant officer confirms, with a reason on the record, that the reviews of an
    earlier version still stand for the current one (e.g. the change was a typo): they
    count toward ``recommend`` again. Returns how many were confirmed."""
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        application = _lock_application(application)
        _officer_of(application, by)
        errors = {}
        # The application's row lock serialises every writer of its reviews.
        stale = [
            review
            for review in application.reviews.filter(
                earlier_version__isnull=False, completed_at__isnull=True
            )
            .select_related("reviewer")
            .prefetch_related("scores")
            if review.scores.all() and not review.has_conflict
        ]
        if application.status not in ASSIGNABLE_STATES:
            errors["__all__"] = [
                _("Earlier reviews are confirmed while the application is submitted or in review.")
            ]
        elif not stale:
            errors["__all__"] = [_("There are no reviews of an earlier version to confirm.")]
        if not reason:
            errors["reason"] = [_("Give the reason why the earlier reviews still stand.")]
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        for review in stale:
            review.completed_at = now
            review.confirmed_for_version = application.version
            review.save(update_fields=["completed_at", "confirmed_for_version"])
        audit.log_note(
            application,
            by,
            event="earlier_reviews_confirmed",
            text=_(
                "Reviews of an earlier version confirmed for version %(version)d (%(reviewers)s): "
                "%(reason)s"
            )
            % {
                "version": application.version,
                "reviewers": ", ".join(_name(review.reviewer) for review in stale),
                "reason": reason,
            },
            reviewers=[review.reviewer_id for review in stale],
        )
        return len(stale)


def not_offered(application: Application):
    """``[(reviewer, reason)]``: the reviewers the picker leaves out and why."""
    from django.contrib.auth import get_user_model

    assigned = {a.reviewer_id: a for a in application.reviews.all()}
    members = set(application.organisation.memberships.values_list("user_id", flat=True))
    rows = []
    reviewers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.REVIEWERS)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )
    for user in reviewers:
        if user.pk in members:
            rows.append((user, _("member of the applying organisation")))
        elif user.pk in assigned and assigned[user.pk].has_conflict:
            rows.append((user, _("declared a conflict of interest")))
        elif user.pk in assigned:
            rows.append((user, _("already assigned")))
    return rows


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
        assignment.application_version = application.version
        assignment.save(
            update_fields=["recommendation", "comment", "completed_at", "application_version"]
        )
        return assignment
