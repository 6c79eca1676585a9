"""The regional coordinator (DESIGN.md "Roles"): read-only monitoring across a planning
region's municipalities; writes and approves the region's annual report. Registered into the
core's registry; the group is created by this app's data migration ``0002_roles``."""

from django.utils.translation import gettext_lazy as _

from kopiena.casework.roles import STAFF_ROLES, Role, has_role
from kopiena.community_work import roles as _community_roles  # noqa: F401 - heads, workers
from kopiena.grants import roles as _grant_roles  # noqa: F401 - grant officers

__all__ = ["STAFF_ROLES", "Role", "has_role"]

Role.register("REGIONAL_COORDINATORS", "Kopiena regional coordinators", _("Regional coordinators"))
