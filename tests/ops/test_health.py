"""``/healthz`` answers without the database; ``/readyz`` says 503 and why when a part cannot work."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from toasoan.ops.models import Heartbeat
from toasoan.ops.services import beat


@pytest.fixture
def processes_alive(db):
    now = timezone.now()
    beat(name="worker:a", kind="worker", started_at=now)
    beat(name="scheduler", kind="scheduler", started_at=now)


def test_healthz_answers_without_touching_the_database(client, db):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-store" in response["Cache-Control"]


def test_readyz_ok_when_everything_works(client, processes_alive):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "worker", "scheduler", "beacons"}
    assert body["checks"]["worker"]["data"]["workers"] == 1
    assert "no-store" in response["Cache-Control"]


def test_readyz_fails_without_a_live_worker_or_scheduler(client, processes_alive):
    Heartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=5))
    body = client.get("/readyz").json()
    assert body["status"] == "fail"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["detail"] == "Không có tiến trình tác vụ nền nào báo còn chạy"
    assert body["checks"]["scheduler"]["detail"] == "Lịch đăng bài không chạy"
    assert body["checks"]["database"]["ok"] is True


def test_readyz_fails_when_a_due_story_waits_too_long(client, processes_alive, make_article):
    from wagtail.models import Revision

    article = make_article(title="Bài hẹn giờ bị trễ", live=False)
    revision = article.save_revision()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now() - timedelta(minutes=3))
    response = client.get("/readyz")
    assert response.status_code == 503
    scheduler = response.json()["checks"]["scheduler"]
    assert scheduler["ok"] is False and scheduler["data"]["lag_seconds"] >= 180
    assert scheduler["detail"].startswith("Lịch đăng bài chậm")


def test_readyz_fails_when_the_database_does_not_answer(client, processes_alive, monkeypatch):
    from toasoan.ops import health

    class DeadCursor:
        def __enter__(self):
            raise OperationalError("server closed the connection unexpectedly")

        def __exit__(self, *args):
            return False

    class DeadConnection:
        def cursor(self):
            return DeadCursor()

    monkeypatch.setattr(health, "connection", DeadConnection())
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": False, "detail": "CSDL không trả lời: OperationalError", "data": {},
                                  "required": True}
    assert checks["worker"]["ok"] is False


def test_readyz_fails_when_the_cache_loses_what_it_is_given(client, processes_alive, monkeypatch):
    from toasoan.ops import health

    monkeypatch.setattr(health.cache, "get", lambda key, default=None: None)  # Redis down, errors ignored
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["detail"] == "Bộ nhớ đệm không lưu được"


def test_readyz_says_when_the_beacon_spool_is_not_read_without_failing(client, processes_alive, settings, tmp_path):
    """Views the app kept in a folder no spool reader reads (a wrong --dir): reported, the node stays ready."""
    import time

    from toasoan.analytics import appspool

    settings.TOASOAN_BEACON_SPOOL_DIR = str(tmp_path / "beacons")
    body = client.get("/readyz").json()
    assert body["checks"]["beacons"]["ok"] is True  # nothing written yet
    (tmp_path / "beacons").mkdir()
    current = int(time.time()) // appspool.WINDOW_SECONDS
    (tmp_path / "beacons" / f"{current}-app-node.log").write_text("")  # being written: fine
    assert client.get("/readyz").json()["checks"]["beacons"]["ok"] is True
    (tmp_path / "beacons" / f"{current - 12}-app-node.log").write_text("")  # twenty minutes unread
    response = client.get("/readyz")
    beacons = response.json()["checks"]["beacons"]
    assert response.status_code == 200 and beacons["ok"] is False and beacons["required"] is False
    assert re.search(r"chờ đếm đã (18|19) phút: .*spool_views", beacons["detail"])  # the window ended 11 windows ago
    assert beacons["data"]["files"] == 2
    settings.TOASOAN_BEACON_SPOOL_DIR = "off"
    assert "beacons" not in client.get("/readyz").json()["checks"]
