from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Public pages (home, news, pilot stories), their snippets and the consent-aware image."""

    name = "pages"
    label = "pages"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Pages")
