"""The "Kopiena social map editors" group and the model permissions the social map's admin
checks. Which entries a person may propose, confirm or publish is not a model permission:
it is in the transitions' ``permission=`` callables."""

from django.db import migrations

from kopiena.casework.roles import create_role_groups, delete_role_groups, grant_model_permissions

EDITORS = "Kopiena social map editors"

GRANTS = {
    EDITORS: {
        "service": ("view",),
        "proposal": ("view",),
        "organization": ("view", "add", "change"),
        "location": ("view", "add", "change"),
        "taxonomyterm": ("view", "add", "change", "delete"),
        "place": ("view", "add", "change", "delete"),
    },
}


def create_roles(apps, schema_editor):
    create_role_groups(apps, [EDITORS], admin_access=True)
    grant_model_permissions(apps, "kopiena_social_map", GRANTS)


def remove_roles(apps, schema_editor):
    delete_role_groups(apps, [EDITORS])


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_social_map", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
