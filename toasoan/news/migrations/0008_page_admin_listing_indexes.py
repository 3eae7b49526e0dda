"""Indexes for the Wagtail explorer listing of a big section (PostgreSQL; docs/scale.md).

The explorer lists a page's children newest-revision first, 50 at a time, and counts them for its paginator.
At 100,000 children both walked the heap: the sort read every child, the count re-checked every path.
``toasoan_page_revised_idx`` (depth, latest_revision_created_at DESC NULLS LAST) lets the listing read the
newest children of that depth in order and stop after 50; ``toasoan_page_children_idx`` (depth, path)
INCLUDE (id) makes the count an index-only scan, and replaces 0006's (depth, path) index on PostgreSQL.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS toasoan_page_children_idx ON wagtailcore_page (depth, path) INCLUDE (id)",
    "DROP INDEX IF EXISTS toasoan_page_depth_path_idx",
    "CREATE INDEX IF NOT EXISTS toasoan_page_revised_idx "
    "ON wagtailcore_page (depth, latest_revision_created_at DESC NULLS LAST)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS toasoan_page_revised_idx",
    "CREATE INDEX IF NOT EXISTS toasoan_page_depth_path_idx ON wagtailcore_page (depth, path)",
    "DROP INDEX IF EXISTS toasoan_page_children_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0007_page_menu_index"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
