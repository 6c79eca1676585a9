"""Reviews: an officer assigns reviewers to an application; each reviewer declares whether
they have a conflict of interest, then scores every criterion of the call and recommends.

Writes go through :mod:`grants.reviews` (permission, validation, transaction); these models
hold the data and what follows from it (a review's weighted total).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import ReviewAssignmentQuerySet
from .calls import CENT


class Recommendation(models.TextChoices):
    FUND = "fund", _("Fund")
    FUND_WITH_CHANGES = "fund_with_changes", _("Fund with changes")
    DO_NOT_FUND = "do_not_fund", _("Do not fund")


class ReviewAssignment(models.Model):
    """One reviewer's review of one application.

    The conflict-of-interest declaration comes first: ``conflict_declared_at`` says when it
    was made, ``declared_no_conflict`` what it said. A reviewer who declares a conflict
    cannot score and is left out of every count (start review, recommend, "waiting for me").
    """

    application = models.ForeignKey(
        "kopiena_grants.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    declared_no_conflict = models.BooleanField(_("no conflict of interest declared"), default=False)
    conflict_declared_at = models.DateTimeField(
        _("conflict of interest declared at"), null=True, blank=True
    )
    conflict_reason = models.TextField(_("conflict of interest: reason"), blank=True)
    #: The application's version this review scored (``Application.version``).
    application_version = models.PositiveIntegerField(
        _("application version reviewed"), null=True, blank=True
    )
    #: Set when the application came back changed: the version and the weighted total of
    #: the earlier review, which no longer counts (the reviewer scores the new version).
    earlier_version = models.PositiveIntegerField(_("earlier version"), null=True, blank=True)
    earlier_total = models.DecimalField(
        _("earlier weighted total"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    #: Set when a grant officer confirmed, with a reason on the record, that this review of
    #: an earlier version still stands for the version named here: it counts again.
    confirmed_for_version = models.PositiveIntegerField(
        _("confirmed for version"), null=True, blank=True
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = ReviewAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="kopiena_grants_review_unique_application_reviewer",
                violation_error_message=_("This reviewer is already assigned."),
            )
        ]

    def __str__(self):
        return f"{self.application} — {self.reviewer}"

    @property
    def has_declared(self) -> bool:
        return self.conflict_declared_at is not None

    @property
    def has_conflict(self) -> bool:
        return self.has_declared and not self.declared_no_conflict

    @property
    def is_stale(self) -> bool:
        """Scored an earlier version and not yet done again nor confirmed."""
        return self.earlier_version is not None and self.completed_at is None

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def weighted_total(self) -> Decimal:
        """Σ weight × score / max score × 100 over the call's criteria (0–100, 2 places)."""
        total = Decimal("0")
        for score in self.scores.all():
            criterion = score.criterion
            total += criterion.weight * Decimal(score.score) / Decimal(criterion.max_score)
        return (total * 100).quantize(CENT, rounding=ROUND_HALF_UP)


class CriterionScore(models.Model):
    """A reviewer's score on one criterion of the call (0 … the criterion's maximum)."""

    assignment = models.ForeignKey(
        ReviewAssignment,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        "kopiena_grants.ScoringCriterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["criterion__sort_order", "pk"]
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="kopiena_grants_score_unique_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
