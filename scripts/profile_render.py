"""Where an article render spends its time, in this process: warm, and right after a publish (cold).

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python scripts/profile_render.py [--samples 30]
        [--path /slug-12.html] [--cprofile] [--sql]

Production settings with the page cache off (as ``bench/uncached_bench.py`` serves the app), the richest
article of the database (the bench's choice) unless ``--path`` names one. Each sample publishes a trivial
sapo edit through Wagtail (the purge after the commit empties the article's fragments, as in the bench), then
renders the page through Django's full request handler (middleware included) twice: cold, then warm.
Prints medians of wall and CPU time, the queries and cache round trips of each, which fragments missed, and
the time spent inside each ``{% fragment %}`` that rendered. ``--cprofile`` adds the top functions of the
cold renders; ``--sql`` the statements of one cold render. The article's sapo is restored at the end.
A tool for finding what to make faster, not a benchmark: it prints no target.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.production")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SECURE_COOKIES", "0")
    os.environ["PAGE_CACHE"] = "off"
    import django

    django.setup()


class Counter:
    """Counts cache round trips of Django's default cache (each public method call is one)."""

    METHODS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "touch")

    def __init__(self) -> None:
        self.calls = 0
        self.names: list[str] = []
        self._saved: dict[str, object] = {}

    def __enter__(self):
        from django.core.cache import caches

        target = caches["default"]
        for name in self.METHODS:
            original = getattr(target, name)
            self._saved[name] = original

            def wrapped(*args, _original=original, _name=name, **kwargs):
                self.calls += 1
                self.names.append(_name)
                return _original(*args, **kwargs)

            setattr(target, name, wrapped)
        self._target = target
        return self

    def __exit__(self, *exc) -> None:
        for name in self._saved:
            delattr(self._target, name)


def fragment_timer():
    """Patch FragmentNode.render to record the time of each fragment that rendered (missed)."""
    from toasoan.news.templatetags import fragment_tags

    times: dict[str, list[float]] = defaultdict(list)
    original = fragment_tags.FragmentNode.render

    def render(self, context):
        start = time.perf_counter()
        html = original(self, context)
        name = self.name.resolve(context)
        fragments = fragment_tags.for_request(context.get("request"))
        if fragments is not None and name in fragments.misses:
            times[name].append((time.perf_counter() - start) * 1000)
        return html

    fragment_tags.FragmentNode.render = render
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--path")
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--profiled", choices=("cold", "warm"), default="cold", help="which render --cprofile profiles")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--callees", help="with --cprofile: also what functions matching this regex called")
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test import Client
    from uncached_bench import EDIT_MARKER, publish_edit, richest_article

    from toasoan.news.models import ArticlePage

    if args.path:
        pk = int(args.path.rsplit("-", 1)[1].split(".")[0])
        article = ArticlePage.objects.get(pk=pk)
    else:
        article = richest_article()
    if article is None:
        print("no published article", file=sys.stderr)
        return 2
    path = article.canonical_path()
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(5):
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} does not answer 200")
    times = fragment_timer()
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None  # CPU, not waits
    original = article.sapo
    rows: dict[str, list[tuple[float, float, int, int]]] = {"cold": [], "warm": []}
    missed: dict[str, int] = defaultdict(int)
    try:
        for n in range(1, args.samples + 1):
            publish_edit(article.pk, original + EDIT_MARKER.format(n=n))
            for kind in ("cold", "warm"):
                queries: list[str] = []

                def count(execute, sql, params, many, context, queries=queries):
                    queries.append(sql)
                    return execute(sql, params, many, context)

                # Counted through an execute wrapper, not CaptureQueriesContext: logging queries would turn off
                # the prepared statements of core.db.reader_cursor.
                with connection.execute_wrapper(count), Counter() as cache_calls:
                    if profiler is not None and kind == args.profiled:
                        profiler.enable()
                    wall, cpu = time.perf_counter(), time.process_time()
                    response = client.get(path)
                    content = response.content
                    wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
                    if profiler is not None and kind == args.profiled:
                        profiler.disable()
                if response.status_code != 200 or EDIT_MARKER.format(n=n).encode() not in content:
                    raise SystemExit(f"{path} after a publish does not show the edit")
                rows[kind].append((wall, cpu, len(queries), cache_calls.calls))
                if kind == "cold":
                    from toasoan.caching.fragments import for_request

                    for name in sorted(for_request(response.wsgi_request).misses):
                        missed[name] += 1
                    if args.sql and n == 1:
                        print(f"cache calls: {' '.join(cache_calls.names)}")
                        for sql in queries:
                            print(f"sql {sql[:300]}")
    finally:
        publish_edit(article.pk, original)
    print(f"article {path} ({len(content) / 1024:.1f} KB), {args.samples} samples")
    for kind, values in rows.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"{kind}: wall {wall:.2f} ms, cpu {cpu:.2f} ms, queries {statistics.median(v[2] for v in values):.0f}, "
              f"cache round trips {statistics.median(v[3] for v in values):.0f}")
    print("fragments rendered after a publish: " + ", ".join(f"{k} ×{v}" for k, v in sorted(missed.items())))
    for name, values in sorted(times.items()):
        print(f"  {name}: median {statistics.median(values):.2f} ms over {len(values)} renders")
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(45)
        if args.callees:
            stats.print_callees(args.callees)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
