from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """Calls, organisations, applications, reviews and reports: the grant cases."""

    name = "kopiena.grants"
    label = "kopiena_grants"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Grants")

    def ready(self):
        from kopiena.casework.api.site import register_router

        from . import roles, signals  # noqa: F401 - roles registers the grant roles
        from .api import router

        signals.connect()
        register_router(router)
