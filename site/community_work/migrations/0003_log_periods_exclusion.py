"""On PostgreSQL, refuse overlapping weekly-log periods of one initiative in the database
too (the forms say so first, with a field message).

Periods are inclusive (``'[]'``): sharing a boundary day overlaps. The initiative is compared
as a one-value range so that a plain GiST index serves both columns without the btree_gist
extension (which needs a superuser to install). The constraint is deferred to commit, so a
form that swaps two logs' periods in one transaction is not refused half-way. SQLite has no
exclusion constraints; there the model and form checks are the guard.
"""

from django.db import migrations

NAME = "kopiena_community_work_log_periods_do_not_overlap"
TABLE = "kopiena_community_work_activitylog"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {NAME} EXCLUDE USING gist ("
        " int8range(initiative_id, initiative_id, '[]') WITH =,"
        " daterange(period_start, period_end, '[]') WITH &&"
        ") DEFERRABLE INITIALLY DEFERRED"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("kopiena_community_work", "0002_roles")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
