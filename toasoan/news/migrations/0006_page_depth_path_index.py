"""An index on Wagtail's page tree by (depth, path).

Every "children of X" query (menus, sub-sections, the admin explorer) filters ``depth = d AND path LIKE 'X%'``.
Wagtail indexes ``path`` alone, so under the home page that prefix matches the whole archive and PostgreSQL
filtered a million rows for each menu (≈ 0.6 s at 1M articles, docs/scale.md); with (depth, path) it is a short
range scan. The path column uses the C collation on PostgreSQL, so the btree serves the LIKE prefix.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0005_safe_embeds"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS toasoan_page_depth_path_idx ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS toasoan_page_depth_path_idx",
        ),
    ]
