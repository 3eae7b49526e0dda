"""Sitemap generation time on the largest archive at hand (issue 7).

Usage::

    DATABASE_URL=postgres://…/toasoan_bench .venv/bin/python bench/sitemap_bench.py [--repeat 5]
    # or build a synthetic archive first (its own database, created when absent):
    .venv/bin/python bench/sitemap_bench.py --create postgres://postgres@127.0.0.1/toasoan_sitemap_bench \
        --count 200000

Renders the sitemap index and the first, middle and last article children (each covers
``TOASOAN_SITEMAP_CHUNK`` ids, 10,000 by default) ``--repeat`` times and prints the median of each, then
``target sitemap_child_ms: N (goal <= 1000) PASS|FAIL`` for the slowest child. Children are primary-key
ranges, so the last child should cost what the first does at any archive size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 1000.0


def create(url: str, count: int) -> None:
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"bad database name: {name}")
    query = f"select 1 from pg_database where datname='{name}'"  # noqa: S608 - checked name, local psql
    exists = subprocess.run(["psql", admin, "-Atc", query], capture_output=True, text=True, check=True).stdout.strip()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "toasoan.settings.base"}
    python = str(ROOT / ".venv" / "bin" / "python")
    if not exists:
        subprocess.run(["psql", admin, "-c", f'create database "{name}"'], check=True)
    subprocess.run([python, "-m", "django", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "-m", "toasoan.cli", "setup"], cwd=ROOT, env=env, check=False)
    subprocess.run([python, "-m", "django", "synth", "--count", str(count), "--no-index"], cwd=ROOT, env=env,
                   check=True)
    os.environ["DATABASE_URL"] = url


def timed(fn, repeat: int) -> tuple[float, object]:
    samples = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--create", metavar="DATABASE_URL", help="create (if needed) and fill this database")
    parser.add_argument("--count", type=int, default=200_000, help="articles to synthesise with --create")
    args = parser.parse_args()
    if args.create:
        create(args.create, args.count)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.base")
    import django

    django.setup()
    from django.db import connection

    from toasoan.news.models import ArticlePage
    from toasoan.seo import conf
    from toasoan.seo.sitemaps import article_chunks, render_article_sitemap

    total = ArticlePage.objects.filter(live=True).count()
    print(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}; live articles: {total:,}; "
          f"chunk: {conf.sitemap_chunk():,} ids")
    index_ms, chunks = timed(article_chunks, args.repeat)
    print(f"index: {len(chunks)} article children in {index_ms:.1f} ms (median of {args.repeat})")
    if not chunks:
        print("no live articles: nothing to measure")
        return 1
    picks = {"first": chunks[0], "middle": chunks[len(chunks) // 2], "last": chunks[-1]}
    slowest = 0.0
    for label, number in picks.items():
        ms, body = timed(lambda n=number: render_article_sitemap(number=n, base="https://example.vn"), args.repeat)
        urls = body.count("<url>")
        slowest = max(slowest, ms)
        print(f"child {label} (#{number}): {urls:,} URLs, {len(body) / 1024:.0f} KB in {ms:.1f} ms")
    verdict = "PASS" if slowest <= GOAL_MS else "FAIL"
    print(f"target sitemap_child_ms: {slowest:.1f} (goal <= {GOAL_MS:.0f}) {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
