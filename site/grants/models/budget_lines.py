"""An application's budget lines (izdevumu tāme)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from ..money import format_eur
from .calls import CENT, ZERO, money_field


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    SERVICES = "services", _("Services")
    MATERIALS = "materials", _("Materials")
    TRANSPORT = "transport", _("Transport")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    OTHER = "other", _("Other")


class BudgetLine(Orderable):
    """One line of the cost estimate (izdevumu tāme): quantity × unit cost, split into the
    amount requested from the call and the applicant's own co-financing."""

    application = ParentalKey(
        "kopiena_grants.Application", on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(
        _("category"), max_length=20, choices=BudgetCategory.choices, default=BudgetCategory.OTHER
    )
    description = models.CharField(_("description"), max_length=255)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. h, pcs, month"))
    unit_cost = money_field(_("unit cost (EUR)"))
    requested = money_field(_("requested from the call (EUR)"), default=ZERO)
    own = money_field(_("own contribution (EUR)"), default=ZERO)

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested__gte=0, own__gte=0, unit_cost__gte=0, quantity__gt=0),
                name="kopiena_grants_budgetline_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def line_total(self) -> Decimal:
        """Quantity × unit cost, rounded to cents."""
        return (self.quantity * self.unit_cost).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def amount(self) -> Decimal:
        """Requested + own: what the line costs the project."""
        return (self.requested or ZERO) + (self.own or ZERO)

    def total_mismatch_message(self) -> str:
        message = gettext(
            "requested + own (%(amount)s) must equal quantity × unit cost (%(total)s)."
        )
        return message % {
            "amount": format_eur(self.amount),
            "total": format_eur(self.line_total),
        }

    def clean(self):
        super().clean()
        if None in (self.quantity, self.unit_cost, self.requested, self.own):
            return
        if self.line_total != self.amount:
            raise ValidationError({"requested": self.total_mismatch_message()})
