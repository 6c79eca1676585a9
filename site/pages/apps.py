from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Public pages (news, pilot stories, their section pages) and image consent."""

    name = "kopiena.pages"
    label = "kopiena_pages"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Pages")

    def ready(self):
        from django.db.models.signals import post_save

        from . import checks, roles  # noqa: F401 - registers the checks and the editors' role
        from .sections import section_page_created

        post_save.connect(section_page_created, dispatch_uid="kopiena_section_page_created")
