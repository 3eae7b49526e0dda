"""Wagtail's own starting rows carry English names that show on many admin screens: the page tree's and the
image library's "Root", the "Moderators" and "Editors" groups and the "Moderators approval" workflow and task.
They get Vietnamese names (only while they still have Wagtail's names: nothing a person renamed changes)."""

from django.db import migrations

NAMES = {
    ("wagtailcore", "Page", "title"): {"Root": "Gốc"},
    ("wagtailcore", "Collection", "name"): {"Root": "Thư viện chung"},
    ("auth", "Group", "name"): {"Moderators": "Kiểm duyệt (nhóm mẫu của Wagtail)",
                                "Editors": "Biên tập (nhóm mẫu của Wagtail)"},
    ("wagtailcore", "Workflow", "name"): {"Moderators approval": "Quy trình mẫu của Wagtail"},
    ("wagtailcore", "Task", "name"): {"Moderators approval": "Nhóm kiểm duyệt duyệt (bước mẫu của Wagtail)"},
}


def rename(apps, schema_editor, *, reverse=False):
    for (app, model, field), names in NAMES.items():
        manager = apps.get_model(app, model)._default_manager
        if model in ("Page", "Collection"):
            manager = manager.filter(depth=1)  # the tree roots only
        for old, new in names.items():
            frm, to = (new, old) if reverse else (old, new)
            if not manager.filter(**{field: to}).exists():
                # The admin shows a page's draft title: both are renamed.
                extra = {"draft_title": to} if model == "Page" else {}
                manager.filter(**{field: frm}).update(**{field: to}, **extra)


def forwards(apps, schema_editor):
    rename(apps, schema_editor)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
