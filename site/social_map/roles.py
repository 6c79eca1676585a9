"""The social map's role (DESIGN.md "Roles"), registered into the core's registry; its group
is created by this app's data migration ``0002_roles``."""

from django.utils.translation import gettext_lazy as _

from kopiena.casework.roles import STAFF_ROLES, Role, has_role

__all__ = ["STAFF_ROLES", "Role", "has_role", "is_editor"]

Role.register("SOCIAL_MAP_EDITORS", "Kopiena social map editors", _("Social map editors"))


def is_editor(user) -> bool:
    return has_role(user, Role.SOCIAL_MAP_EDITORS)
