"""Give the two community-work roles the model permissions the Wagtail admin checks.

Community social workers and social service heads view, add and change centres,
communities, initiatives and weekly logs, and delete weekly logs; heads also delete centres
and communities. Nobody but a superuser deletes an initiative (they are cancelled, and the
per-initiative rules live in ``community_work.permissions``).
"""

from django.db import migrations

SOCIAL_WORKERS = "Community social workers"
HEADS = "Social service heads"

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


def _permissions(apps):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    app_config = apps.get_app_config("community_work")
    app_config.models_module = True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="community_work")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = {(p.content_type.model, p.codename): p for p in _permissions(apps)}
    for group_name, models in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            group.permissions.add(*(permissions[(model, f"{a}_{model}")] for a in actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="community_work")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("community_work", "0001_initial"),
        ("casework", "0001_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
