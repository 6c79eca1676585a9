"""The editors may translate pages: simple_translation's "Translate" action asks for
``simple_translation.submit_translation``, which the editors' group lacked."""

from django.db import migrations

from kopiena.casework.roles import grant_model_permissions

EDITORS = "Kopiena editors"


def grant(apps, schema_editor):
    grant_model_permissions(apps, "simple_translation", {})  # the permission row exists from here
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()
    group = Group.objects.filter(name=EDITORS).first()
    if permission is not None and group is not None:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="simple_translation", codename="submit_translation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_pages", "0004_parental_consent_has_its_form"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
