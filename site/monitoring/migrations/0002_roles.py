"""The regional coordinators' group ("Kopiena regional coordinators") and the model
permissions the Wagtail admin checks for monitoring.

Regional coordinators view annual reports and surveys (they write and approve their region's
report: ``models.reports.may_write``); heads of social services add and change annual reports
and surveys; social workers and grant officers add and change surveys (of their initiatives
and of funded projects).
"""

from django.db import migrations

from kopiena.casework.roles import create_role_groups, delete_role_groups, grant_model_permissions

COORDINATORS = "Kopiena regional coordinators"
HEADS = "Kopiena social service heads"
SOCIAL_WORKERS = "Kopiena social workers"
GRANT_OFFICERS = "Kopiena grant officers"

SURVEY_WRITER = {"survey": ("view", "add", "change")}
GRANTS = {
    COORDINATORS: {"annualreport": ("view", "add", "change"), "survey": ("view",)},
    HEADS: {"annualreport": ("view", "add", "change"), **SURVEY_WRITER},
    SOCIAL_WORKERS: SURVEY_WRITER,
    GRANT_OFFICERS: SURVEY_WRITER,
}


def create_roles(apps, schema_editor):
    create_role_groups(apps, [COORDINATORS], admin_access=True)
    grant_model_permissions(apps, "kopiena_monitoring", GRANTS)


def remove_roles(apps, schema_editor):
    delete_role_groups(apps, [COORDINATORS])


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_monitoring", "0001_initial"),
        ("kopiena_community_work", "0002_roles"),
        ("kopiena_grants", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
