"""Do reader pages stay flat from 1,000 to 1,000,000 articles? And does the admin list a 100k section fast?

Two databases made by the same generator (``toasoan synth --shape million``; see docs/scale.md): a small one
(default ``mm_1k``) and a large one (default ``mm_1m``). One worker process per database renders pages in
process through Django's test client (the whole middleware stack, no network); the parent asks them in turn,
alternating which goes first each round, so machine noise lands on both sides alike.

Uncached means: the page cache is off (``TOASOAN_PAGE_CACHE = "off"``) and Django's cache is a DummyCache, so
no fragment, Tin nóng/Đọc nhiều list or Wagtail site lookup survives from one render to the next: every render
does all of its queries and all of its template work. Each page gets a short warm-up (Python imports, template
loading, PostgreSQL's buffer cache), then ``--renders`` timed renders on each side, medians compared.

Pages: home, a section with sub-sections (``kinh-te``: its listing merges six sections) and the biggest
section (``thoi-su``, a tenth of the archive), Mới nhất and its 20th "Xem thêm" page (the ``?sau=`` cursor
followed 20 times), the event with the most articles, the same event page cut to as many articles as the small
database's shows (``event_same_size``: a "Xem thêm" page near the event's end at 1M), and the newest article that
belongs to an event.

Then, on the large database only, the Wagtail explorer listing of the section with the most direct children
(≈ 100,000 at 1M), signed in as a superuser and as a section editor, median of ``--admin-renders``, measured with
the project's normal cache (Wagtail keeps its site root paths there; the page cache never serves the admin).

    .venv/bin/python bench/scale_bench.py [--small mm_1k] [--large mm_1m] [--renders 200]

Both databases must exist (``--make-small`` creates the small one). Ends with ``target`` lines.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("SCALE_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PAGES = ["home", "section", "section_big", "latest", "latest_p20", "event", "event_same_size", "article"]
GOAL_RATIO = 1.1
GOAL_ADMIN_MS = 1000
BENCH_ADMIN = "mm_bench_admin"
BENCH_EDITOR = "mm_bench_editor"


# --- worker side -------------------------------------------------------------------------------------------


def _setup(database: str, *, dummy_cache: bool = True) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{PG}/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.test"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.test.utils import override_settings

    overrides = {"TOASOAN_PAGE_CACHE": "off", "DEBUG": False}
    if dummy_cache:
        overrides["CACHES"] = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    override_settings(**overrides).enable()


def _event_same_size(event, items: int | None) -> tuple[str, int]:
    """The event page showing ``items`` articles: page one if it has no more, else a "Xem thêm" page near its end."""
    from toasoan.core.pagination import Cursor
    from toasoan.news.selectors import page_size, published_articles

    rows = list(published_articles().filter(events=event).order_by("-published_at", "-pk"))
    shown = min(len(rows), page_size())
    if items is None or items >= shown:
        return event.url, shown
    before = rows[len(rows) - items - 1]
    return f"{event.url}?sau={Cursor(time=before.published_at, pk=before.pk).encode()}", items


def _urls(event_items: int | None = None) -> dict[str, str]:
    from django.db.models import Count
    from django.test import Client

    from toasoan.events.models import EventPage
    from toasoan.news.models import ArticlePage
    from toasoan.sections.models import SectionPage

    client = Client()
    latest = "/moi-nhat/"
    url = latest
    for _ in range(20):
        html = client.get(url, HTTP_HOST="localhost").content.decode()
        match = re.search(r'href="[^"]*\?sau=([^"&]+)"', html)
        if not match:
            raise SystemExit(f"no 'Xem thêm' link on {url}")
        url = f"{latest}?sau={match.group(1)}"
    event = EventPage.objects.live().annotate(n=Count("articles")).order_by("-n", "pk").first()
    article = ArticlePage.objects.live().filter(events__isnull=False).order_by("-published_at", "-pk").first()
    event_same_size, shown = _event_same_size(event, event_items)
    return {
        "event_items": shown,
        "home": "/",
        "section": SectionPage.objects.get(slug="kinh-te").url,
        "section_big": SectionPage.objects.get(slug="thoi-su").url,
        "latest": latest,
        "latest_p20": url,
        "event": event.url,
        "event_same_size": event_same_size,
        "article": article.url,
    }


def _admin_clients():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Count
    from django.test import Client
    from wagtail.models import GroupPagePermission

    from toasoan.sections.models import SectionPage

    section = SectionPage.objects.annotate(n=Count("primary_articles")).order_by("-n").first()
    users = get_user_model()
    admin = users.objects.filter(username=BENCH_ADMIN).first() or users.objects.create_superuser(
        BENCH_ADMIN, "admin@bench.invalid", None
    )
    editor = users.objects.filter(username=BENCH_EDITOR).first()
    if editor is None:
        editor = users.objects.create_user(BENCH_EDITOR, "editor@bench.invalid", None)
        group, _ = Group.objects.get_or_create(name="Bench: biên tập một chuyên mục")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=Permission.objects.get(codename=codename,
                                                                             content_type__app_label="wagtailcore")
            )
        editor.groups.add(group)
    clients = {}
    for name, user in (("admin", admin), ("editor", editor)):
        client = Client()
        client.force_login(user)
        clients[name] = client
    return section, clients


def worker(database: str, *, dummy_cache: bool = True) -> None:
    _setup(database, dummy_cache=dummy_cache)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    urls: dict[str, str] = {}
    admin: tuple | None = None
    for line in sys.stdin:
        cmd = json.loads(line)
        out: dict = {}
        if cmd["op"] == "prepare":
            urls = _urls(cmd.get("event_items"))
            out_items = urls.pop("event_items")
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM news_articlepage")
                out = {"urls": urls, "articles": cursor.fetchone()[0], "event_items": out_items}
        elif cmd["op"] == "queries":
            for page, url in urls.items():
                with CaptureQueriesContext(connection) as ctx:
                    client.get(url, HTTP_HOST="localhost")
                out[page] = len(ctx.captured_queries)
        elif cmd["op"] == "render":
            url = urls[cmd["page"]]
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST="localhost")
            out = {"ms": (time.perf_counter() - started) * 1000, "status": response.status_code}
        elif cmd["op"] == "admin":
            if admin is None:
                admin = _admin_clients()
            section, clients = admin
            url = f"/admin/pages/{section.pk}/"
            started = time.perf_counter()
            response = clients[cmd["as"]].get(url, HTTP_HOST="localhost")
            out = {"ms": (time.perf_counter() - started) * 1000, "status": response.status_code,
                   "children": section.numchild, "url": url}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


# --- parent side -------------------------------------------------------------------------------------------


class Worker:
    def __init__(self, database: str, *, normal_cache: bool = False) -> None:
        self.database = database
        flags = ["--normal-cache"] if normal_cache else []
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", database, *flags], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"worker for {self.database} died")
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _exists(database: str) -> bool:
    out = subprocess.run(
        ["psql", f"{PG}/postgres", "-Atc", "SELECT datname FROM pg_database"],
        capture_output=True,
        text=True,
        check=False,
    )
    return database in out.stdout.split()


def make_small(database: str, count: int) -> None:
    subprocess.run(["createdb", f"--maintenance-db={PG}/postgres", database], check=True)
    env = {**os.environ, "DATABASE_URL": f"{PG}/{database}", "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env)
    subprocess.run([*manage, "synth", "--count", str(count), "--shape", "million", "--no-index"],
                   check=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker")
    parser.add_argument("--normal-cache", action="store_true")
    parser.add_argument("--small", default="mm_1k")
    parser.add_argument("--large", default="mm_1m")
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--admin-renders", type=int, default=9)
    parser.add_argument("--make-small", type=int, metavar="COUNT", help="create --small with COUNT articles first")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, dummy_cache=not args.normal_cache)
        return 0
    if args.make_small and not _exists(args.small):
        make_small(args.small, args.make_small)
    for database in (args.small, args.large):
        if not _exists(database):
            raise SystemExit(f"database {database} is missing: see docs/scale.md (toasoan synth --shape million)")
    pages = [p for p in args.pages.split(",") if p] if args.renders else []
    small, large = Worker(args.small), Worker(args.large)
    try:
        sizes = {}
        event_items = None
        for w in (small, large):
            info = w.ask(op="prepare", event_items=event_items)
            event_items = info["event_items"]
            print(f"info {w.database}: the event page shows {event_items} articles (event_same_size)")
            sizes[w.database] = info["articles"]
            urls = json.dumps(info["urls"], ensure_ascii=False)
            print(f"info {w.database}: {info['articles']:,} articles; urls {urls}")
        queries = {w.database: w.ask(op="queries") for w in (small, large)} if pages else {}
        for page in pages:
            print(f"info queries {page}: {queries[args.small][page]} at {args.small}, "
                  f"{queries[args.large][page]} at {args.large}")
        times: dict[str, dict[str, list[float]]] = {p: {args.small: [], args.large: []} for p in pages}
        for page in pages:
            for _ in range(args.warmup):
                small.ask(op="render", page=page)
                large.ask(op="render", page=page)
        started = time.monotonic()
        for n in range(args.renders):
            for page in pages:
                for w in (small, large) if n % 2 == 0 else (large, small):
                    out = w.ask(op="render", page=page)
                    if out["status"] != 200:
                        raise SystemExit(f"{page} at {w.database}: HTTP {out['status']}")
                    times[page][w.database].append(out["ms"])
        print(f"info renders: {args.renders} per page per database, interleaved, {time.monotonic() - started:.0f} s")
        results = []
        for page in pages:
            a, b = statistics.median(times[page][args.small]), statistics.median(times[page][args.large])
            ratio = b / a
            print(f"page {page}: {args.small} median {a:.1f} ms, {args.large} median {b:.1f} ms, ratio {ratio:.2f}")
            results.append((page, ratio))
        admin_lines = []
        if args.admin_renders:
            # The admin is measured as it runs: with the project's cache (Wagtail keeps its site root paths there),
            # and at both sizes, interleaved, for reference; the target is the large database's time.
            admins = [Worker(args.small, normal_cache=True), Worker(args.large, normal_cache=True)]
            try:
                for role in ("admin", "editor"):
                    samples: dict[str, list] = {w.database: [] for w in admins}
                    for w in admins:
                        w.ask(op="admin", **{"as": role})  # warm-up
                    for n in range(args.admin_renders):
                        for w in admins if n % 2 == 0 else admins[::-1]:
                            out = w.ask(op="admin", **{"as": role})
                            if out["status"] != 200:
                                raise SystemExit(f"admin listing as {role} at {w.database}: HTTP {out['status']}")
                            samples[w.database].append(out)
                    for w in admins:
                        got = samples[w.database]
                        ms = [s["ms"] for s in got]
                        print(f"info admin listing at {w.database} {got[0]['url']} ({got[0]['children']:,} children) "
                              f"as {role}: median {statistics.median(ms):.0f} ms of {len(ms)} "
                              f"(min {min(ms):.0f}, max {max(ms):.0f})")
                    admin_lines.append((role, statistics.median(s["ms"] for s in samples[args.large])))
            finally:
                for w in admins:
                    w.close()
        for page, ratio in results:
            verdict = "PASS" if ratio <= GOAL_RATIO else "FAIL"
            print(f"target scale_{page}: {ratio:.2f} (goal <= {GOAL_RATIO}) {verdict}")
        if admin_lines:
            worst = max(ms for _, ms in admin_lines)
            verdict = "PASS" if worst <= GOAL_ADMIN_MS else "FAIL"
            print(f"target admin_section_listing_100k_ms: {worst:.0f} (goal <= {GOAL_ADMIN_MS}) {verdict}")
    finally:
        small.close()
        large.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
