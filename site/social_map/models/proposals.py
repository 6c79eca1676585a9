"""Proposals: a new entry or a correction, sent by an NGO member or a resident (or made by an
editor), published, returned or rejected by the social map editors.

The proposal carries the whole entry as a JSON document (:mod:`kopiena.social_map.entries`):
``base_data`` is the entry as the person saw it when they opened the form, ``data`` what
they propose. Nothing proposed is public: the public reads services only, and ``publish``
is what writes the document into them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from kopiena.casework.notifications import APPLICANT, STAFF
from kopiena.casework.workflow import COMMENT, INTERNAL_COMMENT, CaseModel, action

from ..roles import Role, is_editor


class ProposalKind(models.TextChoices):
    NEW = "new", _("New entry")
    CORRECTION = "correction", _("Correction")


class ProposedAs(models.TextChoices):
    MEMBER = "member", _("Member of the organisation")
    RESIDENT = "resident", _("Resident")
    EDITOR = "editor", _("Social map editor")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for an editor")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ProposalStatus
STAFF_INPUTS = (COMMENT, INTERNAL_COMMENT)


def _proposer(proposal, user) -> bool:
    """The person who made it, while they may still propose it (a member who left the
    organisation may no longer propose a new entry for it)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if proposal.proposer_id != user.pk:
        return False
    if proposal.proposed_as == ProposedAs.EDITOR:
        return is_editor(user)
    if proposal.kind == ProposalKind.NEW:
        return proposal.organization.has_member(user)
    return True


def _editor(proposal, user) -> bool:
    return is_editor(user)


class ProposalQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related(
            "organization", "organization__municipality", "service", "proposer"
        )

    def visible_to(self, user):
        if getattr(user, "is_superuser", False) or is_editor(user):
            return self.exclude(status=S.DRAFT)
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(proposer=user)

    def of_proposer(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(proposer=user)

    def awaiting(self, user):
        if not is_editor(user):
            return self.none()
        return self.filter(status=S.SUBMITTED).order_by("submitted_at", "pk")


class Proposal(CaseModel):
    """A proposed new directory entry, or a correction of one."""

    kind = models.CharField(_("kind"), max_length=12, choices=ProposalKind.choices)
    organization = models.ForeignKey(
        "kopiena_social_map.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    service = models.ForeignKey(
        "kopiena_social_map.Service",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="social_map_proposals",
    )
    proposed_as = models.CharField(_("proposed as"), max_length=10, choices=ProposedAs.choices)
    note = models.TextField(_("what is wrong or new"), max_length=2000, blank=True)
    base_data = models.JSONField(_("the entry when the proposal was made"), default=dict)
    base_digest = models.CharField(max_length=64, blank=True)
    data = models.JSONField(_("the proposed entry"), default=dict)
    status = FSMField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=S.DRAFT,
        protected=True,
    )
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["status"], name="kopiena_social_map_prop_status")]

    def __str__(self):
        return f"{self.case_reference()} {self.title}"

    @property
    def title(self) -> str:
        name = (self.data.get("service") or {}).get("name") or ""
        return name or (self.service.name if self.service_id else "")

    def case_reference(self) -> str:
        year = (self.created_at or timezone.now()).year
        return f"SKP-{year}-{self.pk:04d}" if self.pk else "SKP"

    # --- lifecycle ----------------------------------------------------------------------------

    @transition(
        field=status,
        source=[S.DRAFT, S.RETURNED],
        target=S.SUBMITTED,
        permission=_proposer,
        custom=action(_("Send"), inputs=(COMMENT,)),
    )
    def submit(self, *, user, inputs):
        self.submitted_at = timezone.now()

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.PUBLISHED,
        permission=_editor,
        custom=action(_("Publish"), inputs=STAFF_INPUTS),
    )
    def publish(self, *, user, inputs):
        from .. import entries

        self.service = entries.publish(self, user)
        self.decided_at = timezone.now()
        self.decided_by = user

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.RETURNED,
        permission=_editor,
        custom=action(
            _("Return for changes"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("What to change"),
            style="secondary",
        ),
    )
    def return_to_proposer(self, *, user, inputs):
        self.decided_at = timezone.now()
        self.decided_by = user

    @transition(
        field=status,
        source=S.SUBMITTED,
        target=S.REJECTED,
        permission=_editor,
        custom=action(
            _("Reject"),
            inputs=STAFF_INPUTS,
            required=(COMMENT,),
            comment_label=_("Reason"),
            style="warning",
            confirm=_("Reject this proposal? The person who sent it is told the reason."),
        ),
    )
    def reject(self, *, user, inputs):
        self.decided_at = timezone.now()
        self.decided_by = user

    @transition(
        field=status,
        source=[S.DRAFT, S.SUBMITTED, S.RETURNED],
        target=S.WITHDRAWN,
        permission=_proposer,
        custom=action(_("Withdraw"), inputs=(), style="warning"),
    )
    def withdraw(self, *, user, inputs):
        pass

    def transition_errors(self, action_name, user, inputs):
        from .. import entries

        if action_name in ("submit", "publish"):
            return entries.document_errors(self, check_base=True)
        return {}

    def notification_recipients(self, action_name, source, target):
        from django.contrib.auth import get_user_model

        if action_name == "submit" and self.proposed_as != ProposedAs.EDITOR:
            editors = get_user_model().objects.filter(
                is_active=True, groups__name=str(Role.SOCIAL_MAP_EDITORS)
            )
            return [(editor, STAFF) for editor in editors]
        if action_name in ("publish", "return_to_proposer", "reject"):
            if self.proposed_as == ProposedAs.EDITOR:
                return []
            return [(self.proposer, APPLICANT)]
        return []

    def notification_url(self, audience):
        from django.urls import reverse

        from kopiena.conf import base_url

        if audience == APPLICANT:
            return base_url() + reverse("social_map_portal:proposal", args=[self.pk])
        return base_url() + reverse("kopiena_social_map_proposal:inspect", args=[self.pk])
