"""The roles of community initiatives (docs/architecture.md "Roles"). Registered into the core's
registry (``kopiena.casework.roles``); their groups are created by this app's data
migration. Modules of this app import ``Role`` from here, so the roles exist before they are
used."""

from django.utils.translation import gettext_lazy as _

from kopiena.casework.roles import STAFF_ROLES, Role, has_role

__all__ = ["STAFF_ROLES", "Role", "has_role"]

Role.register("SOCIAL_WORKERS", "Kopiena social workers", _("Community social workers"))
Role.register("SERVICE_HEADS", "Kopiena social service heads", _("Social service heads"))
