"""The organisation writes to the call's administration on an open application, with a
file if needed; the message goes through :func:`casework.conversation.post_message` (the
history entry, the officers' e-mail, the one-time key against a double submit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from kopiena.casework.conversation import clean_text, create_message, post_message
from kopiena.casework.models import CaseMessage
from kopiena.casework.service import check_transition, perform_transition
from kopiena.casework.workflow import GuardFailed, TransitionInput

from .. import access
from ..conversation import MessageForm, attach_to_message
from ..files import SizeLimitUploadHandler, too_large_message
from ..models import AttachmentKind
from .common import add_validation_error, portal_login_required


def timeline_messages(entries) -> dict:
    """The messages the history entries carry (``data["message"]``), with their files,
    by id: one query for the messages and one for the files."""
    ids = [entry.data["message"] for entry in entries if entry.data.get("message")]
    if not ids:
        return {}
    found = CaseMessage.objects.filter(pk__in=ids).prefetch_related("attachments")
    return {message.pk: message for message in found}


@csrf_exempt  # so the size limit is in place before the body is read; checked below
@portal_login_required
@require_POST
def message_create(request, pk):
    limit = SizeLimitUploadHandler(request)
    request.upload_handlers.insert(0, limit)
    return _message_create(request, pk, limit)


@csrf_protect
def _message_create(request, pk, limit):
    application = access.get_application(request.user, pk)
    back = reverse("portal:application_detail", args=[pk])
    form = MessageForm(request.POST, request.FILES)
    if limit.too_large:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", too_large_message())
    elif not application.conversation_open():
        form.is_valid()
        form.add_error(None, _("Messages cannot be written on this case in its present state."))
    elif form.is_valid():
        upload = form.cleaned_data.get("file")

        def attach(message):
            attach_to_message(
                application, message, upload=upload, kind=AttachmentKind.MESSAGE, user=request.user
            )

        try:
            _message, created = post_message(
                application,
                request.user,
                text=form.cleaned_data["text"],
                side=CaseMessage.Side.APPLICANT,
                token=form.cleaned_data.get("token"),
                attach=attach if upload else None,
                has_files=bool(upload),
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            if created:
                messages.success(request, _("Your message is sent to the grant officer."))
            return redirect(back + "#conversation")
    return render(
        request,
        "kopiena_portal/applications/message_error.html",
        {"application": application, "form": form, "back": back, "error_items": form.error_list()},
        status=400,
    )


def submit_with_answer(application, user, comment, answer) -> GuardFailed | None:
    """Resubmit after "request changes" with the organisation's answer: its text is the
    submit's comment (the officers' e-mail carries it), and a document sent with it is an
    application document tied to the answer, shown with it in the history. Checked before
    anything is stored, so a refused submit leaves no stray file; call inside the edit's
    transaction."""
    try:
        check_transition(application, "submit", user, TransitionInput(comment=comment))
    except GuardFailed as refusal:
        return refusal
    upload = answer.cleaned_data.get("answer_file")
    try:
        with transaction.atomic():  # a submit refused in a race takes the answer back too
            extra = {}
            if upload or clean_text(comment):
                message = create_message(
                    application,
                    user,
                    text=comment,
                    side=CaseMessage.Side.APPLICANT,
                    kind=CaseMessage.Kind.ANSWER,
                )
                if upload:
                    kind = (
                        answer.cleaned_data.get("answer_kind") or AttachmentKind.APPLICATION_OTHER
                    )
                    attach_to_message(application, message, upload=upload, kind=kind, user=user)
                extra["message"] = message.pk
            perform_transition(
                application,
                "submit",
                user,
                TransitionInput(comment=comment, extra=extra),
                source="portal",
            )
    except GuardFailed as refusal:
        return refusal
    return None
