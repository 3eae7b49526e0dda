"""On PostgreSQL the database itself refuses to update or delete a deposit record or asset (a trigger), so not
even a superuser's session in the product can change them; only someone who owns the tables and disables the
trigger on purpose could. SQLite (one-machine setups) relies on the model's refusal."""

from django.db import migrations

TABLES = ("record_depositrecord", "record_depositasset")

FUNCTION = """
CREATE OR REPLACE FUNCTION record_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Ban luu chieu khong the bi sua hay xoa (bang %%)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION record_refuse_change()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS record_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("record", "0001_deposit")]
    operations = [migrations.RunPython(forwards, backwards)]
