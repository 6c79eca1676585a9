"""Editors publish: DESIGN.md gives the Editors group the news, pilot stories and call
announcements, so it may publish pages (Wagtail's initial data lets it only add and edit) and
keep the municipality and target-group lists."""

from django.db import migrations

SNIPPET_PERMISSIONS = [
    (model, action)
    for model in ("municipality", "targetgroup")
    for action in ("add", "change", "delete")
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    editors, _ = Group.objects.get_or_create(name="Editors")
    root = Page.objects.filter(depth=1).order_by("path").first()
    page_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    publish, _ = Permission.objects.get_or_create(
        content_type=page_ct, codename="publish_page", defaults={"name": "Can publish page"}
    )
    if root is not None:
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)

    for model, action in SNIPPET_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="pages", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {model}"},
        )
        editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page", page__depth=1
    ).delete()
    editors.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="pages",
            codename__in=[f"{action}_{model}" for model, action in SNIPPET_PERMISSIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
