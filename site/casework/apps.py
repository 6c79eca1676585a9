from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    """The shared workflow core: roles, the transition service, audit and notifications.

    Holds no domain models; ``grants`` and ``community_work`` plug their state machines in.
    """

    name = "casework"
    label = "casework"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Case work")
