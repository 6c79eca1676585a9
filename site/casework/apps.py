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
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from . import checks  # noqa: F401 - registers the host-contract checks
        from .tokens import revoke_on_password_change

        post_save.connect(
            revoke_on_password_change,
            sender=get_user_model(),
            dispatch_uid="kopiena.casework.tokens.revoke_on_password_change",
        )
