"""Reserve draws: a cost rise paid from the reserve, decided by finance."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from kopiena.casework.notifications import STAFF
from kopiena.casework.workflow import COMMENT, CaseModel, action
from kopiena.grants.money import format_eur

from ..roles import is_finance
from .ideas import Idea
from .process import MONEY, STAFF_INPUTS, Process


class DrawStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for finance")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


def _finance(draw, user) -> bool:
    return is_finance(user)


class ReserveDraw(CaseModel):
    """A winning project's cost rise paid from the process's reserve: asked for by the
    participatory budget staff, decided by finance with a reason — both on the record."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("participatory budget"),
        on_delete=models.PROTECT,
        related_name="reserve_draws",
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("project"), on_delete=models.PROTECT, related_name="reserve_draws"
    )
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reason = models.TextField(_("why the cost rose"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = FSMField(
        _("status"),
        max_length=10,
        choices=DrawStatus.choices,
        default=DrawStatus.REQUESTED,
        protected=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reserve draw")
        verbose_name_plural = _("reserve draws")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="kopiena_participation_draw_positive"
            ),
        ]

    def __str__(self):
        return f"{self.idea.title}: {format_eur(self.amount)}"

    def case_reference(self) -> str:
        return f"LBR-{self.pk:04d}" if self.pk else "LBR"

    @transition(
        field=status,
        source=DrawStatus.REQUESTED,
        target=DrawStatus.APPROVED,
        permission=_finance,
        custom=action(
            _("Approve the draw"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason for the decision"),
        ),
    )
    def approve(self, *, user, inputs):
        self.decided_at = timezone.now()

    @transition(
        field=status,
        source=DrawStatus.REQUESTED,
        target=DrawStatus.REFUSED,
        permission=_finance,
        custom=action(
            _("Refuse the draw"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason for the decision"),
            style="warning",
        ),
    )
    def refuse(self, *, user, inputs):
        self.decided_at = timezone.now()

    def transition_errors(self, action_name, user, inputs):
        if action_name != "approve":
            return {}
        process = Process.objects.select_for_update().get(pk=self.process_id)
        left = process.money_figures()["reserve_left"]
        if self.amount > left:
            return {
                "__all__": [
                    _("The reserve has %(left)s left; this draw asks for %(amount)s.")
                    % {"left": format_eur(left), "amount": format_eur(self.amount)}
                ]
            }
        return {}

    def notification_recipients(self, action_name, source, target):
        if self.requested_by_id:
            return [(self.requested_by, STAFF)]
        return []
