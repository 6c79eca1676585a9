from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityWorkConfig(AppConfig):
    """Community centres, communities and the community social work cycle as tracked cases
    (initiatives). Initiatives change state only through ``casework.service``."""

    name = "kopiena.community_work"
    label = "kopiena_community_work"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Community work")

    def ready(self):
        # Registered here, before any admin view asks Wagtail for a policy (Wagtail 8 refuses
        # to register one after it has created a fallback for the model).
        from wagtail.permissions import register_permission_policy

        from kopiena.casework.api.site import register_router

        from . import roles  # noqa: F401 - registers the community work roles
        from .api import router
        from .models import ActivityLog, Initiative
        from .permissions import ActivityLogPermissionPolicy, InitiativePermissionPolicy

        register_permission_policy(Initiative, InitiativePermissionPolicy(Initiative))
        register_permission_policy(ActivityLog, ActivityLogPermissionPolicy(ActivityLog))
        register_router(router)
