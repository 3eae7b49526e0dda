import django.db.models.deletion
from django.db import migrations, models

from toasoan.search import ddl


def create_fulltext(apps, schema_editor):
    ddl.create(schema_editor.connection)


def drop_fulltext(apps, schema_editor):
    ddl.drop(schema_editor.connection)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("news", "0003_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("article", models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.CASCADE,
                                                 primary_key=True, related_name="search_entry", serialize=False,
                                                 to="news.articlepage")),
                ("published_at", models.DateTimeField(db_index=True)),
                ("section_id", models.BigIntegerField(db_index=True, null=True)),
                ("format", models.CharField(max_length=20)),
                ("title", models.TextField()),
                ("sapo", models.TextField(blank=True)),
                ("title_f", models.TextField(blank=True)),
                ("sapo_f", models.TextField(blank=True)),
                ("title_x", models.TextField(blank=True)),
                ("sapo_x", models.TextField(blank=True)),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "mục chỉ mục tìm kiếm", "verbose_name_plural": "chỉ mục tìm kiếm"},
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("term", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("df", models.IntegerField(default=0)),
            ],
            options={"verbose_name": "âm tiết", "verbose_name_plural": "âm tiết"},
        ),
        migrations.RunPython(create_fulltext, drop_fulltext),
    ]
