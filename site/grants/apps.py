from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """Calls, organisations, applications, reviews and reports: the grant cases."""

    name = "grants"
    label = "grants"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Grants")

    def ready(self):
        from pages.models import HomePage

        from . import signals

        signals.connect()
        # The calls index lives under the home page; pages does not know grants, so grants
        # adds itself to the home page's allowed children.
        if "grants.CallIndexPage" not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, "grants.CallIndexPage"]
