"""A small partial index of the pages shown in menus, by (depth, path).

Menus and a section's sub-section list ask for the children of a page that are live and ``show_in_menus``; under
a section with 100,000 articles (none of them in menus) the (depth, path) index still walked every child
(≈ 0.3 s at 1M articles, docs/scale.md). Only sections and fixed listings are in menus, so this index is tiny.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0006_page_depth_path_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS toasoan_page_menu_idx ON wagtailcore_page (depth, path) WHERE show_in_menus",
            "DROP INDEX IF EXISTS toasoan_page_menu_idx",
        ),
    ]
