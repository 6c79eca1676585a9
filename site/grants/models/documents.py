"""The kinds of document an organisation attaches to an application or its report.

The portal stores the files (``portal.Attachment``); the kinds live here because a call
declares which of them an application must carry (``GrantCall.required_document_kinds``)
and the submit guard checks them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    COST_ESTIMATE = "cost_estimate", _("Cost estimate")
    PRICE_QUOTE = "price_quote", _("Price quote")
    APPLICATION_OTHER = "application_other", _("Other application document")
    REPORT_EVIDENCE = "report_evidence", _("Report evidence")
    MESSAGE = "message", _("Attached to a message")


#: Kinds attached to the application (while it is editable) and to the report.
APPLICATION_KINDS = (
    DocumentKind.COST_ESTIMATE,
    DocumentKind.PRICE_QUOTE,
    DocumentKind.APPLICATION_OTHER,
)
REPORT_KINDS = (DocumentKind.REPORT_EVIDENCE,)

#: What a call may require with the application.
APPLICATION_KIND_CHOICES = [(kind.value, kind.label) for kind in APPLICATION_KINDS]


def kind_label(value: str) -> str:
    """The kind's name as a person reads it (the code itself if it is unknown)."""
    try:
        return str(DocumentKind(value).label)
    except ValueError:
        return value
