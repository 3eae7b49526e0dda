"""``make bench``: issue 6's ratios, measured in one run against the production stack on loopback.

Starts ``deploy/prod-local.sh`` (unless BENCH_REUSE=1) with a 2-second page lifetime so cached entries
expire during every run (the page's file is removed and written again: each round says how often), then
interleaves wrk runs (50 connections, ``--rounds`` × ``--seconds``) and prints medians, spreads and
``target NAME: VALUE (goal OP X) PASS|FAIL`` lines: cached article vs the same bytes as a static file, beacons
recorded per second (all of them, through the front and the spool), an edit visible through the front, peak
RSS per app worker (with RSS and PSS now). Then it runs ``bench/uncached_bench.py`` with the same
``--rounds``/``--seconds`` when that file exists.
Needs DATABASE_URL (PostgreSQL) and REDIS_URL pointing at a database with published articles
(``toasoan setup --demo``); PROD_PORT, REFRESH_PORT, APP_PORT and PROD_RUN_DIR choose ports and folder.
Only 127.0.0.1 is ever loaded.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = Path(os.environ.get("PROD_RUN_DIR", ROOT / "var" / "prod-local"))
FRONT = f"http://127.0.0.1:{os.environ.get('PROD_PORT', '8080')}"
APP = f"http://127.0.0.1:{os.environ.get('APP_PORT', '8090')}"
REFRESH = f"http://127.0.0.1:{os.environ.get('REFRESH_PORT', '8081')}"
EDITS = 5
CONNECTIONS = 50


def wrk(url: str, seconds: int, script: Path | None = None, env: dict | None = None) -> dict:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True, timeout=seconds + 60,
                         env={**os.environ, **(env or {})}).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    counted = re.search(r"COUNTED (\d+)", out)
    return {"rps": rps, "p99": p99_ms, "non2xx": int(errors.group(1)) if errors else 0,
            "counted": int(counted.group(1)) if counted else None}


def summary(name: str, runs: list[dict]) -> tuple[float, float]:
    rps = [r["rps"] for r in runs]
    p99 = [r["p99"] for r in runs]
    med, p99m = statistics.median(rps), statistics.median(p99)
    print(f"  {name}: median {med:,.0f} req/s (runs {min(rps):,.0f}–{max(rps):,.0f}), "
          f"p99 median {p99m:.1f} ms (runs {min(p99):.1f}–{max(p99):.1f})", flush=True)
    return med, p99m


def target(name: str, value: float, op: str, goal: float, unit: str = "") -> bool:
    ok = value >= goal if op == ">=" else value <= goal
    print(f"target {name}: {value:.2f}{unit} (goal {op} {goal}{unit}) {'PASS' if ok else 'FAIL'}", flush=True)
    return ok


def fetch(url: str, headers: dict | None = None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:  # noqa: S310
        return r.read()


class FileWatch:
    """Watches the article's page file during a run (every 20 ms): how many times the app wrote it anew, and
    for what share of the run it was absent (expired: readers then went on to the page cache). Shows that the
    page really expired and was rendered again during every run."""

    def __init__(self, path: Path):
        self.path = path
        self.writes = 0
        self.absent = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        last, seen, missing = None, 0, 0
        while not self._stop.wait(0.02):
            try:
                stat = self.path.stat()
                state = (stat.st_ino, stat.st_mtime_ns)
            except FileNotFoundError:
                state = None
                missing += 1
            seen += 1
            if state is not None and state != last and last is not None:
                self.writes += 1
            if state is not None:
                last = state
        self.absent = missing / seen if seen else 0.0

    def __enter__(self) -> FileWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def worker_memory_mb(parent_pid: int) -> list[tuple[int, float, float, float]]:
    """``(pid, peak RSS, RSS now, PSS now)`` of each child of ``parent_pid`` (the app server's workers).

    RSS counts every page a worker maps, shared ones included (the peak is VmHWM); PSS divides shared pages
    between the processes that map them, so the PSS of all workers adds up to what they really use.
    """
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            ppid = re.search(r"PPid:\s+(\d+)", text)
            if not ppid or int(ppid.group(1)) != parent_pid:
                continue
            rollup = (status.parent / "smaps_rollup").read_text()
        except OSError:
            continue
        hwm = int(re.search(r"VmHWM:\s+(\d+) kB", text).group(1)) / 1024
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024
        pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1)) / 1024
        found.append((int(status.parent.name), hwm, rss, pss))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(name):
            print(f"bench: {name} is required (PostgreSQL + Redis)", file=sys.stderr)
            return 2
    # All of wrk's simulated readers share the loopback address: no per-address allowance for this stack.
    defaults = {"PAGE_CACHE_SECONDS": "2", "PAGE_CACHE": "front", "FRONT_REFRESH_URL": REFRESH,
                "BEACON_READERS_PER_ADDRESS": "0"}
    ours = {name for name in defaults if name not in os.environ}  # not passed on to uncached_bench.py
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
    started = False
    if os.environ.get("BENCH_REUSE") != "1":
        subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "stop"], check=False, capture_output=True)
        subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "start"], check=True)
        started = True
    try:
        status = run(args)
    finally:
        if started:
            subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "stop"], check=False)
    uncached = run_uncached_bench(args, env={k: v for k, v in os.environ.items() if k not in ours})
    return status or uncached


def run(args) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()
    from toasoan.news.selectors import published_articles

    articles = list(published_articles().order_by("-published_at")[:200])
    if not articles:
        print("bench: no published articles; run `toasoan setup --demo` first", file=sys.stderr)
        return 2
    article = max(articles[:50], key=lambda a: len(fetch(f"{FRONT}{a.canonical_path()}")))
    path = article.canonical_path()
    body = fetch(f"{FRONT}{path}")
    (RUN_DIR / "static-copy").mkdir(parents=True, exist_ok=True)
    (RUN_DIR / "static-copy" / "article.html").write_bytes(body)
    print(f"bench: article {path} ({len(body) / 1024:.1f} KB), {args.rounds} interleaved rounds × "
          f"{args.seconds} s, {CONNECTIONS} connections, page lifetime {os.environ['PAGE_CACHE_SECONDS']} s",
          flush=True)

    static, cached, uncached = [], [], []
    page_file = RUN_DIR / "pages" / "127.0.0.1" / path.lstrip("/")
    for i in range(args.rounds):
        static.append(wrk(f"{FRONT}/__static/article.html", args.seconds))
        with FileWatch(page_file) as watch:
            cached.append(wrk(f"{FRONT}{path}", args.seconds))
        uncached.append(wrk(f"{APP}{path}", args.seconds))
        print(f"  round {i + 1}: static {static[-1]['rps']:,.0f}, cached {cached[-1]['rps']:,.0f} "
              f"(p99 {cached[-1]['p99']:.1f} ms; the page's file written {watch.writes} times, absent "
              f"{watch.absent:.0%} of the run), uncached {uncached[-1]['rps']:,.0f} req/s", flush=True)
    s_med, _ = summary("nginx static file", static)
    c_med, c_p99 = summary("cached article through the front", cached)
    u_med, _ = summary("uncached article (app, no page cache)", uncached)
    ok = target("cached_vs_static", c_med / s_med, ">=", 0.9)
    ok &= target("cached_p99_ms", c_p99, "<=", 20.0)
    print(f"  uncached article: {u_med:,.0f} req/s, app directly, front mode (its ratio to a plain Wagtail page: "
          f"bench/uncached_bench.py, run at the end)")

    ok &= beacons(args, articles[:100])
    ok &= edit_visible(article.pk, path)

    web_pid = int((RUN_DIR / "web.pid").read_text())
    workers = worker_memory_mb(web_pid)
    for pid, hwm, rss, pss in workers:
        print(f"  app worker {pid}: peak RSS {hwm:.0f} MB, RSS now {rss:.0f} MB, PSS now {pss:.0f} MB")
    ok &= target("peak_rss_per_worker_mb", max(w[1] for w in workers) if workers else float("nan"), "<=", 150.0,
                 " MB")
    return 0 if ok else 1


def total_views() -> int:
    from django.db.models import Sum

    from toasoan.analytics.models import ArticleViewHour

    return ArticleViewHour.objects.aggregate(n=Sum("views"))["n"] or 0


def beacons(args, articles: list) -> bool:
    """wrk sends beacons through the front; every 204 must be in the database once the spool is read.

    Recorded per second = beacons acknowledged / (wrk's seconds + the time the spool reader needed after
    wrk stopped to have them all in the database): what the whole path sustains, not only nginx.
    """
    from toasoan.analytics import counters, spool

    spool_dir = RUN_DIR / "beacons"
    settle_deadline = time.monotonic() + 30
    while spool.pending_beacons(spool_dir) and time.monotonic() < settle_deadline:
        time.sleep(0.2)
    counters.flush()
    before = total_views() + counters.pending_views()
    # Each article with the token its page carries (toasoan/analytics/tokens.py), as a reader's browser sends it.
    pairs = []
    for article in articles:
        page = fetch(f"{FRONT}{article.canonical_path()}")
        found = re.search(rb'data-article="(\d+)" data-token="([A-Za-z0-9_-]+)"', page)
        if found:
            pairs.append(f"{found.group(1).decode()}:{found.group(2).decode()}")
    beacon = wrk(FRONT, args.seconds, script=Path(__file__).with_name("beacon.lua"),
                 env={"BENCH_IDS": " ".join(pairs)})
    acknowledged = beacon["counted"] or 0
    stopped = time.monotonic()
    recorded = 0
    while time.monotonic() - stopped < 120:
        counters.flush()
        recorded = total_views() - before
        if recorded >= acknowledged and not spool.pending_beacons(spool_dir):
            break
        time.sleep(0.1)
    drain = time.monotonic() - stopped
    print(f"  beacons: {beacon['rps']:,.0f} answers/s through the front, {acknowledged:,} acknowledged (204), "
          f"{recorded:,} in the database {drain:.1f} s after wrk stopped")
    ok = target("beacons_per_s", min(acknowledged, recorded) / (args.seconds + drain), ">=", 3000)
    return ok & target("beacons_lost", float(acknowledged - recorded), "<=", 0)


def edit_visible(article_id: int, path: str) -> bool:
    """Publish an edit as the admin does (the purge runs at commit) and time, from the commit, until the front
    serves the new title: a reader polls the article through the front every 10 ms meanwhile."""
    import threading

    from django.db import transaction

    from toasoan.news.models import ArticlePage

    title = ArticlePage.objects.get(pk=article_id).title
    visible, returned = [], []
    for i in range(EDITS):
        marker = f"{title} (cập nhật {i} lúc {int(time.time()) % 100000})"
        page = ArticlePage.objects.get(pk=article_id)
        page.title = marker
        committed: list[float] = []
        seen: list[float] = []

        def reader(marker=marker, committed=committed, seen=seen) -> None:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                if committed and marker.encode() in fetch(f"{FRONT}{path}"):
                    seen.append(time.monotonic())
                    return
                time.sleep(0.01)

        poller = threading.Thread(target=reader)
        poller.start()
        with transaction.atomic():
            transaction.on_commit(lambda committed=committed: committed.append(time.monotonic()))
            page.save_revision().publish()
        returned.append(time.monotonic() - committed[0])  # the purge waited for every refresh
        poller.join()
        visible.append(seen[0] - committed[0] if seen else 99.0)
        time.sleep(0.5)
    restore = ArticlePage.objects.get(pk=article_id)
    restore.title = title
    restore.save_revision().publish()
    print(f"  edit visible through the front, from the commit: {', '.join(f'{t:.2f}' for t in visible)} s "
          f"(median {statistics.median(visible):.2f}); the publish returned after its purge refreshed every "
          f"listing: {', '.join(f'{t:.2f}' for t in returned)} s after the commit")
    return target("purge_visible_s", max(visible), "<=", 1.0, " s")


def run_uncached_bench(args, *, env: dict) -> int:
    """bench/uncached_bench.py (uncached article vs a plain Wagtail page), when it exists, with the same run size.

    It runs after the stack above is stopped (it starts its own servers); its lines are printed as they come.
    """
    script = Path(__file__).with_name("uncached_bench.py")
    if not script.exists():
        return 0
    print(f"bench: {script.name} --rounds {args.rounds} --seconds {args.seconds}", flush=True)
    return subprocess.run([sys.executable, str(script), "--rounds", str(args.rounds), "--seconds",
                           str(args.seconds)], check=False, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
