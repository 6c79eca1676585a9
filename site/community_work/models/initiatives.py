"""The initiative: one cycle of community social work as a tracked case.

Its lifecycle is docs/architecture.md's "Community initiative lifecycle" table, declared with
django-fsm transitions below and run only by ``casework.service.perform_transition`` (which
checks the role, the state and :meth:`Initiative.transition_errors`, locks the row, saves,
writes the audit entry and mails :meth:`Initiative.notification_recipients` after commit).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.models import ClusterableModel

from kopiena import conf
from kopiena.casework.notifications import STAFF
from kopiena.casework.workflow import COMMENT, INTERNAL_COMMENT, CaseModel, action
from kopiena.community_work.roles import Role, has_role

from ..permissions import is_deciding_head, is_owner, may_cancel


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    EVALUATING = "evaluating", _("Evaluating")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


S = InitiativeStatus

#: States a case ends in; every other state is open (and may be cancelled).
FINAL_STATES = (S.CLOSED, S.CANCELLED)
OPEN_STATES = tuple(s for s in S if s not in FINAL_STATES)
#: Whose move it is in each open state ("waiting for me").
SOCIAL_WORKER_TURN = (S.IDEA, S.PLANNING, S.APPROVED, S.IN_PROGRESS, S.EVALUATING)
HEAD_TURN = (S.AWAITING_APPROVAL, S.REPORTED)


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every initiative for community social workers, social service heads and
        superusers (there is no staff–municipality link yet: see ``permissions``); none
        for anyone else."""
        if not getattr(user, "is_active", False):
            return self.none()
        if user.is_superuser or has_role(user, Role.SOCIAL_WORKERS, Role.SERVICE_HEADS):
            return self.all()
        return self.none()

    def for_listing(self):
        return self.select_related(
            "community",
            "centre",
            "municipality",
            "social_worker__wagtail_userprofile",  # the listing shows the worker's avatar
            "head",
            "grant_application",
        )

    def open(self):
        return self.filter(status__in=OPEN_STATES)

    def editable_by(self, user):
        """Open initiatives whose content ``user`` may edit (``permissions.may_edit``)."""
        if not getattr(user, "is_active", False):
            return self.none()
        if user.is_superuser or has_role(user, Role.SERVICE_HEADS):
            return self.open()
        if has_role(user, Role.SOCIAL_WORKERS):
            return self.open().filter(social_worker=user)
        return self.none()

    def owned_by(self, user):
        return self.filter(social_worker=user)

    def awaiting(self, user):
        """Initiatives whose next step is ``user``'s: the owner's own initiatives in the
        social worker's states; for a head, plans awaiting approval and submitted reports
        assigned to them or to no head yet (never their own initiatives)."""
        if not getattr(user, "is_active", False):
            return self.none()
        condition = Q()
        if has_role(user, Role.SOCIAL_WORKERS):
            condition |= Q(social_worker=user, status__in=SOCIAL_WORKER_TURN)
        if has_role(user, Role.SERVICE_HEADS):
            condition |= (
                Q(status__in=HEAD_TURN)
                & (Q(head__isnull=True) | Q(head=user))
                & ~Q(social_worker=user)
            )
        if not condition:
            return self.none()
        return self.filter(condition)

    def count_by_status(self) -> dict[str, int]:
        rows = self.order_by().values("status").annotate(n=Count("pk"))
        return {row["status"]: row["n"] for row in rows}


def _action_labels():
    """Labels of the actions, also used by the story and the templates."""
    return {
        "start_planning": _("Start planning"),
        "submit_for_approval": _("Submit plan for approval"),
        "approve": _("Approve plan"),
        "return_plan": _("Return plan"),
        "start": _("Start work"),
        "back_to_assessment": _("Back to assessment"),
        "finish": _("Finish and evaluate"),
        "submit_report": _("Submit report"),
        "accept_report": _("Accept report"),
        "cancel": _("Cancel initiative"),
    }


ACTION_LABELS = _action_labels()


class Initiative(CaseModel, ClusterableModel):
    """A community initiative: a social worker studies a community, plans with it, acts,
    logs the weeks, evaluates and reports; the head of the social service approves the plan
    and accepts the report. What it holds (assessment, approaches, plan, partners, logs,
    evaluation) lives in ``models.content``; the admin edits it in one form
    (``community_work.forms.InitiativeForm``), never the status."""

    comment_audience = _(
        "The social worker leading the initiative and the head of the social service see this."
    )

    title = models.CharField(_("title"), max_length=200)
    #: The social service's own case number; imports match existing initiatives by it.
    #: Unique when given.
    reference = models.CharField(_("reference number"), max_length=50, blank=True)
    community = models.ForeignKey(
        "kopiena_community_work.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    centre = models.ForeignKey(
        "kopiena_community_work.CommunityCentre",
        verbose_name=_("community centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    municipality = models.ForeignKey(
        "kopiena_casework.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="community_initiatives",
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="community_initiatives",
        help_text=_("The community social worker who runs the initiative and takes its steps."),
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head of the social service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_community_initiatives",
        help_text=_(
            "Approves the plan and accepts the report. Left empty, any head may, and the "
            "first to decide is recorded here."
        ),
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.IDEA,
        protected=True,
    )
    goal = models.TextField(
        _("goal"), blank=True, help_text=_("The goal of the action plan (darbības plāna mērķis).")
    )
    grant_application = models.ForeignKey(
        "kopiena_grants.Application",
        verbose_name=_("co-financing application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_initiatives",
        help_text=_("The grant application that co-finances this initiative, if any."),
    )
    #: The draft or published pilot story made from this initiative (``stories.py``).
    story = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pilot story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"],
                name="kopiena_community_work_initiative_unique_title",
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="kopiena_community_work_initiative_unique_reference",
                violation_error_message=_("An initiative with this reference number exists."),
            ),
        ]
        indexes = [models.Index(fields=["status"], name="community_w_status_idx")]

    def __str__(self):
        return self.title

    # --- lifecycle (docs/architecture.md) -----------------------------------------------

    @transition(
        field=status,
        source=S.IDEA,
        target=S.PLANNING,
        permission=is_owner,
        custom=action(ACTION_LABELS["start_planning"]),
    )
    def start_planning(self, *, user, inputs):
        """The study is done enough to plan with the community."""

    @transition(
        field=status,
        source=S.PLANNING,
        target=S.AWAITING_APPROVAL,
        permission=is_owner,
        custom=action(ACTION_LABELS["submit_for_approval"]),
    )
    def submit_for_approval(self, *, user, inputs):
        """Guarded by :meth:`plan_errors`: a goal and at least one task."""

    @transition(
        field=status,
        source=S.AWAITING_APPROVAL,
        target=S.APPROVED,
        permission=is_deciding_head,
        custom=action(ACTION_LABELS["approve"]),
    )
    def approve(self, *, user, inputs):
        self._record_head(user)

    @transition(
        field=status,
        source=S.AWAITING_APPROVAL,
        target=S.PLANNING,
        permission=is_deciding_head,
        custom=action(
            ACTION_LABELS["return_plan"],
            required=(COMMENT,),
            comment_label=_("What should change"),
            style="warning",
        ),
    )
    def return_plan(self, *, user, inputs):
        self._record_head(user)

    @transition(
        field=status,
        source=S.APPROVED,
        target=S.IN_PROGRESS,
        permission=is_owner,
        custom=action(ACTION_LABELS["start"]),
    )
    def start(self, *, user, inputs):
        """Work with the community begins."""

    @transition(
        field=status,
        source=S.IN_PROGRESS,
        target=S.PLANNING,
        permission=is_owner,
        custom=action(
            ACTION_LABELS["back_to_assessment"],
            comment_label=_("Why the plan is revisited"),
            style="secondary",
            confirm=_(
                "The initiative goes back to planning: the revised plan needs the head's "
                "approval again."
            ),
        ),
    )
    def back_to_assessment(self, *, user, inputs):
        """The seeds do this mid-way: what was learnt in the field changes the plan."""

    @transition(
        field=status,
        source=S.IN_PROGRESS,
        target=S.EVALUATING,
        permission=is_owner,
        custom=action(ACTION_LABELS["finish"]),
    )
    def finish(self, *, user, inputs):
        """Activities are over; the change is evaluated with the community."""

    @transition(
        field=status,
        source=S.EVALUATING,
        target=S.REPORTED,
        permission=is_owner,
        custom=action(ACTION_LABELS["submit_report"]),
    )
    def submit_report(self, *, user, inputs):
        """Guarded by :meth:`report_errors`: the evaluation with results and satisfaction."""

    @transition(
        field=status,
        source=S.REPORTED,
        target=S.CLOSED,
        permission=is_deciding_head,
        custom=action(ACTION_LABELS["accept_report"]),
    )
    def accept_report(self, *, user, inputs):
        self._record_head(user)

    @transition(
        field=status,
        source=list(OPEN_STATES),
        target=S.CANCELLED,
        permission=may_cancel,
        custom=action(
            ACTION_LABELS["cancel"],
            inputs=(COMMENT, INTERNAL_COMMENT),
            required=(COMMENT,),
            comment_label=_("Reason"),
            style="warning",
            confirm=_("A cancelled initiative cannot be reopened."),
        ),
    )
    def cancel(self, *, user, inputs):
        """Any open initiative may be cancelled, with a reason."""

    def _record_head(self, user):
        if self.head_id is None and has_role(user, Role.SERVICE_HEADS):
            self.head = user

    # --- CaseModel hooks ------------------------------------------------------------------

    def transition_errors(self, action, user, inputs):
        if action == "submit_for_approval":
            return self.plan_errors()
        if action == "submit_report":
            return self.report_errors()
        return {}

    def plan_errors(self) -> dict[str, list]:
        errors = {}
        if not (self.goal or "").strip():
            errors["goal"] = [_("Write the goal of the action plan before submitting it.")]
        if not self.tasks.exists():
            errors["tasks"] = [_("Add at least one task to the action plan.")]
        return errors

    def report_errors(self) -> dict[str, list]:
        from .content import Evaluation

        evaluation = Evaluation.objects.filter(initiative=self).first()
        if evaluation is None:
            return {"evaluation": [_("Fill in the evaluation before submitting the report.")]}
        return evaluation.completeness_errors()

    def notification_recipients(self, action, source, target):
        if action in ("submit_for_approval", "submit_report"):
            return [(head, STAFF) for head in self.deciding_heads()]
        if action in ("approve", "return_plan", "accept_report", "cancel"):
            return [(self.social_worker, STAFF)]
        return []

    def deciding_heads(self):
        """The assigned head, or every active social service head while none is."""
        if self.head_id:
            return [self.head]
        return list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=Role.SERVICE_HEADS)
            .distinct()
        )

    def case_reference(self) -> str:
        """The reference number it came with (from an import), else ``INI-2026-0042``."""
        if self.reference:
            return self.reference
        year = timezone.localtime(self.created_at).year if self.created_at else timezone.now().year
        return f"INI-{year}-{self.pk or 0:04d}"

    def notification_url(self, audience) -> str:
        return conf.base_url() + self.get_admin_url()

    def get_admin_url(self) -> str:
        return reverse("community_initiatives:inspect", args=[self.pk])

    # --- derived --------------------------------------------------------------------------

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATES

    @property
    def main_approach(self):
        return next((a for a in self.approaches.all() if a.is_main), None)

    def clean(self):
        super().clean()
        errors = {}
        municipality_id = self.municipality_id
        if (
            municipality_id
            and self.community_id
            and self.community.municipality_id != municipality_id
        ):
            errors["community"] = _("The community belongs to another municipality.")
        if municipality_id and self.centre_id and self.centre.municipality_id != municipality_id:
            errors["centre"] = _("The centre belongs to another municipality.")
        if self.social_worker_id and not has_role(self.social_worker, Role.SOCIAL_WORKERS):
            errors["social_worker"] = _("Choose a member of the community social workers.")
        if self.head_id and not has_role(self.head, Role.SERVICE_HEADS):
            errors["head"] = _("Choose a social service head.")
        if errors:
            raise ValidationError(errors)
