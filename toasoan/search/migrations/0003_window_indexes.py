from django.db import migrations

from toasoan.search import ddl


def window_indexes(apps, schema_editor):
    ddl.window_indexes(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("toasoan_search", "0002_head_vector")]

    operations = [migrations.RunPython(window_indexes, migrations.RunPython.noop)]
