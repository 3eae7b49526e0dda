"""On PostgreSQL, a statement trigger that refuses TRUNCATE on Wagtail's log tables (0001's row triggers see no
TRUNCATE: it deletes no rows one by one). The one TRUNCATE let through is the ``flush`` command's when the
deployment's settings declare its database disposable (``TOASOAN_AUDIT_LOG_FLUSHABLE``, true in the test
settings only, so the test suite can empty its own database between transactional tests): the command then sets
``toasoan.audit_log_flush`` for its own transaction (toasoan/audit/management/commands/flush.py). SQLite has no
TRUNCATE: nothing to do there.

0001's row trigger also lets through an UPDATE that writes back exactly what the row holds (it changes nothing):
Django's deserialisation (a test's serialized rollback, ``loaddata``) saves rows that may already be there."""

from importlib import import_module

from django.db import migrations

TABLES = ("wagtailcore_modellogentry", "wagtailcore_pagelogentry")
FLUSH_SETTING = "toasoan.audit_log_flush"

FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_log_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('{FLUSH_SETTING}', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'Nhat ky thao tac khong the bi xoa het (TRUNCATE bang %%)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


FIRST = import_module("toasoan.audit.migrations.0001_initial")
NO_OP_UPDATE = """
    IF TG_OP = 'UPDATE' AND to_jsonb(NEW) = to_jsonb(OLD) THEN
        RETURN NEW;
    END IF;"""
ROW_FUNCTION = FIRST.FUNCTION.replace("BEGIN", "BEGIN" + NO_OP_UPDATE, 1)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(ROW_FUNCTION)
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_log_refuse_truncate()")
    schema_editor.execute(FIRST.FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    # 0001's function is defined again above (a no-op UPDATE let through); backwards restores 0001's.
    operations = [migrations.RunPython(forwards, backwards)]
