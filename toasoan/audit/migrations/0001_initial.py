"""The audit permission's (row-less) model, and on PostgreSQL a trigger that refuses every UPDATE and DELETE on
Wagtail's log tables, so no session of the product, a superuser's included, changes or removes an entry. The one
change let through is Django's own when a model is removed for good (its content type deleted: the entries'
``content_type_id`` set to NULL, nothing else touched). SQLite relies on the model-level refusal."""

from django.db import migrations, models

TABLES = ("wagtailcore_modellogentry", "wagtailcore_pagelogentry")

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.content_type_id IS NULL AND OLD.content_type_id IS NOT NULL
       AND (to_jsonb(NEW) - 'content_type_id') = (to_jsonb(OLD) - 'content_type_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Nhat ky thao tac khong the bi sua hay xoa (bang %%)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_log_refuse_change()")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("wagtailcore", "0089_log_entry_data_json_null_to_object")]
    operations = [
        migrations.CreateModel(
            name="AuditTrail",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
            options={
                "verbose_name": "nhật ký thao tác",
                "verbose_name_plural": "nhật ký thao tác",
                "db_table": "audit_trail_permission_only",
                "permissions": [("view_audit_trail", "Xem, lọc và tải nhật ký thao tác")],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
