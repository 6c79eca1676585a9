from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """Calls, organisations, applications, reviews and reports: the grant cases."""

    name = "grants"
    label = "grants"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Grants")

    def ready(self):
        from . import signals

        signals.connect()
