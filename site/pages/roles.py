"""The publishing role. Registered into the core's registry (``kopiena.casework.roles``);
its group is created by this app's data migration."""

from django.utils.translation import gettext_lazy as _

from kopiena.casework.roles import STAFF_ROLES, Role, has_role

__all__ = ["STAFF_ROLES", "Role", "has_role"]

Role.register("EDITORS", "Kopiena editors", _("Editors"))
