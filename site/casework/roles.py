"""Roles: Django groups that say what a person does in Kopiena.

The core owns the registry; each domain app registers the roles it defines in its own
``roles.py`` (imported from its ``AppConfig.ready()`` and by the app's modules that use a
role), and creates their groups in a data migration of its own. Nothing here knows a domain
role::

    # kopiena/grants/roles.py
    Role.register("GRANT_OFFICERS", "Kopiena grant officers", _("Grant officers"))

    # anywhere, once the apps are loaded
    has_role(user, Role.GRANT_OFFICERS)

A role's value is the group's name: a stable key, prefixed "Kopiena" so that it never
takes over a host's own group of the same purpose. What a person reads is the translated
``label``. Staff roles may enter the Wagtail admin; the others (NGO members, residents) use
the portal only.
"""

from __future__ import annotations

from collections.abc import Iterator


class RoleName(str):
    """A group name that also carries its translated label and whether it is a staff role."""

    label: str
    staff: bool

    def __new__(cls, name: str, label, staff: bool):
        obj = super().__new__(cls, name)
        obj.label = label
        obj.staff = staff
        return obj


class RoleRegistry:
    """The roles the installed apps registered, by attribute (``Role.FINANCE``) or by group
    name (``Role("Kopiena finance")``)."""

    def __init__(self):
        self._by_attr: dict[str, RoleName] = {}
        self._by_name: dict[str, RoleName] = {}

    def register(self, attr: str, name: str, label, *, staff: bool = True) -> RoleName:
        existing = self._by_attr.get(attr)
        if existing is not None:
            if existing != name:
                raise ValueError(f"Role {attr} is already registered as {existing!r}")
            return existing
        role = RoleName(name, label, staff)
        self._by_attr[attr] = role
        self._by_name[name] = role
        return role

    def __getattr__(self, attr: str) -> RoleName:
        try:
            return self.__dict__["_by_attr"][attr]
        except KeyError:
            raise AttributeError(
                f"No role {attr!r} is registered; is the app that defines it installed?"
            ) from None

    def __call__(self, name: str) -> RoleName:
        return self._by_name[str(name)]

    def __iter__(self) -> Iterator[RoleName]:
        return iter(list(self._by_attr.values()))

    def __contains__(self, name) -> bool:
        return str(name) in self._by_name

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(str(role), role.label) for role in self]


Role = RoleRegistry()


class _StaffRoles:
    """The registered roles that work in the Wagtail admin, read live from the registry."""

    def __contains__(self, name) -> bool:
        role = Role._by_name.get(str(name))
        return bool(role and role.staff)

    def __iter__(self) -> Iterator[RoleName]:
        return (role for role in Role if role.staff)


#: Roles that work in the Wagtail admin (everyone but the portal's people).
STAFF_ROLES = _StaffRoles()


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


def create_role_groups(apps, roles, *, admin_access: bool) -> None:
    """For a data migration: get or create the groups named ``roles`` (group names, frozen
    in the migration), giving them the Wagtail admin's access permission when
    ``admin_access``."""
    Group = apps.get_model("auth", "Group")
    access_admin = None
    if admin_access:
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
        admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
        access_admin, _ = Permission.objects.get_or_create(
            content_type=admin_ct,
            codename="access_admin",
            defaults={"name": "Can access Wagtail admin"},
        )
    for name in roles:
        group, _ = Group.objects.get_or_create(name=name)
        if access_admin is not None:
            group.permissions.add(access_admin)


def delete_role_groups(apps, roles) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=list(roles)).delete()


def grant_model_permissions(apps, app_label: str, grants: dict) -> None:
    """For a data migration: give each group (by name) the model permissions listed for it,
    ``{"Kopiena finance": {"application": ("view",), ...}}``. The content types and
    permissions of ``app_label`` are made here (the same rows ``post_migrate`` makes later),
    because ``post_migrate`` runs only after every migration."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = {
        (p.content_type.model, p.codename): p
        for p in Permission.objects.filter(content_type__app_label=app_label).select_related(
            "content_type"
        )
    }
    for group_name, models in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *(
                permissions[(model, f"{verb}_{model}")]
                for model, verbs in models.items()
                for verb in verbs
            )
        )
