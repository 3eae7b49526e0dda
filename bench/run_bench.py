"""``make bench``: issue 6's ratios, measured in one run against the production stack on loopback.

Starts ``deploy/prod-local.sh`` (unless BENCH_REUSE=1) with a 2-second page lifetime so cached entries
expire during every run, then interleaves wrk runs (50 connections, ``--rounds`` × ``--seconds``) and
prints medians, spreads and ``target NAME: VALUE (goal OP X) PASS|FAIL`` lines. Needs DATABASE_URL
(PostgreSQL) and REDIS_URL pointing at a database with published articles (``toasoan setup --demo``).
Only 127.0.0.1 is ever loaded.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = Path(os.environ.get("PROD_RUN_DIR", ROOT / "var" / "prod-local"))
FRONT = f"http://127.0.0.1:{os.environ.get('PROD_PORT', '8080')}"
APP = f"http://127.0.0.1:{os.environ.get('APP_PORT', '8090')}"
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


def peak_rss_mb(parent_pid: int) -> list[float]:
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        ppid = re.search(r"PPid:\s+(\d+)", text)
        hwm = re.search(r"VmHWM:\s+(\d+) kB", text)
        if ppid and hwm and int(ppid.group(1)) == parent_pid:
            sizes.append(int(hwm.group(1)) / 1024)
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(name):
            print(f"bench: {name} is required (PostgreSQL + Redis)", file=sys.stderr)
            return 2
    os.environ.setdefault("PAGE_CACHE_SECONDS", "2")
    os.environ.setdefault("PAGE_CACHE", "front")
    os.environ.setdefault("FRONT_REFRESH_URL", "http://127.0.0.1:8081")
    started = False
    if os.environ.get("BENCH_REUSE") != "1":
        subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "stop"], check=False, capture_output=True)
        subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "start"], check=True)
        started = True
    try:
        return run(args)
    finally:
        if started:
            subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "stop"], check=False)


def run(args) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()
    from django.db.models import Sum

    from toasoan.analytics import counters
    from toasoan.analytics.models import ArticleViewHour
    from toasoan.news.models import ArticlePage
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
    for i in range(args.rounds):
        static.append(wrk(f"{FRONT}/__static/article.html", args.seconds))
        cached.append(wrk(f"{FRONT}{path}", args.seconds))
        uncached.append(wrk(f"{APP}{path}", args.seconds))
        print(f"  round {i + 1}: static {static[-1]['rps']:,.0f}, cached {cached[-1]['rps']:,.0f} "
              f"(p99 {cached[-1]['p99']:.1f} ms), uncached {uncached[-1]['rps']:,.0f} req/s", flush=True)
    s_med, _ = summary("nginx static file", static)
    c_med, c_p99 = summary("cached article through the front", cached)
    u_med, _ = summary("uncached article (app, no page cache)", uncached)
    ok = target("cached_vs_static", c_med / s_med, ">=", 0.9)
    ok &= target("cached_p99_ms", c_p99, "<=", 20.0)
    print(f"  uncached article: {u_med:,.0f} req/s (the Wagtail baseline page of bench/ is not built yet: "
          f"no ratio printed)")

    # Beacons: every 204 must reach the database after the flush.
    ids = " ".join(str(a.pk) for a in articles[:100])
    before = (ArticleViewHour.objects.aggregate(n=Sum("views"))["n"] or 0) + counters.pending_views()
    beacon = wrk(FRONT, args.seconds, script=Path(__file__).with_name("beacon.lua"), env={"BENCH_IDS": ids})
    counters.flush()
    time.sleep(0.5)
    counters.flush()
    after = ArticleViewHour.objects.aggregate(n=Sum("views"))["n"] or 0
    recorded = after - before
    acknowledged = beacon["counted"] or 0
    print(f"  beacons: {beacon['rps']:,.0f} req/s, {acknowledged:,} acknowledged, {recorded:,} in the database")
    ok &= target("beacons_per_s", acknowledged / args.seconds, ">=", 3000)
    ok &= target("beacons_lost", float(acknowledged - recorded), "<=", 0)

    # Purge: an edit is visible through the front within a second.
    title = article.title
    marker = f"{title} (cập nhật {int(time.time()) % 100000})"
    revision_source = ArticlePage.objects.get(pk=article.pk)
    revision_source.title = marker
    t0 = time.monotonic()
    revision_source.save_revision().publish()
    seen = None
    while time.monotonic() - t0 < 5:
        if marker.encode() in fetch(f"{FRONT}{path}"):
            seen = time.monotonic() - t0
            break
        time.sleep(0.02)
    restore = ArticlePage.objects.get(pk=article.pk)
    restore.title = title
    restore.save_revision().publish()
    ok &= target("purge_visible_s", seen if seen is not None else 99.0, "<=", 1.0, " s")

    web_pid = int((RUN_DIR / "web.pid").read_text())
    rss = peak_rss_mb(web_pid)
    ok &= target("peak_rss_per_worker_mb", max(rss) if rss else float("nan"), "<=", 150.0, " MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
