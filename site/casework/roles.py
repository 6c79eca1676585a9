"""The roles of DESIGN.md, as Django groups created by a data migration.

Group names are stable keys (they are looked up by name); what a person reads is the
translated ``label``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITORS = "Editors", _("Editors")
    GRANT_OFFICERS = "Grant officers", _("Grant officers")
    REVIEWERS = "Reviewers", _("Reviewers")
    FINANCE = "Finance", _("Finance")
    NGO_MEMBERS = "NGO members", _("NGO members")
    SOCIAL_WORKERS = "Community social workers", _("Community social workers")
    SERVICE_HEADS = "Social service heads", _("Social service heads")


#: Roles that work in the Wagtail admin (everyone but NGO members, who use the portal).
STAFF_ROLES = frozenset(
    {
        Role.EDITORS,
        Role.GRANT_OFFICERS,
        Role.REVIEWERS,
        Role.FINANCE,
        Role.SOCIAL_WORKERS,
        Role.SERVICE_HEADS,
    }
)


def role_names(user) -> frozenset[str]:
    """The names of the user's groups, read once per user object and kept on it."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_kopiena_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._kopiena_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    """True when the user is active and holds any of ``roles``. Superusers hold none
    implicitly: a transition's role check is about duties, and an administrator who should
    screen applications is put in the group like anyone else."""
    if not getattr(user, "is_active", False):
        return False
    return bool(role_names(user).intersection(str(r) for r in roles))
