from django.db import migrations

from toasoan.search import ddl


def time_keyed_fts(apps, schema_editor):
    ddl.time_keyed_fts(schema_editor.connection)


class Migration(migrations.Migration):
    """SQLite: FTS5 rows keyed by time (newest-first walks that stop early), title and head FTS5 tables."""

    dependencies = [("toasoan_search", "0003_window_indexes")]

    operations = [migrations.RunPython(time_keyed_fts, migrations.RunPython.noop)]
