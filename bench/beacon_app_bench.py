"""View beacons answered by the app itself (no nginx in front: ``toasoan serve``, ``make demo``): cost and loss.

In process, through the production WSGI entry (``toasoan.analytics.wsgi.application``), with a Redis server of
its own (never the machine's shared one) and the database of ``DATABASE_URL`` (an article is made if there is
none). Each beacon comes from another reader (its own user agent, as bench/fault_load.py's sender), with the
page token the article's page carries. Three phases of ``--beacons`` each:

1. ``redis_up``: Redis answers; the time of each answer (median, 99th percentile) and the beacons per second of
   one thread;
2. ``redis_down``: Redis stopped (the rules run in the process's memory);
3. ``redis_flushed``: Redis answers, then loses its memory (``FLUSHALL``) before the counts are moved to the
   database.

After each phase the counts are moved to the database the way the layout does it (``toasoan flush_views`` and,
when the app keeps a spool, ``toasoan spool_views``) and every beacon answered ``204`` must be there.

    DATABASE_URL=postgres://… .venv/bin/python bench/beacon_app_bench.py [--beacons 3000] [--redis-port 8379] \
        [--spool on|off]

With the app's spool (the default) it also times appending one line alone, and the same followed by ``fsync``
(which the app does not do) for comparison.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36"


def target(name: str, value: float, op: str, goal: float) -> bool:
    ok = value >= goal if op == ">=" else value <= goal
    print(f"target {name}: {value:g} (goal {op} {goal:g}) {'PASS' if ok else 'FAIL'}", flush=True)
    return ok


def an_article():
    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.news.models import ArticlePage

    found = ArticlePage.objects.live().filter(published_at__isnull=False).order_by("-pk").first()
    if found is not None:
        return found
    ensure_site_structure()
    section = ensure_section(title="Thời sự", slug="thoi-su")
    page = section.add_child(instance=ArticlePage(title="Lũ miền Trung: bản tin đo lượt đọc", live=False,
                                                  sapo="Mưa lớn kéo dài ở Quảng Nam và Đà Nẵng."))
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def total_views(article_id: int) -> int:
    from django.db.models import Sum

    from toasoan.analytics.models import ArticleViewHour

    return ArticleViewHour.objects.filter(article_id=article_id).aggregate(n=Sum("views"))["n"] or 0


def settle() -> None:
    """Move the counts to the database as the layout's processes do."""
    from django.conf import settings

    from toasoan.analytics import counters

    counters.flush()
    folder = getattr(settings, "TOASOAN_BEACON_SPOOL_DIR", "")
    if folder and folder != "off" and Path(folder).is_dir():
        from toasoan.analytics import spool

        spool.process(Path(folder))


def send(application, article_id: int, token: str, reader: str) -> tuple[int, float]:
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/_v", "QUERY_STRING": f"a={article_id}&c={token}",
               "CONTENT_LENGTH": "0", "wsgi.input": io.BytesIO(b""), "HTTP_USER_AGENT": f"{BROWSER} r/{reader}",
               "REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.5"}
    status = []
    began = time.perf_counter()
    application(environ, lambda line, headers: status.append(line))
    return int(status[0].split()[0]), time.perf_counter() - began


def phase(name: str, application, article, count: int, before_settle=None) -> tuple[bool, float]:
    from toasoan.analytics import tokens

    token = tokens.issue(article_id=article.pk)
    start = total_views(article.pk)
    took, statuses = [], []
    began = time.perf_counter()
    for n in range(count):
        status, seconds = send(application, article.pk, token, f"{name}-{n}-{time.time_ns()}")
        statuses.append(status)
        took.append(seconds)
    wall = time.perf_counter() - began
    if before_settle is not None:
        before_settle()
    settle()
    acked = statuses.count(204)
    counted = total_views(article.pk) - start
    took.sort()
    median, p99 = statistics.median(took) * 1e6, took[int(len(took) * 0.99) - 1] * 1e6
    print(f"  {name}: {acked} of {count} answered 204 ({count / wall:,.0f} beacons/s, one thread), median "
          f"{median:.0f} µs, p99 {p99:.0f} µs; {counted} counted", flush=True)
    return target(f"app_beacons_lost_{name}", max(0, acked - counted), "<=", 0), median


def append_cost(folder: Path, count: int) -> None:
    """What keeping a beacon costs alone: one line appended to the spool, and (for comparison, not done by the
    app) the same followed by fsync, which would survive a power cut too."""
    from toasoan.analytics.appspool import app_spool

    for sync in (False, True):
        took = []
        for n in range(count):
            began = time.perf_counter()
            app_spool.append(folder=folder, moment=time.time(), address="203.0.113.5", article_id=1,
                             token=f"t{n}", user_agent=f"{BROWSER} r/{n}")
            if sync:
                os.fsync(app_spool._fd)
            took.append(time.perf_counter() - began)
        took.sort()
        print(f"  append{' + fsync' if sync else ''} alone: median {statistics.median(took) * 1e6:.1f} µs, "
              f"p99 {took[int(len(took) * 0.99) - 1] * 1e6:.1f} µs", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--beacons", type=int, default=3000)
    parser.add_argument("--redis-port", type=int, default=8379)
    parser.add_argument("--spool", choices=["on", "off"], default="on",
                        help="off: the app's spool switched off (BEACON_SPOOL_DIR=off), counts wait in Redis")
    args = parser.parse_args()
    from toasoan.ops.localdb import LocalRedis

    redis_server = LocalRedis.create(port=args.redis_port)
    spool_dir = Path(tempfile.mkdtemp(prefix="toasoan-beacon-bench-"))
    os.environ.update({"REDIS_URL": redis_server.url(), "BEACON_READERS_PER_ADDRESS": "0",
                       "BEACON_SPOOL_DIR": str(spool_dir) if args.spool == "on" else "off",
                       "CACHE_KEY_PREFIX": f"bb{os.getpid()}", "LOG_LEVEL": "ERROR"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    os.environ.setdefault("TOASOAN_VAR_DIR", str(spool_dir / "var"))
    try:
        import django

        django.setup()
        from django.conf import settings

        from toasoan.analytics import counters
        from toasoan.analytics.wsgi import application

        settings.TOASOAN_BEACON_RATE_PER_MINUTE = 0  # one address sends every beacon: no flood rule here
        article = an_article()
        spooled = getattr(settings, "TOASOAN_BEACON_SPOOL_DIR", "") not in ("", "off")
        print(f"bench: article {article.pk}, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[1]}, own "
              f"Redis :{args.redis_port}, the app's spool {'on' if spooled else 'absent'}", flush=True)
        send(application, article.pk, "warm", "warm-up")  # imports, the article lookup
        ok, median = phase("redis_up", application, article, args.beacons)
        redis_server.stop()
        ok &= phase("redis_down", application, article, args.beacons)[0]
        redis_server.start()
        counters.reset_redis_state()
        ok &= phase("redis_flushed", application, article, args.beacons,
                    before_settle=lambda: counters.get_redis().flushall())[0]
        if spooled:
            append_cost(spool_dir / "cost", args.beacons)
        ok &= target("app_beacon_median_us", round(median), "<=", 2000)
        return 0 if ok else 1
    finally:
        redis_server.destroy()
        shutil.rmtree(spool_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
