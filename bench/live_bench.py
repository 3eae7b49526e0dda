"""Live coverage under load: thousands of readers polling one story through the production front.

Starts the production stack on loopback (``deploy/prod-local.sh``, its own folder and ports) on a fresh
database with the demo (which has one story in live coverage), then for ``--seconds``:

* ``--readers`` simulated readers (default 2,000), each with its own keep-alive connection to the front,
  poll the story's feed (``/truc-tiep/<id>.json``) every ``--interval`` seconds (3, as the page's script does),
  sending the ETag they hold (``If-None-Match``), starting at random moments;
* an editor posts an update every ``--post-every`` seconds (10), through the product's own service in a
  separate process (``toasoan shell``), which prints the moment its transaction committed.

It reports, against a baseline measured in the same run (the first poll round, before any update):
the delay from each update's commit to the moment each reader first had it (p50, p99, max; readers that
never got an update count as misses), the share of reader requests that reached the app (every answer the
front gives says so in ``X-Cache``: MISS, EXPIRED, STALE, BYPASS and REVALIDATED went to the app; HIT, UPDATING
and 304s from the front's copy did not) and the number of 5xx answers. Ends with target lines.

Uses DATABASE_URL when set (PostgreSQL, as in production), else SQLite under ``var/live-bench/``. Needs
REDIS_URL, as production does: without Redis an update made in one process cannot have the front fetch the feed
again at once, and readers wait for the front's two-second copy to expire. Needs nginx
(``apt-get install nginx``). Only 127.0.0.1 is loaded.

    [LIVE_BENCH_PORT=8191] .venv/bin/python bench/live_bench.py [--readers 2000] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "live-bench"
# Three consecutive loopback ports from LIVE_BENCH_PORT (8191 unless set), so that runs side by side do not clash.
_BASE_PORT = int(os.environ.get("LIVE_BENCH_PORT", "8191"))
PORTS = {"PROD_PORT": str(_BASE_PORT), "REFRESH_PORT": str(_BASE_PORT + 1), "APP_PORT": str(_BASE_PORT + 2)}
ORIGIN_STATUSES = {"MISS", "EXPIRED", "STALE", "BYPASS", "REVALIDATED"}


def environment() -> dict[str, str]:
    env = {**os.environ, **PORTS, "PROD_RUN_DIR": str(WORK / "run"), "TOASOAN_VAR_DIR": str(WORK / "data"),
           "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def toasoan(*args: str, env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "toasoan"), *args], env=env, check=True, capture_output=True, text=True,
                          **kwargs)


def production_env(env: dict[str, str]) -> dict[str, str]:
    secret = (WORK / "run" / "secret_key").read_text().strip()
    return {**env, "DJANGO_SETTINGS_MODULE": "toasoan.settings.production", "SECRET_KEY": secret,
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_COOKIES": "0", "PAGE_CACHE": "front",
            "FRONT_REFRESH_URL": f"http://127.0.0.1:{PORTS['REFRESH_PORT']}", "SERVE_MEDIA": "0"}


# The editor: one process that posts an update each time it reads a line (started once: no start-up per post).
POST_SCRIPT = """
import sys, time
from django.contrib.auth import get_user_model
from toasoan.live import selectors, services
from toasoan.news.models import ArticlePage
from toasoan.demo.live import LIVE_ARTICLE_TITLE
story = ArticlePage.objects.get(title=LIVE_ARTICLE_TITLE)
editor = get_user_model().objects.filter(is_superuser=True).first()
coverage = selectors.coverage_for(article_id=story.pk)
print("READY", flush=True)
for line in sys.stdin:
    update = services.post_update(coverage=coverage, user=editor, text="Cập nhật thử tải số " + line.strip())
    print("POSTED", update.pk, time.time(), flush=True)
"""


class Editor:
    def __init__(self, env: dict[str, str]):
        self.process = subprocess.Popen([str(BIN / "toasoan"), "shell", "-v", "0", "-c", POST_SCRIPT], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "READY"

    def post(self, n: int) -> tuple[int, float]:
        self.process.stdin.write(f"{n}\n")
        self.process.stdin.flush()
        _, pk, at = self.process.stdout.readline().split()
        return int(pk), float(at)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Reader:
    def __init__(self, *, url_path: str, interval: float, stats: Counter, seen: dict[int, float]):
        self.path = url_path
        self.interval = interval
        self.stats = stats
        self.seen = seen  # update id -> first time this reader had it
        self.etag = ""

    async def run(self, *, until: float) -> None:
        await asyncio.sleep(random.uniform(0, self.interval))
        reader = writer = None
        while time.time() < until:
            started = time.time()
            for attempt in (1, 2):  # a kept-alive connection the front closed is opened again at once
                fresh = writer is None
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection("127.0.0.1", int(PORTS["PROD_PORT"]))
                    await self.poll(reader, writer)
                    break
                except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                    if writer is not None:
                        writer.close()
                    reader = writer = None
                    if fresh or attempt == 2:
                        self.stats["connection errors"] += 1
                        break
            await asyncio.sleep(max(0.0, self.interval - (time.time() - started)))
        if writer is not None:
            writer.close()

    async def poll(self, reader, writer) -> None:
        request = f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
        if self.etag:
            request += f"If-None-Match: {self.etag}\r\n"
        writer.write((request + "\r\n").encode())
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionResetError("closed by the front")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await reader.readline()).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)  # the chunk and its CRLF
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            length = int(headers.get("content-length", "0") or 0)
            body = await reader.readexactly(length) if length else b""
        now = time.time()
        self.stats["requests"] += 1
        self.stats[f"status {status}"] += 1
        cache_status = headers.get("x-cache", "NONE")
        self.stats[f"x-cache {cache_status}"] += 1
        if cache_status in ORIGIN_STATUSES:
            self.stats["origin"] += 1
        if status >= 500:
            self.stats["5xx"] += 1
        if status == 200:
            for update in json.loads(body)["updates"]:
                self.seen.setdefault(update["id"], now)
            self.etag = headers.get("etag", "")


async def load(*, path: str, readers: int, interval: float, seconds: float, posts: list, editor: Editor | None,
               post_every: float) -> tuple[Counter, list[dict[int, float]]]:
    stats: Counter = Counter()
    seen: list[dict[int, float]] = [{} for _ in range(readers)]
    until = time.time() + seconds
    tasks = [asyncio.create_task(Reader(url_path=path, interval=interval, stats=stats, seen=seen[i]).run(until=until))
             for i in range(readers)]
    n = 0
    if post_every > 0:
        await asyncio.sleep(post_every)
    while post_every > 0 and time.time() < until - post_every / 2:
        n += 1
        asked = time.time()
        posts.append(await asyncio.to_thread(editor.post, n))
        await asyncio.sleep(max(0.0, post_every - (time.time() - asked)))
    await asyncio.gather(*tasks)
    return stats, seen


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=3.0)
    parser.add_argument("--post-every", type=float, default=10.0)
    args = parser.parse_args()
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        print("Thiếu nginx: cài bằng  sudo apt-get install nginx", file=sys.stderr)
        return 2
    if not os.environ.get("REDIS_URL"):
        print("Cần REDIS_URL (như production), ví dụ REDIS_URL=redis://127.0.0.1:6379/12", file=sys.stderr)
        return 2
    print(f"== machine: {os.cpu_count()} cores, load average {load_average()} at start", flush=True)
    env = environment()
    prod = ROOT / "deploy" / "prod-local.sh"
    subprocess.run([str(prod), "stop"], env=env, capture_output=True, check=False)
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    print("== database and demo content (one story in live coverage)", flush=True)
    toasoan("migrate", "--noinput", env=env, timeout=600)
    toasoan("load-demo", env=env, timeout=600)
    subprocess.run([str(BIN / "toasoan"), "shell", "-c",
                    "from django.contrib.auth import get_user_model; "
                    "get_user_model().objects.create_superuser('bench-editor', 'b@example.invalid', None)"],
                   env=env, check=True, capture_output=True)
    subprocess.run([str(prod), "start"], env={**env, "VENV": str(BIN.parent)}, check=True, capture_output=True)
    try:
        prod_env = production_env(env)
        story = toasoan("shell", "-c", "from toasoan.news.models import ArticlePage; "
                        "from toasoan.demo.live import LIVE_ARTICLE_TITLE; "
                        "print(ArticlePage.objects.get(title=LIVE_ARTICLE_TITLE).pk)", env=prod_env).stdout.split()[-1]
        path = f"/truc-tiep/{story}.json"
        print(f"== baseline: {args.readers} readers, one poll round, no update", flush=True)
        posts: list[tuple[int, float]] = []
        base_stats, _ = asyncio.run(load(path=path, readers=args.readers, interval=args.interval,
                                         seconds=args.interval * 2, posts=[], editor=None,
                                         post_every=0))
        print(f"== {args.seconds:.0f} s: {args.readers} readers every {args.interval:g} s, an update every "
              f"{args.post_every:g} s", flush=True)
        editor = Editor(prod_env)
        try:
            stats, seen = asyncio.run(load(path=path, readers=args.readers, interval=args.interval,
                                           seconds=args.seconds, posts=posts, editor=editor,
                                           post_every=args.post_every))
        finally:
            editor.close()
    finally:
        subprocess.run([str(prod), "stop"], env=env, capture_output=True, check=False)

    print(f"== machine: load average {load_average()} at end (other work on the machine slows every figure)")
    delays: list[float] = []
    misses = 0
    for pk, posted_at in posts:
        for reader_seen in seen:
            if pk in reader_seen:
                delays.append(max(0.0, reader_seen[pk] - posted_at))
            else:
                misses += 1
    duration = args.seconds
    reader_rps = stats["requests"] / duration
    origin_share = stats["origin"] / max(1, stats["requests"])
    base_rps = base_stats["requests"] / (args.interval * 2)
    print(f"  baseline (no update): {base_rps:,.0f} reader req/s, origin {base_stats['origin']} of "
          f"{base_stats['requests']} requests")
    print(f"  under updates: {reader_rps:,.0f} reader req/s ({reader_rps / max(base_rps, 1):.2f}× baseline), "
          f"{len(posts)} updates, answers: "
          + ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if k.startswith(("status", "x-cache"))))
    if delays:
        ordered = sorted(delays)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f"  delay from commit to reader: p50 {statistics.median(ordered):.2f} s, p99 {p99:.2f} s, "
              f"max {ordered[-1]:.2f} s over {len(ordered):,} (reader, update) pairs; misses {misses}")
    else:
        p99 = float("inf")
    errors = stats["5xx"] + stats["connection errors"]
    print(f"target live_update_p99_delay_s: {p99:.2f} (goal <= 5) {'PASS' if p99 <= 5 else 'FAIL'}")
    print(f"target live_readers_missing_an_update: {misses} (goal == 0) {'PASS' if misses == 0 else 'FAIL'}")
    print(f"target live_origin_share_of_reader_requests: {origin_share:.4f} (goal <= 0.01) "
          f"{'PASS' if origin_share <= 0.01 else 'FAIL'}")
    print(f"target live_5xx_and_connection_errors: {errors} (goal == 0) {'PASS' if errors == 0 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
