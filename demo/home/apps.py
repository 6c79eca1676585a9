from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The demo site's home page and image model (a host has its own)."""

    name = "demo.home"
    label = "demo_home"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Demo site")
