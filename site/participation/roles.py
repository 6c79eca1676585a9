"""The participatory budget's role, registered into the core's registry; its group is
created by this app's data migration ``0002_roles``. A reserve draw is decided by the
grants app's finance role (``Role.FINANCE``)."""

from django.utils.translation import gettext_lazy as _

from kopiena.casework.roles import Role, has_role
from kopiena.grants import roles as _grant_roles  # noqa: F401  (registers Role.FINANCE)

__all__ = ["Role", "has_role", "is_finance", "is_staff"]

Role.register(
    "PARTICIPATION_STAFF", "Kopiena participatory budget staff", _("Participatory budget staff")
)


def is_staff(user) -> bool:
    return has_role(user, Role.PARTICIPATION_STAFF)


def is_finance(user) -> bool:
    return has_role(user, Role.FINANCE)
