"""The final report: what the project did and what it actually spent per budget line.

Variance is measured against the budget line as planned (requested + own), because the
actual spending the NGO reports is the whole line's, co-financing included: positive is
overspend, negative underspend. Writes go through :func:`grants.reports.save_report`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import ReportLineQuerySet
from .calls import ZERO, money_field


class Report(models.Model):
    """An approved application's report. Submitted (and returned, accepted) through the
    application's transitions, which set ``submitted_at`` and ``accepted_at``."""

    application = models.OneToOneField(
        "kopiena_grants.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="report",
    )
    narrative = models.TextField(_("what the project did"), blank=True)
    results = models.TextField(_("results"), blank=True)
    participants_reached = models.PositiveIntegerField(
        _("participants reached"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return str(self.application)

    def line_rows(self):
        """Report lines with ``planned`` and ``difference`` annotated, in budget order."""
        return self.lines.with_variance().order_by("budget_line__sort_order", "budget_line_id")

    def missing_lines(self):
        """Budget lines of the application without an actual amount in this report."""
        reported = self.lines.values("budget_line_id")
        return list(self.application.budget_lines.exclude(pk__in=reported))

    def lines_needing_justification(self):
        """Lines spent above the approved line by more than the call's tolerance without
        an explanation."""
        tolerance = self.application.call.overspend_tolerance
        return [
            row
            for row in self.lines.select_related("budget_line")
            if row.exceeds_tolerance(tolerance) and not row.comment.strip()
        ]

    @property
    def overspend_total(self) -> Decimal:
        """The sum of the lines' overspend (underspend on other lines not netted)."""
        return sum(
            (max(row.variance, ZERO) for row in self.lines.select_related("budget_line")), ZERO
        )

    @property
    def planned_total(self) -> Decimal:
        return sum((line.amount for line in self.application.budget_lines.all()), ZERO)

    @property
    def actual_total(self) -> Decimal:
        return sum((line.actual_amount for line in self.lines.all()), ZERO)

    @property
    def variance(self) -> Decimal:
        """Actual − planned over the whole budget (positive: overspend)."""
        return self.actual_total - self.planned_total


class ReportLine(models.Model):
    """Actual spending on one budget line."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="lines"
    )
    budget_line = models.ForeignKey(
        "kopiena_grants.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.CASCADE,
        related_name="report_lines",
    )
    actual_amount = money_field(_("actual spending (EUR)"), validators=[MinValueValidator(ZERO)])
    comment = models.TextField(_("explanation"), blank=True)

    objects = ReportLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "budget_line"],
                name="kopiena_grants_reportline_unique_budget_line",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_amount__gte=0),
                name="kopiena_grants_reportline_actual_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.budget_line}: {self.actual_amount}"

    @property
    def planned_amount(self) -> Decimal:
        return self.budget_line.amount

    @property
    def variance(self) -> Decimal:
        """Actual − planned (requested + own): positive is overspend, negative underspend."""
        return self.actual_amount - self.planned_amount

    def exceeds_tolerance(self, tolerance: Decimal) -> bool:
        """Spent more than ``tolerance`` (0.10 = 10 %) above the approved line."""
        return self.actual_amount > self.planned_amount * (1 + tolerance)

    @property
    def is_overspend(self) -> bool:
        return self.variance > 0

    @property
    def is_underspend(self) -> bool:
        return self.variance < 0
