"""Beacons the app answers itself (no nginx front) survive Redis losing its memory and a killed web worker.

Real HTTP: to the site served in process (``live_server``, the Django view ``toasoan serve`` routes) and to
gunicorn serving the production entry (``toasoan.analytics.wsgi``), with a Redis server of the test's own on a
free loopback port (never the machine's shared one), which the test empties (``FLUSHALL``) and stops.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.db import connection

from tests.analytics.test_beacon import BROWSER
from tests.caching.nginx_front import free_port
from toasoan.analytics import appspool, beacon, counters, spool, tokens

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.run_last]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_redis(settings, analytics_prefix):
    from toasoan.ops.localdb import LocalRedis

    try:
        server = LocalRedis.create(port=free_port())
    except RuntimeError as exc:  # redis-server is not installed
        pytest.skip(str(exc))
    settings.TOASOAN_ANALYTICS_REDIS_URL = server.url()
    counters.reset_redis_state()
    counters.local_limits.clear()
    beacon.live_articles.forget()
    yield server
    server.destroy()
    counters.reset_redis_state()
    counters.local_limits.clear()
    beacon.live_articles.forget()


@pytest.fixture
def spool_dir(settings, tmp_path):
    folder = tmp_path / "beacons"
    settings.TOASOAN_BEACON_SPOOL_DIR = str(folder)
    return folder


def post(base: str, query: str, *, reader: str, body: bytes = b"", address: str = "") -> int:
    """One beacon as the page's script sends it; ``address``: the reader's address as the front passes it."""
    headers = {"User-Agent": f"{BROWSER} reader/{reader}", "Content-Type": "text/plain"}
    if address:
        headers["X-Real-IP"] = address
    return requests.post(f"{base}/_v?{query}" if query else f"{base}/_v", data=body, headers=headers,
                         timeout=10).status_code


def spooled_lines(folder: Path) -> int:
    return sum(path.read_bytes().count(b"\n") for path in folder.glob("*-app-*.log"))


def read_spool(folder: Path) -> str:
    out = io.StringIO()
    call_command("spool_views", "--dir", str(folder), stdout=out)  # the reader, one pass
    return out.getvalue()


def test_views_the_app_acknowledged_survive_redis_flushall_and_stop(live_server, own_redis, spool_dir,
                                                                     make_article, total_views, settings):
    articles = [make_article(title=f"Bão số {n}: cập nhật đường đi") for n in range(3)]
    query = {a.pk: f"a={a.pk}&c={tokens.issue(article_id=a.pk)}" for a in articles}
    acked: Counter = Counter()
    for n in range(60):
        article = articles[n % 3]
        if post(live_server.url, query[article.pk], reader=str(n), address=f"198.51.100.{n}") == 204:
            acked[article.pk] += 1
    assert sum(acked.values()) == 60
    # The rules ran in Redis: a reader's second beacon is a repeat, and the view waits in no Redis key.
    assert post(live_server.url, query[articles[0].pk], reader="0", address="198.51.100.0") == 202
    redis = counters.get_redis()
    assert redis.dbsize() > 0 and not redis.exists(counters.pending_key())
    # Hostile beacons: refused or ignored, nothing written.
    other = tokens.issue(article_id=articles[1].pk)
    forged = query[articles[0].pk][:-1] + ("A" if not query[articles[0].pk].endswith("A") else "B")
    assert post(live_server.url, f"a={articles[0].pk}&c={other}", reader="x1", address="192.0.2.1") == 202
    assert post(live_server.url, forged, reader="x2", address="192.0.2.2") == 202
    assert post(live_server.url, f"a={articles[0].pk}&a={articles[1].pk}", reader="x3", address="192.0.2.3") == 400
    assert post(live_server.url, "a=0", reader="x4", address="192.0.2.4") == 400
    assert post(live_server.url, "a=98765432109", reader="x5", address="192.0.2.5") == 404
    assert post(live_server.url, f"a={articles[0].pk}&c=%3Cscript%3E", reader="x6", address="192.0.2.6") == 400
    assert post(live_server.url, "", reader="x7", body=b"a=" + b"9" * 2_000_000, address="192.0.2.7") == 400
    assert spooled_lines(spool_dir) == 60

    redis.flushall()  # Redis loses its memory before any count reached the database
    own_redis.stop()  # ...and then stops: beacons are still answered and kept, the rules run in memory
    for n in range(60, 90):
        article = articles[n % 3]
        if post(live_server.url, query[article.pk], reader=str(n), address=f"198.51.100.{n}") == 204:
            acked[article.pk] += 1
    assert sum(acked.values()) == 90
    assert post(live_server.url, query[articles[0].pk], reader="60", address="198.51.100.60") == 202
    own_redis.start()

    assert "COUNTED=90" in read_spool(spool_dir)
    assert {a.pk: total_views(a.pk) for a in articles} == dict(acked)
    read_spool(spool_dir)  # read again: nothing counted twice
    assert total_views() == 90


def _postgres_url() -> str:
    db = connection.settings_dict
    return (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{db['NAME']}")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('sqlite') or not os.environ.get('DATABASE_URL')",
                    reason="a server process cannot open the in-memory SQLite test database (the PostgreSQL pass "
                           "runs this test)")
def test_a_web_worker_killed_mid_stream_loses_no_acknowledged_view(own_redis, spool_dir, make_article, total_views):
    """gunicorn (the production entry) answers a stream of beacons; one of its workers is SIGKILLed in the middle
    (the arbiter starts another), Redis is emptied: every 204 is counted once the spool is read."""
    assert connection.vendor == "postgresql"
    article = make_article(title="Giá xăng giảm từ 15 giờ chiều nay")
    query = f"a={article.pk}&c={tokens.issue(article_id=article.pk)}"
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.test", "DATABASE_URL": _postgres_url(),
           "REDIS_URL": own_redis.url(), "BEACON_SPOOL_DIR": str(spool_dir), "LOG_LEVEL": "ERROR"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "toasoan.analytics.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "gthread", "--threads", "2", "--graceful-timeout", "5"],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=(spool_dir.parent / "gunicorn.log").open("w"))
    base = f"http://127.0.0.1:{port}"
    statuses: list[int] = []
    stop = threading.Event()

    def send() -> None:
        n = 0
        while not stop.is_set():
            try:
                statuses.append(post(base, query, reader=f"s{n}", address=f"10.{n // 250 % 250}.{n % 250}.9"))
            except requests.RequestException:  # the connection the killed worker held: no answer, not acknowledged
                statuses.append(0)
            n += 1

    def wait_for(predicate, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.05)

    sender = threading.Thread(target=send, daemon=True)
    try:
        def answered() -> bool:
            try:
                return post(base, query, reader="warm-up", address="192.0.2.99") == 204
            except requests.ConnectionError:  # not listening yet
                return False

        wait_for(answered)
        sender.start()
        wait_for(lambda: statuses.count(204) >= 40)
        workers = _children(server.pid)
        os.kill(workers[0], signal.SIGKILL)
        killed_at = len(statuses)
        wait_for(lambda: len(_children(server.pid)) == 2 and workers[0] not in _children(server.pid))
        wait_for(lambda: statuses[killed_at:].count(204) >= 40)
    finally:
        stop.set()
        try:
            if sender.is_alive():
                sender.join(timeout=20)
        finally:  # the server never outlives the test
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
    acked = statuses.count(204) + 1  # and the warm-up
    assert set(statuses) <= {204, 0}, Counter(statuses)
    counters.get_redis().flushall()
    read_spool(spool_dir)
    counted = total_views(article.pk)
    # A request cut off by the kill may have been kept without its answer: counted, never acknowledged.
    assert acked <= counted <= acked + statuses.count(0) + 2, (acked, counted, Counter(statuses))
    assert counted == spooled_lines(spool_dir) or not list(spool_dir.glob("*.log"))


@pytest.mark.django_db
def test_the_spool_file_is_named_for_the_app_and_holds_nginx_lines(spool_dir, make_article, settings):
    """The line format is nginx's; the name tells the reader the rules were applied when it was answered."""
    article = make_article()
    appspool.app_spool.append(folder=spool_dir, moment=1_765_000_000.25, address="203.0.113.4",
                              article_id=article.pk, token="abc", user_agent='Mozilla "x"\t\\ Việt\n')
    (path,) = spool_dir.glob("*.log")
    assert appspool.FILE_NAME.fullmatch(path.name)["app"]
    assert path.read_bytes() == (f'1765000000.250\t203.0.113.4\ta={article.pk}&c=abc\t'
                                 'Mozilla \\x22x\\x22\\x09\\x5C Vi\\u1ec7t\\x0A\n').encode()
    assert spool.pending_beacons(spool_dir) == 1

