"""What the portal stores itself: invitations to join an organisation, and the files an
organisation attaches to an application or its report.

Attachments live in the ``private`` storage (``settings.STORAGES["private"]``, outside
``MEDIA_ROOT``) and are served only by :func:`portal.views.applications.attachment_download`, which
answers 404 to anyone who may not see the application.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopiena import conf
from kopiena.grants.models import MembershipRole
from kopiena.grants.models.documents import (  # noqa: F401 (imported from here too)
    APPLICATION_KINDS,
    REPORT_KINDS,
    DocumentKind,
)

#: How long an invitation link works.
INVITATION_VALID_FOR = dt.timedelta(days=14)


def private_storage():
    """The storage of attachments (a callable, so migrations do not freeze its settings)."""
    return conf.private_storage()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            created_at__gt=timezone.now() - INVITATION_VALID_FOR,
        )

    def for_token(self, token: str):
        """The pending invitation the token opens (or none)."""
        if not token or len(token) > 100:
            return None
        return (
            self.pending()
            .select_related("organisation")
            .filter(token_hash=hash_token(token))
            .first()
        )


class Invitation(models.Model):
    """An invitation, sent by e-mail, to act for an organisation.

    Only a hash of the token is stored: the link in the e-mail is the one copy of the
    secret. Accepting creates the :class:`grants.Membership` (see
    :func:`portal.services.accept_invitation`).
    """

    organisation = models.ForeignKey(
        "kopiena_grants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def set_new_token(self) -> str:
        """Give the invitation a fresh token; returns it (it is not stored in clear)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    @property
    def expires_at(self):
        return self.created_at + INVITATION_VALID_FOR


#: The kinds are the grants app's (a call requires some of them); the old names stay.
AttachmentKind = DocumentKind
#: Files of the conversation with the office: read by the organisation and the office only
#: (``grants.models.conversation``), never by reviewers.
MESSAGE_KINDS = (AttachmentKind.MESSAGE,)


def attachment_path(instance: Attachment, filename: str) -> str:
    """``applications/<id>/<random>.<ext>``: the person's file name is kept in the row, never
    in the path."""
    extension = PurePath(filename).suffix.lower()[:6]
    return f"applications/{instance.application_id}/{uuid.uuid4().hex}{extension}"


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Attachments of the applications ``user`` may see (members of the organisation,
        grant staff): ``grants.Application.objects.visible_to`` decides; the files of the
        conversation only to those who read it (members and the office, not reviewers)."""
        from kopiena.grants.models import Application, Organisation
        from kopiena.grants.querysets import sees_every_application

        visible = self.filter(application__in=Application.objects.visible_to(user).values("pk"))
        if sees_every_application(user):
            return visible
        own = Application.objects.filter(
            organisation__in=Organisation.objects.for_user(user).values("pk")
        )
        return visible.filter(~Q(kind__in=MESSAGE_KINDS) | Q(application__in=own.values("pk")))


class Attachment(models.Model):
    """A document attached to an application (cost estimate, price quote) or to its report
    (evidence). Its type was checked by content on upload (:mod:`portal.files`)."""

    application = models.ForeignKey(
        "kopiena_grants.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    #: The message it was sent with (``casework.CaseMessage``): a file of the conversation
    #: (kind ``message``), or an application document sent with the answer to a change
    #: request.
    message = models.ForeignKey(
        "kopiena_casework.CaseMessage",
        verbose_name=_("message"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @classmethod
    def attach_to_message(cls, application, message, *, upload, user) -> Attachment:
        """Store a file sent with a message of the conversation (``kind`` message), checked
        by content like every upload: how the grants admin attaches a staff answer's file
        without importing the portal (``application.attachments.model``)."""
        from .services import add_attachment

        attachment = add_attachment(
            application, upload=upload, kind=AttachmentKind.MESSAGE, user=user
        )
        attachment.message = message
        attachment.save(update_fields=["message"])
        return attachment

    def get_download_url(self) -> str:
        """The permission-checked download (:func:`portal.views.applications.attachment_download`),
        for the portal and the staff's admin pages alike."""
        return reverse("portal:attachment_download", args=[self.pk])

    @property
    def is_report_evidence(self) -> bool:
        return self.kind in REPORT_KINDS
