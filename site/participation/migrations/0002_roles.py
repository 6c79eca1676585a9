"""The "Kopiena participatory budget staff" group and the model permissions the admin
checks; finance (the grants app's group) may view the reserve draws it decides. Who may take
which action on an idea or a draw is in the transitions' ``permission=`` callables."""

from django.db import migrations

from kopiena.casework.roles import create_role_groups, delete_role_groups, grant_model_permissions

STAFF = "Kopiena participatory budget staff"
FINANCE = "Kopiena finance"

GRANTS = {
    STAFF: {
        "process": ("view", "add", "change"),
        "category": ("view", "add", "change", "delete"),
        "theme": ("view", "add", "change", "delete"),
        "idea": ("view", "change"),
        "milestone": ("view", "add", "change", "delete"),
        "reservedraw": ("view",),
    },
    FINANCE: {"reservedraw": ("view",), "process": ("view",), "idea": ("view",)},
}


def create_roles(apps, schema_editor):
    create_role_groups(apps, [STAFF, FINANCE], admin_access=True)
    grant_model_permissions(apps, "kopiena_participation", GRANTS)


def remove_roles(apps, schema_editor):
    delete_role_groups(apps, [STAFF])


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_participation", "0001_initial"),
        ("kopiena_grants", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
