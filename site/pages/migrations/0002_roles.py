"""The editors' group ("Kopiena editors") and what it may do outside the page tree: keep
the municipality and target-group lists, and upload and choose images and documents in a
"Kopiena" collection of its own. Page rights are granted per Kopiena section page when one
is created (``kopiena.pages.sections``), never on the host's root page."""

from django.db import migrations
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string

from kopiena.casework.roles import create_role_groups, delete_role_groups, grant_model_permissions

EDITORS = "Kopiena editors"
COLLECTION = "Kopiena"
#: (model label, verbs) of the host's image and document models.
COLLECTION_PERMISSIONS = [
    (get_image_model_string(), ("add", "change", "choose")),
    (get_document_model_string(), ("add", "change", "choose")),
]


def create_roles(apps, schema_editor):
    create_role_groups(apps, [EDITORS], admin_access=True)
    grant_model_permissions(
        apps,
        "kopiena_casework",
        {EDITORS: {"municipality": ("add", "change", "delete"), "targetgroup": ("add", "change", "delete")}},
    )
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    collection = Collection.objects.filter(depth=2, name=COLLECTION).first()
    if collection is None:
        # treebeard's API is not on historical models: add the child by hand.
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[4:8], 36) + 1 if last else 1
        path = root.path + _base36(step).rjust(4, "0")
        collection = Collection.objects.create(name=COLLECTION, path=path, depth=2, numchild=0)
        Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    editors = Group.objects.get(name=EDITORS)
    for label, verbs in COLLECTION_PERMISSIONS:
        app_label, model = label.lower().split(".")
        grant_model_permissions(apps, app_label, {})  # the permission rows exist from here
        for verb in verbs:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=f"{verb}_{model}"
            ).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=collection, permission=permission
                )


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def remove_roles(apps, schema_editor):
    delete_role_groups(apps, [EDITORS])


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_pages", "0001_initial"),
        ("kopiena_casework", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(get_image_model_string()),
        migrations.swappable_dependency(get_document_model_string()),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
