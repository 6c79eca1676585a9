"""The office's side of the conversation with the applicant, on the application's case
view: the messages with their files, and the answer form. Writing goes through
:func:`casework.conversation.post_message` (history entry, the members' e-mail, the
one-time key against a double submit).

Who: the office (grant officers, finance, superusers) reads and answers; a reviewer may
see the case but not the conversation (``grants.models.conversation`` says why); anyone
who may not see the case gets 404.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kopiena.casework.conversation import MAX_LENGTH, messages_for, post_message
from kopiena.casework.models import CaseMessage

from .models import Application


class StaffMessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The organisation's members read it in the portal and get it by e-mail."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB."),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "message")
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)


def conversation_context(application, user) -> dict:
    """What the case view shows of the conversation to ``user``: nothing to a reviewer."""
    if not application.reads_conversation(user):
        return {"shown": False}
    rows = list(messages_for(application).prefetch_related("attachments"))
    return {
        "shown": True,
        "case": application,
        "conversation": rows,
        "form": StaffMessageForm()
        if application.writes_for_office(user) and application.conversation_open()
        else None,
        "action_url": reverse("grants_applications:message", args=[application.pk]),
    }


class StaffMessageView(WagtailAdminTemplateMixin, FormView):
    """POST from the case view; a refused message is shown again here with its text."""

    template_name = "kopiena_grants/admin/message_form.html"
    form_class = StaffMessageForm
    prefix = "message"
    page_title = gettext_lazy("Message to the applicant")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.application = get_object_or_404(
            Application.objects.visible_to(request.user).select_related("organisation"),
            pk=kwargs["pk"],
        )
        if not self.application.writes_for_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.application)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.application,
            action_url=self.request.path,
            cancel_url=self._inspect_url(),
        )
        return context

    def _inspect_url(self):
        return reverse("grants_applications:inspect", args=[self.application.pk])

    def form_valid(self, form):
        upload = form.cleaned_data.get("file")
        files = getattr(self.application, "attachments", None)  # the portal stores them

        def attach(message):
            try:
                files.model.attach_to_message(
                    self.application, message, upload=upload, user=self.request.user
                )
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from None

        try:
            _message, created = post_message(
                self.application,
                self.request.user,
                text=form.cleaned_data["text"],
                side=CaseMessage.Side.STAFF,
                token=form.cleaned_data.get("token"),
                attach=attach if upload and files is not None else None,
                has_files=bool(upload),
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for field, field_messages in errors.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("The message is sent to the applicant."))
        return redirect(self._inspect_url() + "#conversation")
