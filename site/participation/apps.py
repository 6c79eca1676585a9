from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """The participatory budget (līdzdalības budžets): a process per municipality and year,
    ideas proposed by residents and checked by the municipality, a vote within each
    category's money, a count anyone can repeat from the published ballots, and the winners'
    delivery in public.

    Imports point one way: participation → portal → grants → casework; nothing imports this
    app back. Its roles (``roles.py``), case types and admin (``wagtail_hooks.py``) and its
    API router (below) are registered into the core's registries.
    """

    name = "kopiena.participation"
    label = "kopiena_participation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Participatory budget")

    def ready(self):
        from kopiena.casework.api.site import register_router

        from . import roles  # noqa: F401  (registers the role)
        from .api import router

        register_router(router, "/participation")
