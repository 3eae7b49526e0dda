"""Reader pages read from a real streaming replica; writes, a reader's own follow-up and a failing replica don't.

A primary cluster of our own and its hot standby (``pg_basebackup -R``) on loopback ports; the test database is
copied into the primary and an app node (gunicorn) runs against both. What reaches the reader tells which copy
answered: while the replica's replay is paused, the article is taken offline on the primary, so the replica
still serves it (200) and the primary says 404. ``/readyz`` reports the replica's state and lag all along and stays
ready (200) when only the replica is behind or gone: readers then read from the primary.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import ensure_tree_root
from tests.replica.cluster import Node, copy_database, free_port, replica_caught_up, sql, wait_for
from toasoan.ops.localdb import LocalPostgres, postgres_bin
from toasoan.ops.models import Heartbeat
from toasoan.replica.middleware import PIN_COOKIE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def pair():
    if postgres_bin() is None:
        pytest.skip("initdb is absent (/usr/lib/postgresql/*/bin): no PostgreSQL cluster of our own")
    primary = LocalPostgres.create(port=free_port())
    try:
        replica = primary.standby(port=free_port())
    except BaseException:
        primary.destroy()
        raise
    yield primary, replica
    replica.destroy()
    primary.destroy()


def test_reader_reads_replica_until_own_write_lag_or_failure(pair, make_article):
    if connection.vendor != "postgresql":
        pytest.skip("the replica test copies the PostgreSQL test database")
    primary, replica = pair
    ensure_tree_root()
    story = make_article(title="Đường ven biển được mở rộng thêm hai làn xe 🚗")
    now = timezone.now()
    for kind in Heartbeat.Kind:  # a worker and the scheduler report themselves: the node is ready
        Heartbeat.objects.create(name=f"{kind}:thu", kind=kind, started_at=now, seen_at=now)
    copy_database(source=connection.settings_dict, target_url=primary.url())
    node = Node({"DATABASE_URL": primary.url(), "DATABASE_REPLICA_URL": replica.url(),
                 "REPLICA_MAX_LAG_SECONDS": "4", "REPLICA_CHECK_SECONDS": "0.2", "REPLICA_PIN_SECONDS": "30",
                 "TOASOAN_HEARTBEAT_STALE_SECONDS": "3600"})

    def ready_replica() -> tuple[int, dict]:
        status, body = node.get_json("/readyz")
        assert body["status"] == ("ok" if status == 200 else "fail")
        return status, body["checks"]["replica"]

    try:
        path = story.canonical_path()
        sql(primary.url(), "CREATE TABLE replica_mark (at timestamptz)")
        assert replica_caught_up(primary.url(), replica.url())
        assert node.get(path) == 200
        status, report = ready_replica()
        assert status == 200 and report["ok"] and report["required"] is False
        assert report["data"]["readers_on_replica"] is True and 0 <= report["data"]["lag_seconds"] <= 4
        assert "độc giả đọc từ bản sao" in report["detail"]

        # Replay paused right after a fresh commit: the replica is behind but within the 4-second limit.
        sql(primary.url(), "INSERT INTO replica_mark VALUES (now())")
        assert replica_caught_up(primary.url(), replica.url())
        sql(replica.url(), "SELECT pg_wal_replay_pause()")
        sql(primary.url(), "UPDATE wagtailcore_page SET live = false WHERE id = %s", story.pk)
        assert node.get(path) == 200  # the reader's read went to the replica, which has not seen the change

        # A reader's own write (a view beacon, POST) pins that reader to the primary for a while.
        status, set_cookie = node.post(f"/_v?a={story.pk}")
        assert status < 500
        assert f"{PIN_COOKIE}=1" in set_cookie and "Max-Age=30" in set_cookie and "HttpOnly" in set_cookie
        assert node.get(path, cookies=f"{PIN_COOKIE}=1") == 404  # read-your-write: the primary

        # Past the limit the replica is left out by itself: every reader now gets the primary's answer.
        assert wait_for(lambda: node.get(path) == 404, timeout=15, step=0.2)
        status, report = ready_replica()  # reported, but the node is ready: readers are on the primary
        assert status == 200 and not report["ok"] and report["data"]["lag_seconds"] > 4
        assert report["data"]["readers_on_replica"] is False and "Bản sao đọc chậm" in report["detail"]

        # Caught up again, it is used again; then stopped: readers notice nothing.
        sql(primary.url(), "UPDATE wagtailcore_page SET live = true WHERE id = %s", story.pk)
        sql(replica.url(), "SELECT pg_wal_replay_resume()")
        assert replica_caught_up(primary.url(), replica.url())
        assert wait_for(lambda: node.get(path) == 200, timeout=10)
        replica.stop()
        statuses = [node.get(path) for _ in range(6)] + [node.get("/")]
        assert statuses == [200] * 7
        status, report = ready_replica()
        assert status == 200 and not report["ok"] and report["data"]["lag_seconds"] is None
        assert report["detail"] == "Bản sao đọc không trả lời: độc giả đang đọc từ CSDL chính"
    finally:
        node.stop()
