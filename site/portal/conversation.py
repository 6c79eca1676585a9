"""The organisation's side of the conversation with the call's administration
(:mod:`casework.conversation`): the message form, and the files that go with a message or
with the answer to a change request. Files are portal attachments (private storage,
checked by content, served by the permission-checked download)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from kopiena.casework.conversation import MAX_LENGTH

from .files import ACCEPT, check_upload
from .forms import PortalFormMixin
from .models import APPLICATION_KINDS, AttachmentKind
from .services import add_attachment


class MessageForm(PortalFormMixin, forms.Form):
    """A message to the grant officer: its text, and a file if needed. ``token`` is the
    form's one-time key (a second POST of the same form writes nothing more)."""

    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your message.")},
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "message")  # beside the documents' upload form
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload


class AnswerFilesForm(PortalFormMixin, forms.Form):
    """The file sent with the answer to a change request, on the application form: an
    application document (a corrected estimate, a new price quote), so reviewers have it
    with the application."""

    answer_kind = forms.ChoiceField(label=_("Kind of document"), required=False)
    answer_file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(AttachmentKind.choices)
        self.fields["answer_kind"].choices = [(k.value, labels[k]) for k in APPLICATION_KINDS]
        self.fields["answer_kind"].initial = AttachmentKind.PRICE_QUOTE.value

    def clean_answer_file(self):
        upload = self.cleaned_data.get("answer_file")
        if upload:
            check_upload(upload)
        return upload


def attach_to_message(application, message, *, upload, kind, user):
    """Store ``upload`` as an attachment of ``application`` sent with ``message``."""
    attachment = add_attachment(application, upload=upload, kind=kind, user=user)
    attachment.message = message
    attachment.save(update_fields=["message"])
    return attachment
