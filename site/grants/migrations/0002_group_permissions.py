"""Give the staff role groups the model permissions the grants admin needs.

Permissions are created here (get-or-create, the same rows ``post_migrate`` would make)
because ``post_migrate`` runs only after every migration. Row-level rules — which
applications a person sees, which transitions they may take — are not model permissions;
they live in ``grants.querysets`` and the transitions' ``permission=`` callables.
"""

from django.db import migrations

MODELS = {
    "organisation": "organisation",
    "membership": "membership",
    "application": "application",
    "budgetline": "budget line",
    "reviewassignment": "review",
    "criterionscore": "criterion score",
    "report": "report",
    "reportline": "report line",
}

GRANTS = {
    "Grant officers": {
        "organisation": ("view", "add", "change"),
        "membership": ("view", "add", "change", "delete"),
        "application": ("view", "change"),
        "budgetline": ("view",),
        "reviewassignment": ("view", "add", "change"),
        "criterionscore": ("view",),
        "report": ("view",),
        "reportline": ("view",),
    },
    "Finance": {
        "organisation": ("view",),
        "application": ("view",),
        "budgetline": ("view",),
        "reviewassignment": ("view",),
        "criterionscore": ("view",),
        "report": ("view",),
        "reportline": ("view",),
    },
    "Reviewers": {
        "application": ("view",),
        "budgetline": ("view",),
        "reviewassignment": ("view", "change"),
        "criterionscore": ("view", "add", "change"),
    },
}


def _permission(apps, model, verb):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="grants", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{verb}_{model}",
        defaults={"name": f"Can {verb} {MODELS[model]}"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, models in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *(_permission(apps, model, verb) for model, verbs in models.items() for verb in verbs)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        codenames = [f"{verb}_{model}" for model, verbs in models.items() for verb in verbs]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="grants", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
        ("casework", "0001_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
