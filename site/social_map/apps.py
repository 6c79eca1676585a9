from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialMapConfig(AppConfig):
    """The social map: an HSDS 3.0-shaped directory of free help per municipality (map, list,
    booklet), kept current by the organisations through moderated proposals.

    Imports point one way: social_map → portal → grants → pages → casework; nothing imports
    this app back. Its roles, case types, import kinds and API router are registered into the
    core's registries (``roles.py`` here, ``wagtail_hooks.py``, ``resources.py``, below).
    """

    name = "kopiena.social_map"
    label = "kopiena_social_map"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Social map")

    def ready(self):
        from kopiena.casework.api.site import register_router

        from . import checks, roles  # noqa: F401  (registers the role and the system checks)
        from .api import router

        register_router(router, "/social-map")
