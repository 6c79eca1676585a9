"""Create the role groups of DESIGN.md; staff roles may enter the Wagtail admin."""

from django.db import migrations

ROLES = [
    "Editors",
    "Grant officers",
    "Reviewers",
    "Finance",
    "NGO members",
    "Community social workers",
    "Social service heads",
]
STAFF = set(ROLES) - {"NGO members"}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in STAFF:
            group.permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[r for r in ROLES if r != "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
