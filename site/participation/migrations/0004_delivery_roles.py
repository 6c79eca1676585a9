"""Participatory budget staff manage a winner's delivery photos and news links and see the
verification codes generated for a process (the codes themselves are never stored)."""

from django.db import migrations

from kopiena.casework.roles import grant_model_permissions

STAFF = "Kopiena participatory budget staff"

GRANTS = {
    STAFF: {
        "deliveryphoto": ("view", "add", "change", "delete"),
        "deliverynews": ("view", "add", "change", "delete"),
        "verificationcode": ("view",),
    },
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, "kopiena_participation", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("kopiena_participation", "0003_delivery_codes_and_one_ballot_per_person"),
        ("kopiena_participation", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
