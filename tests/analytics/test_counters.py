"""Counting rules that need Redis, or no Redis at all: atomic flush, exactly-once, Redis outages, SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.analytics.conftest import REDIS_URL
from toasoan.analytics import counters
from toasoan.analytics.counters import Outcome
from toasoan.analytics.models import ArticleViewHour, FlushBatch

pytestmark = pytest.mark.django_db
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")


def test_views_are_kept_per_hour(counter_mode, make_article, total_views):
    article = make_article()
    base = datetime(2025, 3, 8, 9, 59, 30, tzinfo=UTC)
    for i, moment in enumerate([base, base + timedelta(seconds=20), base + timedelta(seconds=40),
                                base + timedelta(hours=2)]):
        outcome = counters.record_view(article_id=article.pk, section_id=article.section_id, client=f"k{i}",
                                       address=f"a{i}", when=moment)
        assert outcome is Outcome.COUNTED
    counters.flush()
    hours = dict(ArticleViewHour.objects.filter(article=article).values_list("hour", "views"))
    assert hours == {datetime(2025, 3, 8, 9, tzinfo=UTC): 2, datetime(2025, 3, 8, 10, tzinfo=UTC): 1,
                     datetime(2025, 3, 8, 11, tzinfo=UTC): 1}


@needs_redis
def test_redis_counts_wait_for_the_flush_then_move_atomically(counter_mode, make_article, total_views):
    if counter_mode != "redis":
        pytest.skip("Redis mode only")
    article = make_article()
    for i in range(25):
        counters.record_view(article_id=article.pk, section_id=None, client=f"c{i}", address=f"a{i}")
    assert total_views() == 0 and counters.pending_views() == 25
    assert counters.flush() == 25
    assert total_views(article.pk) == 25 and counters.pending_views() == 0
    assert counters.flush() == 0
    assert FlushBatch.objects.get().views == 25


@needs_redis
def test_a_flusher_killed_after_commit_does_not_count_twice(counter_mode, make_article, total_views, monkeypatch):
    if counter_mode != "redis":
        pytest.skip("Redis mode only")
    article = make_article()
    for i in range(10):
        counters.record_view(article_id=article.pk, section_id=None, client=f"c{i}", address=f"a{i}")
    client = counters.get_redis()

    class KilledError(Exception):
        pass

    real_delete = type(client).delete

    def die_on_delete(self, *keys):
        raise KilledError

    monkeypatch.setattr(type(client), "delete", die_on_delete)
    with pytest.raises(KilledError):
        counters.flush()
    monkeypatch.setattr(type(client), "delete", real_delete)
    assert total_views(article.pk) == 10  # committed...
    counters.record_view(article_id=article.pk, section_id=None, client="late", address="late")
    counters.flush()  # ...and the leftover batch is recognised, not applied again
    assert total_views(article.pk) == 11
    assert counters.pending_views() == 0


@needs_redis
def test_a_flusher_killed_before_commit_loses_nothing(counter_mode, make_article, total_views, monkeypatch):
    if counter_mode != "redis":
        pytest.skip("Redis mode only")
    article = make_article()
    for i in range(4):
        counters.record_view(article_id=article.pk, section_id=None, client=f"c{i}", address=f"a{i}")

    def die(rows):
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(counters, "add_views_to_database", die)
    with pytest.raises(RuntimeError):
        counters.flush()
    monkeypatch.undo()
    assert total_views() == 0 and counters.pending_views() == 4
    counters.flush()
    assert total_views(article.pk) == 4


def test_counts_go_to_the_database_while_redis_is_unreachable(counter_mode, make_article, total_views, settings):
    article = make_article()
    settings.TOASOAN_ANALYTICS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    counters.reset_redis_state()
    for i in range(3):
        outcome = counters.record_view(article_id=article.pk, section_id=None, client=f"c{i}", address=f"a{i}")
        assert outcome is Outcome.COUNTED
    assert total_views(article.pk) == 3
    assert counters.record_view(article_id=article.pk, section_id=None, client="c0", address="a0") is Outcome.IGNORED


@needs_redis
def test_acknowledged_counts_survive_sigkill_of_the_app(counter_mode, make_article, total_views, analytics_prefix):
    """A process acknowledges views (Redis answered) and is killed with SIGKILL: all of them are flushed."""
    if counter_mode != "redis":
        pytest.skip("Redis mode only")
    article = make_article()
    script = (
        "import os, signal, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        f"settings.TOASOAN_ANALYTICS_PREFIX = {analytics_prefix!r}\n"
        f"settings.TOASOAN_ANALYTICS_REDIS_URL = {REDIS_URL!r}\n"
        "from toasoan.analytics import counters\n"
        "acked = 0\n"
        "for i in range(300):\n"
        f"    acked += counters.record_view(article_id={article.pk}, section_id=None, client=f'k{{i}}',"
        " address=f'a{i}') is counters.Outcome.COUNTED\n"
        "print(acked, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.test"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60,
                            cwd=Path(__file__).resolve().parents[2], check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    acked = int(result.stdout.strip())
    assert acked == 300
    counters.flush()
    assert total_views(article.pk) == acked


def test_flush_command_runs_once(counter_mode, make_article, total_views):
    from io import StringIO

    from django.core.management import call_command

    article = make_article()
    counters.record_view(article_id=article.pk, section_id=None, client="x", address="x")
    out = StringIO()
    call_command("flush_views", stdout=out)
    assert total_views(article.pk) == 1
    assert out.getvalue().strip() == ("1" if counter_mode == "redis" else "0")
