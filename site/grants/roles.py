"""The roles of grant cases (docs/architecture.md "Roles"). Registered into the core's registry
(``kopiena.casework.roles``); their groups are created by this app's data migration.
Modules of this app import ``Role`` from here, so the roles exist before they are used."""

from django.utils.translation import gettext_lazy as _

from kopiena.casework.roles import STAFF_ROLES, Role, has_role

__all__ = ["STAFF_ROLES", "Role", "has_role"]

Role.register("GRANT_OFFICERS", "Kopiena grant officers", _("Grant officers"))
Role.register("REVIEWERS", "Kopiena reviewers", _("Reviewers"))
Role.register("FINANCE", "Kopiena finance", _("Finance"))
Role.register("NGO_MEMBERS", "Kopiena NGO members", _("NGO members"), staff=False)
