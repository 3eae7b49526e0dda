"""Articles saved before slugs were forced to ASCII ("red_circle-truc-tiep-...") answered 404:
give each such article the slug its title gives now, and fix its url_path."""

import re

from django.db import migrations

ASCII_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def fix_slugs(apps, schema_editor):
    from toasoan.core.text import slugify_vi

    ArticlePage = apps.get_model("news", "ArticlePage")
    Page = apps.get_model("wagtailcore", "Page")
    for article in ArticlePage.objects.only("pk", "slug", "title", "path", "url_path").iterator():
        if ASCII_SLUG.fullmatch(article.slug or ""):
            continue
        slug = slugify_vi(article.title, max_length=120) or slugify_vi(article.slug or "", max_length=120) or "bai-viet"
        parent = Page.objects.filter(path=article.path[:-4]).only("url_path").first()
        url_path = f"{parent.url_path}{slug}/" if parent is not None else article.url_path
        Page.objects.filter(pk=article.pk).update(slug=slug, url_path=url_path)


class Migration(migrations.Migration):
    dependencies = [
        ("importer", "0001_import_record"),
    ]

    operations = [migrations.RunPython(fix_slugs, migrations.RunPython.noop)]
