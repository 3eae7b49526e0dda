"""Issue 25's cluster figures, through both fronts of ``make prod-cluster`` at once (127.0.0.1 only).

Starts ``deploy/prod-cluster.sh`` (unless BENCH_REUSE=1; ports from CLUSTER_* / NODE*_PORT, as the script)
and loads the demo content into its database when it has no article. Then:

1. **cached vs static**: wrk on both fronts at the same time, the cached article against the same bytes as a
   static file on the same fronts, interleaved rounds; the ratio of the summed answers per second.
2. **edit on every front**: an edit published as the admin does; two readers poll the article, one per front,
   every 10 ms; the time from the commit until *both* fronts serve the new title.
3. **beacons through both nodes**: wrk posts view beacons to both fronts at once; every 204 must be counted
   once the two nodes' spool readers have read their folders.
4. **primary restarted**: readers keep reading cached pages from both fronts while the PostgreSQL primary is
   restarted (``pg_ctl restart -m fast``); 5xx answers are counted (goal 0), and the time until the app
   answers ``/readyz`` (which needs the primary) again is the recovery time.

Prints ``target NAME: VALUE (goal OP X) PASS|FAIL`` lines and saves its output in bench/data/cluster/.
wrk is required (Debian: ``sudo apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_bench import summary, target, wrk  # noqa: E402

DIR = Path(os.environ.get("CLUSTER_DIR", ROOT / "var" / "prod-cluster"))
EDITS = 5


def ports() -> dict[str, int]:
    values = {"CLUSTER_PG_PORT": 5442, "CLUSTER_REDIS_PORT": 6390, "NODE1_PORT": 8080, "NODE2_PORT": 8180}
    saved = DIR / "ports.env"
    if saved.exists():
        for line in saved.read_text().splitlines():
            name, _sep, value = line.partition("=")
            if name in values and value.isdigit():
                values[name] = int(value)
    for name in values:
        if os.environ.get(name, "").isdigit():
            values[name] = int(os.environ[name])
    return values


class Tee:
    """Everything printed also goes to the run's file in bench/data/cluster/."""

    def __init__(self, path: Path):
        self.file = path.open("w")
        self.stdout = sys.stdout

    def write(self, text: str) -> int:
        self.file.write(text)
        self.file.flush()
        return self.stdout.write(text)

    def flush(self) -> None:
        self.stdout.flush()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        return response.read()


def both(function, urls: list[str], *args) -> list:
    with ThreadPoolExecutor(len(urls)) as pool:
        return list(pool.map(lambda url: function(url, *args), urls))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench: wrk is missing — install it with: sudo apt-get install wrk", file=sys.stderr)
        return 2
    found = ports()
    os.environ.update({name: str(value) for name, value in found.items()})
    os.environ.setdefault("BEACON_READERS_PER_ADDRESS", "0")  # wrk's readers all share the loopback address
    started = False
    if os.environ.get("BENCH_REUSE") != "1":
        subprocess.run([str(ROOT / "deploy" / "prod-cluster.sh"), "start"], check=True)
        started = True
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{found['CLUSTER_PG_PORT']}/toasoan"
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{found['CLUSTER_REDIS_PORT']}/0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"  # the nodes' workers run what publishing queues
    # This process publishes the edits as a node would: front mode, so its purges go to every registered front.
    os.environ.setdefault("PAGE_CACHE", "front")
    os.environ.setdefault("PAGE_CACHE_SECONDS", "60")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    sys.stdout = Tee(ROOT / "bench" / "data" / "cluster" / f"{stamp}.txt")
    try:
        return run(args, found)
    finally:
        sys.stdout = sys.stdout.stdout
        if started and os.environ.get("BENCH_KEEP") != "1":
            subprocess.run([str(ROOT / "deploy" / "prod-cluster.sh"), "stop"], check=False)


def run(args, found: dict[str, int]) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from toasoan.news.selectors import published_articles

    if not published_articles().exists():
        print("bench: the cluster's database has no article: loading the demo content", flush=True)
        call_command("load_demo")
    fronts = [f"http://127.0.0.1:{found['NODE1_PORT']}", f"http://127.0.0.1:{found['NODE2_PORT']}"]
    nodes = [DIR / "node1", DIR / "node2"]
    articles = list(published_articles().order_by("-published_at")[:100])
    article = articles[0]
    path = article.canonical_path()
    body = fetch(fronts[0] + path)
    for front, node in zip(fronts, nodes, strict=True):
        fetch(front + path)
        (node / "static-copy").mkdir(parents=True, exist_ok=True)
        (node / "static-copy" / "article.html").write_bytes(body)
    print(f"bench: two nodes ({', '.join(fronts)}), article {path} ({len(body) / 1024:.1f} KB), {args.rounds} "
          f"interleaved rounds × {args.seconds} s on both fronts at once", flush=True)

    static, cached = [], []
    for i in range(args.rounds):
        runs = both(wrk, [f"{front}/__static/article.html" for front in fronts], args.seconds)
        static.append({"rps": sum(r["rps"] for r in runs), "p99": max(r["p99"] for r in runs)})
        runs = both(wrk, [front + path for front in fronts], args.seconds)
        cached.append({"rps": sum(r["rps"] for r in runs), "p99": max(r["p99"] for r in runs),
                       "non2xx": sum(r["non2xx"] for r in runs)})
        print(f"  round {i + 1}: static {static[-1]['rps']:,.0f}, cached {cached[-1]['rps']:,.0f} req/s "
              f"(both fronts; non-2xx {cached[-1]['non2xx']})", flush=True)
    s_med, _ = summary("static file, both fronts", static)
    c_med, _ = summary("cached article, both fronts", cached)
    ok = target("cluster_cached_vs_static", c_med / s_med, ">=", 0.9)
    ok &= edit_on_every_front(article.pk, path, fronts)
    ok &= beacons(args, articles, fronts, nodes)
    ok &= primary_restart(path, fronts, found)
    return 0 if ok else 1


def edit_on_every_front(article_id: int, path: str, fronts: list[str]) -> bool:
    from django.db import transaction

    from toasoan.news.models import ArticlePage

    title = ArticlePage.objects.get(pk=article_id).title
    visible = []
    for i in range(EDITS):
        marker = f"{title} (cập nhật {i} lúc {int(time.time()) % 100000})"
        page = ArticlePage.objects.get(pk=article_id)
        page.title = marker
        committed: list[float] = []
        seen: dict[str, float] = {}

        def reader(front: str, marker=marker, committed=committed, seen=seen) -> None:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                if committed and marker.encode() in fetch(front + path):
                    seen[front] = time.monotonic()
                    return
                time.sleep(0.01)

        pollers = [threading.Thread(target=reader, args=(front,)) for front in fronts]
        for poller in pollers:
            poller.start()
        with transaction.atomic():
            transaction.on_commit(lambda committed=committed: committed.append(time.monotonic()))
            page.save_revision().publish()
        for poller in pollers:
            poller.join()
        visible.append(max(seen.values()) - committed[0] if len(seen) == len(fronts) else 99.0)
        time.sleep(0.3)
    restore = ArticlePage.objects.get(pk=article_id)
    restore.title = title
    restore.save_revision().publish()
    print(f"  edit visible on both fronts, from the commit: {', '.join(f'{t:.2f}' for t in visible)} s "
          f"(median {statistics.median(visible):.2f})", flush=True)
    return target("cluster_edit_on_every_front_s", max(visible), "<=", 1.0, " s")


def beacons(args, articles: list, fronts: list[str], nodes: list[Path]) -> bool:
    from django.db.models import Sum

    from toasoan.analytics import counters, spool
    from toasoan.analytics.models import ArticleViewHour

    def total() -> int:
        return ArticleViewHour.objects.aggregate(n=Sum("views"))["n"] or 0

    def pending() -> int:
        return sum(spool.pending_beacons(node / "beacons") for node in nodes)

    deadline = time.monotonic() + 30
    while pending() and time.monotonic() < deadline:
        time.sleep(0.2)
    counters.flush()
    before = total() + counters.pending_views()
    pairs = []
    for article in articles:
        found = re.search(rb'data-article="(\d+)" data-token="([A-Za-z0-9_-]+)"',
                          fetch(fronts[0] + article.canonical_path()))
        if found:
            pairs.append(f"{found.group(1).decode()}:{found.group(2).decode()}")
    def lines_now() -> dict[Path, int]:
        found = {}
        for node in nodes:
            for path in (node / "beacons").glob("*.log"):
                with path.open("rb") as handle:
                    found[path] = handle.read().count(b"\n")
        return found

    lines_before = lines_now()
    script = ROOT / "bench" / "beacon.lua"
    runs = both(lambda front: wrk(front, args.seconds, script=script,
                                  env={"BENCH_IDS": " ".join(pairs), "BENCH_SALT": f"s{front[-5:]}"}), fronts)
    acknowledged = sum(r["counted"] or 0 for r in runs)
    time.sleep(0.5)  # the answers wrk stopped waiting for: nginx has logged those beacons too
    # What the two fronts accepted and logged (a file finished and removed meanwhile had nothing new).
    logged = sum(n - lines_before.get(path, 0) for path, n in lines_now().items())
    stopped = time.monotonic()
    recorded = 0
    while time.monotonic() - stopped < 120:
        counters.flush()
        recorded = total() - before
        if recorded >= logged and not pending():
            break
        time.sleep(0.2)
    drain = time.monotonic() - stopped
    per_front = ", ".join(f"{r['counted'] or 0:,}" for r in runs)
    print(f"  beacons: {per_front} answered 204 to wrk by the two fronts, {logged:,} accepted and logged by them "
          f"(with those in flight when wrk stopped), {recorded:,} counted in the database {drain:.1f} s after wrk "
          f"stopped", flush=True)
    ok = target("cluster_beacons_lost", float(max(logged - recorded, 0, acknowledged - recorded)), "<=", 0)
    return ok & target("cluster_beacons_counted_twice", float(max(recorded - logged, 0)), "<=", 0)


def primary_restart(path: str, fronts: list[str], found: dict[str, int]) -> bool:
    """Readers on cached pages of both fronts while the primary restarts: 5xx count and recovery time."""
    pages = [front + page for front in fronts for page in (path, "/")]
    for url in pages:
        fetch(url)
    app = f"http://127.0.0.1:{found['NODE1_PORT'] + 10}/readyz"
    ready_before = status_of(app)
    statuses: list[int] = []
    stop = threading.Event()

    def reader(url: str) -> None:
        while not stop.is_set():
            statuses.append(status_of(url))
            time.sleep(0.005)

    threads = [threading.Thread(target=reader, args=(url,)) for url in pages]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    data = DIR / "pg-primary"
    pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    argv = [str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "-t", "60", "restart",
            "-l", str(DIR / "pg-logs" / "primary.log")]
    if os.geteuid() == 0:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=True, capture_output=True)
    restarted = time.monotonic() - began
    recovered = None
    while time.monotonic() - began < 60:
        if status_of(app) == ready_before == 200 or (ready_before != 200 and status_of(fronts[0] + "/") == 200):
            recovered = time.monotonic() - began
            break
        time.sleep(0.05)
    time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join()
    errors = sum(1 for s in statuses if s >= 500 or s == 0)
    print(f"  primary restarted in {restarted:.2f} s; {len(statuses):,} cached reader requests meanwhile on both "
          f"fronts, {errors} 5xx or refused; the app answered /readyz again {recovered or float('nan'):.2f} s after "
          f"the restart began", flush=True)
    ok = target("cluster_cached_5xx_during_primary_restart", float(errors), "<=", 0)
    return ok & target("cluster_primary_recovery_s", recovered if recovered is not None else 99.0, "<=", 10.0, " s")


if __name__ == "__main__":
    sys.exit(main())
