"""Load one article (title, date, rich-text body) from a JSON file made by ``bench/uncached_bench.py``.

The page goes under the site's root page and is published. With ``target_bytes`` in the file, the body
is lengthened by repeating the article's own paragraphs until the rendered page is as large as the Tòa
Soạn article page it is compared with (to within one paragraph).
"""

import json
import re
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand
from django.test import RequestFactory
from wagtail.models import Site

from baseline_pages.models import ArticlePage


def rendered_size(page: ArticlePage) -> int:
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    response = page.serve(request)
    response.render()
    return len(response.content)


class Command(BaseCommand):
    help = "Load (or replace) the bench article from a JSON file: {title, slug, date, body, target_bytes}."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path: str, **options):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        root = Site.objects.get(is_default_site=True).root_page
        page = ArticlePage.objects.child_of(root).filter(slug=data["slug"]).first()
        if page is None:
            page = ArticlePage(title=data["title"], slug=data["slug"], date=date.fromisoformat(data["date"]))
            root.add_child(instance=page)
        page.title = data["title"]
        page.date = date.fromisoformat(data["date"])
        page.body = data["body"]
        page.save()
        target = int(data.get("target_bytes") or 0)
        size = rendered_size(page)
        paragraphs = re.findall(r"<p>.*?</p>", data["body"], flags=re.DOTALL) or [data["body"]]
        extra, i = [], 0
        while target and size + sum(len(p.encode()) + 1 for p in extra) < target:
            extra.append(paragraphs[i % len(paragraphs)])
            i += 1
        if extra:
            page.body = data["body"] + "\n" + "\n".join(extra)
        page.save_revision().publish()
        page.refresh_from_db()
        size = rendered_size(page)
        self.stdout.write(json.dumps({"url": page.url, "bytes": size, "target_bytes": target}))
