"""The grant roles' groups (named "Kopiena …", so a host's own groups are never touched)
and the model permissions the grants admin checks. Row-level rules — which applications a
person sees, which transitions they may take — are not model permissions; they live in
``kopiena.grants.querysets`` and the transitions' ``permission=`` callables."""

from django.db import migrations

from kopiena.casework.roles import create_role_groups, delete_role_groups, grant_model_permissions

OFFICERS = "Kopiena grant officers"
REVIEWERS = "Kopiena reviewers"
FINANCE = "Kopiena finance"
NGO_MEMBERS = "Kopiena NGO members"

GRANTS = {
    OFFICERS: {
        "organisation": ("view", "add", "change"),
        "membership": ("view", "add", "change", "delete"),
        "application": ("view", "change"),
        "budgetline": ("view",),
        "reviewassignment": ("view", "add", "change"),
        "criterionscore": ("view",),
        "report": ("view",),
        "reportline": ("view",),
    },
    FINANCE: {
        "organisation": ("view",),
        "application": ("view",),
        "budgetline": ("view",),
        "reviewassignment": ("view",),
        "criterionscore": ("view",),
        "report": ("view",),
        "reportline": ("view",),
    },
    REVIEWERS: {
        "application": ("view",),
        "budgetline": ("view",),
        "reviewassignment": ("view", "change"),
        "criterionscore": ("view", "add", "change"),
    },
}


def create_roles(apps, schema_editor):
    create_role_groups(apps, [OFFICERS, REVIEWERS, FINANCE], admin_access=True)
    create_role_groups(apps, [NGO_MEMBERS], admin_access=False)
    grant_model_permissions(apps, "kopiena_grants", GRANTS)


def remove_roles(apps, schema_editor):
    delete_role_groups(apps, [OFFICERS, REVIEWERS, FINANCE, NGO_MEMBERS])


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_grants", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
