from django.db import migrations

from toasoan.search import ddl


def add_pairs(apps, schema_editor):
    ddl.add_pairs(schema_editor.connection)


class Migration(migrations.Migration):
    """PostgreSQL: the ``pairs`` vector (adjacent syllables) and its indexes; existing rows get it from
    ``toasoan reindex`` (until then searches work as before)."""

    dependencies = [("toasoan_search", "0004_time_keyed_fts")]

    operations = [migrations.RunPython(add_pairs, migrations.RunPython.noop)]
