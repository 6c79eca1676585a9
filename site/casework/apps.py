from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    """The shared core: the registries (roles, case types, import kinds, case API routers),
    the transition service, audit, notifications, and the classifications every app shares
    (municipalities, target groups).

    Imports no domain app; the domain apps register into it and plug their state machines
    in.
    """

    name = "kopiena.casework"
    label = "kopiena_casework"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Case work")

    def ready(self):
        from . import checks  # noqa: F401 - registers the host-contract checks
