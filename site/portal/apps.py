from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The NGO portal at ``/portal/``: accounts, organisations, applications, reports and
    their private attachments, for people who never see the Wagtail admin.

    Owns no case logic: every state change goes through ``casework.service``, every grant
    write through ``grants`` (``grants.reports.save_report``); the portal owns invitations
    and attachments only.
    """

    name = "kopiena.portal"
    label = "kopiena_portal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("NGO portal")
