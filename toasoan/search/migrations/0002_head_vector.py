from django.db import migrations

from toasoan.search import ddl


def add_head(apps, schema_editor):
    ddl.add_head(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("toasoan_search", "0001_initial")]

    operations = [migrations.RunPython(add_head, migrations.RunPython.noop)]
