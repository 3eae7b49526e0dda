"""Uncached article rendering against a plain-Wagtail baseline (issue 6, item 7, second bullet).

Starts two gunicorn servers the way ``deploy/prod-local.sh`` starts the app (``WEB_WORKERS`` × gthread
``WEB_THREADS``, defaults 2 × 4) and stops exactly them at the end:

* Tòa Soạn with the page cache off (``PAGE_CACHE=off``; fragment caches on and warmed), on
  ``DATABASE_URL`` / ``REDIS_URL``;
* the baseline of ``bench/baseline/`` — a plain Wagtail page type (title, date, rich-text body) holding
  the same article, padded to the same HTML size, default settings — in its own database on the same
  PostgreSQL server (``BASELINE_DATABASE_URL``, default: the ``DATABASE_URL`` server, database
  ``<name>_baseline``).

Warm: interleaved wrk runs (2 threads, 50 connections, ``bench/run_bench.py``'s helper) on the richest
article page (events, Đọc nhiều, related) and on the baseline page → ``target uncached_vs_baseline``.
Cold: a trivial edit of the article is published through Wagtail (in this process; the purge after the
commit empties the article's fragments), then one request times the first render of the page — the
response must show the edit — and one request times the baseline page; repeated ``--cold-samples``
times, interleaved → ``target cold_vs_baseline`` = baseline time / first-render time (medians).
The article's text is restored at the end. The machine may be shared: only ratios measured in the same
run mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE_DIR = HERE / "baseline"
sys.path.insert(0, str(HERE))
from run_bench import CONNECTIONS, wrk  # noqa: E402

RUN_DIR = Path(os.environ.get("UNCACHED_RUN_DIR", ROOT / "var" / "uncached-bench"))
APP_PORT = int(os.environ.get("UNCACHED_APP_PORT", "8401"))
BASELINE_PORT = int(os.environ.get("UNCACHED_BASELINE_PORT", "8402"))
WORKERS = os.environ.get("WEB_WORKERS", "2")
THREADS = os.environ.get("WEB_THREADS", "4")
EDIT_MARKER = " (bản cập nhật {n})"


def baseline_database_url() -> str:
    if os.environ.get("BASELINE_DATABASE_URL"):
        return os.environ["BASELINE_DATABASE_URL"]
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_baseline"))


def ensure_database(url: str) -> None:
    """Create the baseline's database on the same server if it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Server:
    """One gunicorn master started by this script; stop() ends exactly that process (and its workers)."""

    def __init__(self, name: str, app: str, port: int, cwd: Path, env: dict[str, str]):
        self.name, self.port = name, port
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        self.log = open(RUN_DIR / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", WORKERS,
               "--worker-class", "gthread", "--threads", THREADS, "--keep-alive", "75",
               "--graceful-timeout", "10", "--max-requests", "0"]
        self.process = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **env}, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        (RUN_DIR / f"{name}.pid").write_text(str(self.process.pid))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start; see {self.log.name}")
            try:
                fetch(self.url(path))
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer {path} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        (RUN_DIR / f"{self.name}.pid").unlink(missing_ok=True)
        self.log.close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        if response.status != 200:
            raise urllib.error.URLError(f"{url}: {response.status}")
        return response.read()


def timed_fetch(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    body = fetch(url)
    return (time.perf_counter() - start) * 1000, body


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()


def richest_article():
    """The published article with events and a section whose page is the largest (ties: newest)."""
    from django.db.models import Count

    from toasoan.news.selectors import published_articles

    candidates = list(published_articles().filter(section__isnull=False)
                      .annotate(n_events=Count("events")).filter(n_events__gt=0)
                      .order_by("-published_at")[:50])
    if not candidates:
        candidates = list(published_articles().filter(section__isnull=False).order_by("-published_at")[:50])
    if not candidates:
        return None
    return max(candidates, key=lambda a: (len(repr(list(a.body.raw_data))), a.published_at))


def ensure_most_read(article) -> None:
    """Đọc nhiều of the article's section must have something to show: add views when it has none."""
    from django.db import transaction
    from django.utils import timezone

    from toasoan.analytics import selectors as analytics
    from toasoan.analytics.counters import add_views_to_database
    from toasoan.news.selectors import published_articles

    if analytics.most_read_counts(limit=1, section_ids=[article.section_id]):
        return
    peers = list(published_articles().filter(section_id=article.section_id).values_list("pk", flat=True)[:8])
    with transaction.atomic():
        add_views_to_database([(pk, article.section_id, timezone.now(), 10 + i) for i, pk in enumerate(peers)])


def baseline_body(article) -> str:
    """The article's text as one rich-text field: paragraphs as they are, captions and quotes as paragraphs."""
    from django.utils.html import escape

    parts = []
    for block in article.body:
        if block.block_type == "paragraph":
            parts.append(block.value.source)
        elif block.block_type in {"figure", "infographic"} and block.value.get("caption"):
            parts.append(f"<p>{escape(block.value['caption'])}</p>")
        elif block.block_type == "quote":
            parts.append(f"<blockquote><p>{escape(block.value['text'])}</p></blockquote>")
    return "\n".join(parts)


def manage_baseline(*args: str, env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASELINE_DIR, env={**os.environ, **env},
                          check=True, capture_output=True, text=True, timeout=600).stdout


def publish_edit(article_id: int, sapo: str) -> None:
    from toasoan.news.models import ArticlePage

    page = ArticlePage.objects.get(pk=article_id)
    page.sapo = sapo
    page.save_revision().publish()


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):,.1f} (runs {min(values):,.1f}–{max(values):,.1f})"


def target(name: str, value: float, goal: float) -> bool:
    ok = value >= goal
    print(f"target {name}: {value:.2f} (goal >= {goal}) {'PASS' if ok else 'FAIL'}", flush=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--cold-samples", type=int, default=20)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the finally below stops the servers
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(name):
            print(f"uncached bench: {name} is required (PostgreSQL + Redis)", file=sys.stderr)
            return 2
    setup_django()
    article = richest_article()
    if article is None:
        print("uncached bench: no published article; run `toasoan setup --demo` first", file=sys.stderr)
        return 2
    ensure_most_read(article)
    path = article.canonical_path()

    secret = secrets.token_urlsafe(50)
    common = {"SECRET_KEY": secret, "ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONPATH": ""}
    app_env = {**common, "DJANGO_SETTINGS_MODULE": "toasoan.settings.production", "PAGE_CACHE": "off",
               "SECURE_COOKIES": "0", "SERVE_MEDIA": "0", "PYTHONPATH": str(ROOT)}
    base_url = baseline_database_url()
    base_env = {**common, "DJANGO_SETTINGS_MODULE": "baseline_site.settings", "BASELINE_DATABASE_URL": base_url,
                "BASELINE_VAR_DIR": str(RUN_DIR / "baseline-var"), "PYTHONPATH": str(BASELINE_DIR)}
    subprocess.run([sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env={**os.environ, **app_env}, check=True, timeout=600)

    servers: list[Server] = []
    original_sapo = article.sapo
    edited = False
    try:
        app = Server("toasoan", "toasoan.analytics.wsgi:application", APP_PORT, ROOT, app_env)
        servers.append(app)
        app.wait_ready(path)
        page = fetch(app.url(path))

        ensure_database(base_url)
        manage_baseline("migrate", "--noinput", "-v0", env=base_env)
        spec = {"title": article.title, "slug": article.slug, "date": article.published_at.date().isoformat(),
                "body": baseline_body(article), "target_bytes": len(page)}
        (RUN_DIR / "baseline-article.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        loaded = json.loads(manage_baseline("load_article", str(RUN_DIR / "baseline-article.json"),
                                            env=base_env).strip().splitlines()[-1])
        baseline = Server("baseline", "baseline_site.wsgi:application", BASELINE_PORT, BASELINE_DIR, base_env)
        servers.append(baseline)
        baseline.wait_ready(loaded["url"])
        base_page = fetch(baseline.url(loaded["url"]))
        print(f"uncached bench: article {path} ({len(page) / 1024:.1f} KB, page cache off, fragments warm) vs "
              f"baseline {loaded['url']} ({len(base_page) / 1024:.1f} KB); {args.rounds} interleaved rounds × "
              f"{args.seconds} s, {CONNECTIONS} connections; gunicorn {WORKERS} workers × {THREADS} threads "
              f"each", flush=True)
        for _ in range(20):  # warm both: fragment caches, template loaders, connections of every worker
            fetch(app.url(path))
            fetch(baseline.url(loaded["url"]))

        ours_runs, base_runs = [], []
        for i in range(args.rounds):
            pair = [("ours", app.url(path)), ("base", baseline.url(loaded["url"]))]
            for name, url in pair if i % 2 == 0 else reversed(pair):
                result = wrk(url, args.seconds)
                (ours_runs if name == "ours" else base_runs).append(result)
            print(f"  round {i + 1}: ours {ours_runs[-1]['rps']:,.0f} req/s (p99 {ours_runs[-1]['p99']:.1f} ms), "
                  f"baseline {base_runs[-1]['rps']:,.0f} req/s (p99 {base_runs[-1]['p99']:.1f} ms)", flush=True)
        errors = sum(r["non2xx"] for r in ours_runs + base_runs)
        ours_rps = [r["rps"] for r in ours_runs]
        base_rps = [r["rps"] for r in base_runs]
        print(f"  uncached article (ours): {spread(ours_rps)} req/s, p99 median "
              f"{statistics.median(r['p99'] for r in ours_runs):.1f} ms")
        print(f"  plain Wagtail baseline:  {spread(base_rps)} req/s, p99 median "
              f"{statistics.median(r['p99'] for r in base_runs):.1f} ms")
        if errors:
            print(f"  non-2xx answers: {errors}")
        ratios = [o / b for o, b in zip(ours_rps, base_rps, strict=True)]
        print(f"  per-round ratios: {', '.join(f'{r:.2f}' for r in ratios)}")
        ok = target("uncached_vs_baseline", statistics.median(ours_rps) / statistics.median(base_rps), 2.0)

        cold, warm, base = [], [], []
        for n in range(1, args.cold_samples + 1):
            sapo = original_sapo + EDIT_MARKER.format(n=n)
            publish_edit(article.pk, sapo)
            edited = True
            elapsed, body = timed_fetch(app.url(path))
            if sapo.encode() not in body:
                print("uncached bench: the page after a publish does not show the edit", file=sys.stderr)
                return 1
            cold.append(elapsed)
            warm.append(timed_fetch(app.url(path))[0])
            base.append(timed_fetch(baseline.url(loaded["url"]))[0])
            time.sleep(0.1)
        print(f"  first render after a publish (ours): {spread(cold)} ms; next request {spread(warm)} ms; "
              f"baseline {spread(base)} ms ({args.cold_samples} publishes, one request at a time)")
        ok &= target("cold_vs_baseline", statistics.median(base) / statistics.median(cold), 1.0)
        return 0 if ok else 1
    finally:
        if edited:
            publish_edit(article.pk, original_sapo)
        for server in reversed(servers):
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
