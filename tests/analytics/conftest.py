from __future__ import annotations

import os
import uuid

import pytest

REDIS_URL = os.environ.get("REDIS_URL", "")
MODES = ["db", pytest.param("redis", marks=pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set"))]


@pytest.fixture
def analytics_prefix(settings):
    settings.TOASOAN_ANALYTICS_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    return settings.TOASOAN_ANALYTICS_PREFIX


@pytest.fixture(params=MODES)
def counter_mode(request, settings, analytics_prefix):
    """Run a test with counts in the database (no Redis) and, when REDIS_URL is set, in Redis."""
    from toasoan.analytics import beacon, counters

    settings.TOASOAN_ANALYTICS_REDIS_URL = REDIS_URL if request.param == "redis" else ""
    settings.REDIS_URL = REDIS_URL if request.param == "redis" else ""
    counters.reset_redis_state()
    counters.local_limits.clear()
    beacon.live_articles.forget()
    yield request.param
    client = counters.get_redis()
    if client is not None:
        for key in client.scan_iter(match=f"{analytics_prefix}:*"):
            client.delete(key)
    counters.reset_redis_state()
    counters.local_limits.clear()
    beacon.live_articles.forget()


@pytest.fixture(params=["app-spool", "no-app-spool"])
def app_spool(request, settings, tmp_path):
    """Beacons the app answers go to its own spool (the default) or, switched off, wait in Redis (or go to the
    database). Yields the spool's folder, or None."""
    folder = tmp_path / "app-beacons" if request.param == "app-spool" else None
    settings.TOASOAN_BEACON_SPOOL_DIR = str(folder) if folder else "off"
    return folder


def settle() -> None:
    """Move acknowledged counts to the database as the running processes would: the flusher (counts in Redis)
    and the spool reader (the app's spool)."""
    from toasoan.analytics import appspool, counters, spool

    counters.flush()
    folder = appspool.directory()
    if folder is not None and folder.is_dir():
        spool.process(folder)


@pytest.fixture
def total_views():
    def total(article_id: int | None = None) -> int:
        from django.db.models import Sum

        from toasoan.analytics.models import ArticleViewHour

        rows = ArticleViewHour.objects.all()
        if article_id is not None:
            rows = rows.filter(article_id=article_id)
        return rows.aggregate(n=Sum("views"))["n"] or 0

    return total
