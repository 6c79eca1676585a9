"""The community-work roles' groups (named "Kopiena …") and the model permissions the
Wagtail admin checks.

Social workers and heads of social services view, add and change centres, communities,
initiatives and weekly logs, and delete weekly logs; heads also delete centres and
communities. Nobody but a superuser deletes an initiative (they are cancelled; the
per-initiative rules live in ``kopiena.community_work.permissions``).
"""

from django.db import migrations

from kopiena.casework.roles import create_role_groups, delete_role_groups, grant_model_permissions

SOCIAL_WORKERS = "Kopiena social workers"
HEADS = "Kopiena social service heads"

GRANTS = {
    SOCIAL_WORKERS: {
        "communitycentre": ("view", "add", "change"),
        "community": ("view", "add", "change"),
        "initiative": ("view", "add", "change"),
        "activitylog": ("view", "add", "change", "delete"),
    },
    HEADS: {
        "communitycentre": ("view", "add", "change", "delete"),
        "community": ("view", "add", "change", "delete"),
        "initiative": ("view", "add", "change"),
        "activitylog": ("view", "add", "change", "delete"),
    },
}


def create_roles(apps, schema_editor):
    create_role_groups(apps, [SOCIAL_WORKERS, HEADS], admin_access=True)
    grant_model_permissions(apps, "kopiena_community_work", GRANTS)


def remove_roles(apps, schema_editor):
    delete_role_groups(apps, [SOCIAL_WORKERS, HEADS])


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_community_work", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
