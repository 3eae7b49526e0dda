"""The beacon spool of the production front: nginx answers and writes lines, ``spool.process`` counts them.

Every counting rule holds for spooled beacons, and a reader killed at any point neither loses nor
repeats one (counts and read positions are committed together).
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.caching.nginx_front import NGINX, free_port, render_config, stop_nginx
from toasoan.analytics import counters, spool, tokens
from toasoan.analytics.counters import Outcome
from toasoan.analytics.models import SpoolPosition

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36"


def q(article, *, token: str | None = None) -> str:
    """The beacon's query as the article page's script sends it (with the token issued with the page)."""
    return f"a={article.pk}&c={tokens.issue(article_id=article.pk) if token is None else token}"


def browser(n) -> str:
    return f"{BROWSER} reader/{n}"


@pytest.fixture
def spool_dir(tmp_path) -> Path:
    folder = tmp_path / "beacons"
    folder.mkdir()
    return folder


def write_lines(folder: Path, *lines: tuple[str, str, str], at: float | None = None) -> Path:
    """Append beacons as nginx does: ``(query, user agent, address)`` lines in the window of ``at``."""
    moment = time.time() if at is None else at
    path = folder / f"{spool.window_of(moment)}.log"
    with path.open("a") as handle:
        for query, user_agent, address in lines:
            handle.write(f"{moment:.3f}\t{address}\t{query}\t{user_agent}\n")
    return path


def test_spooled_beacons_follow_every_rule(counter_mode, make_article, total_views, spool_dir):
    article = make_article()
    draft = make_article(title="Bản nháp chưa xuất bản", live=False)
    write_lines(
        spool_dir,
        (q(article), BROWSER, "203.0.113.1"),                     # counted
        (q(article), BROWSER, "203.0.113.1"),                     # the same reader again: not counted
        (q(article, token="tu-dat"), browser(9), "203.0.113.1"),  # a token the page never carried: not counted
        (q(article), browser(2), "203.0.113.1"),                  # another browser: counted
        (f"a={article.pk}", "Googlebot/2.1", "203.0.113.2"),      # robot
        (q(draft), BROWSER, "203.0.113.3"),                       # not published
        ("a=999999&c=bon", BROWSER, "203.0.113.3"),               # no such article
        ("a=x", BROWSER, "203.0.113.4"),                          # malformed
    )
    outcomes = spool.process(spool_dir)
    assert outcomes == {Outcome.COUNTED: 2, Outcome.IGNORED: 3, Outcome.UNKNOWN: 2, Outcome.MALFORMED: 1}
    assert total_views(article.pk) == 2
    assert total_views() == 2
    assert spool.pending_beacons(spool_dir) == 0
    assert spool.process(spool_dir) == {}  # nothing read twice
    assert total_views() == 2


def test_a_flood_in_the_spool_is_not_counted(counter_mode, make_article, total_views, spool_dir, settings):
    settings.TOASOAN_BEACON_RATE_PER_MINUTE = 3
    articles = [make_article(title=f"Tin ngắn số {i}") for i in range(5)]
    write_lines(spool_dir, *[(q(a), BROWSER, "198.51.100.9") for a in articles])
    assert spool.process(spool_dir)[Outcome.FLOOD] == 2
    assert total_views() == 3


def test_spooled_beacons_are_counted_while_redis_is_unreachable(make_article, total_views, spool_dir, settings,
                                                                analytics_prefix):
    settings.TOASOAN_ANALYTICS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    counters.reset_redis_state()
    counters.local_limits.clear()
    try:
        article = make_article()
        write_lines(spool_dir, (q(article), BROWSER, "203.0.113.9"), (q(article), BROWSER, "203.0.113.9"))
        assert spool.process(spool_dir) == {Outcome.COUNTED: 1, Outcome.IGNORED: 1}  # rules in memory meanwhile
        assert total_views(article.pk) == 1
    finally:
        counters.reset_redis_state()
        counters.local_limits.clear()


def test_views_go_to_the_hour_of_the_request(counter_mode, make_article, spool_dir):
    from toasoan.analytics.models import ArticleViewHour

    article = make_article()
    two_hours_ago = time.time() - 7200
    write_lines(spool_dir, (q(article, token=tokens.issue(article_id=article.pk, now=two_hours_ago)), BROWSER,
                            "203.0.113.5"), at=two_hours_ago)
    spool.process(spool_dir)
    row = ArticleViewHour.objects.get(article=article)
    assert row.hour.timestamp() == (int(two_hours_ago) // 3600) * 3600


def test_a_reader_killed_before_its_commit_loses_and_repeats_nothing(counter_mode, make_article, total_views,
                                                                     spool_dir, monkeypatch):
    article = make_article()
    write_lines(spool_dir, *[(q(article), browser(i), "203.0.113.6") for i in range(4)])

    def crash(rows):
        raise KeyboardInterrupt("killed")  # dies after the rules ran (Redis remembers these readers)

    monkeypatch.setattr(counters, "add_views_to_database", crash)
    with pytest.raises(KeyboardInterrupt):
        spool.process(spool_dir)
    monkeypatch.undo()
    assert total_views() == 0
    assert not SpoolPosition.objects.exists()
    # Restarted: the same lines are read again and count as themselves, not as repeats.
    assert spool.process(spool_dir) == {Outcome.COUNTED: 4}
    assert total_views() == 4
    write_lines(spool_dir, (q(article), browser(1), "203.0.113.6"))  # a real repeat
    assert spool.process(spool_dir) == {Outcome.IGNORED: 1}
    assert total_views() == 4


def test_a_line_being_written_waits_for_the_next_pass(counter_mode, make_article, total_views, spool_dir):
    article = make_article()
    path = write_lines(spool_dir, (q(article), browser(1), "203.0.113.7"))
    with path.open("a") as handle:
        handle.write(f"{time.time():.3f}\t203.0.113.7\t{q(article)}")  # no newline yet
    spool.process(spool_dir)
    assert total_views() == 1
    with path.open("a") as handle:
        handle.write(f"\t{BROWSER}\n")
    spool.process(spool_dir)
    assert total_views() == 2


def test_finished_windows_are_deleted(counter_mode, make_article, total_views, spool_dir):
    article = make_article()
    old = write_lines(spool_dir, (q(article), browser(1), "203.0.113.8"), at=time.time() - 600)
    current = write_lines(spool_dir, (q(article), browser(2), "203.0.113.8"))
    spool.process(spool_dir)
    assert total_views() == 2
    assert not old.exists() and current.exists()
    assert list(SpoolPosition.objects.values_list("name", flat=True)) == [f"{spool.spool_id(spool_dir)}/{current.name}"]


def test_one_reader_at_a_time(spool_dir):
    with spool.SingleTailer(spool_dir), pytest.raises(RuntimeError), spool.SingleTailer(spool_dir):
        pass


def post(url: str, *, user_agent: str = BROWSER, method: str = "POST") -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent}, data=b"")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_production_front_answers_beacons_and_spools_them(counter_mode, make_article, total_views,
                                                              tmp_path):
    """Through the nginx configuration of deploy/: statuses, then every 204 is counted after a graceful stop."""
    if not Path(NGINX).exists():
        pytest.skip("nginx (Debian package) is not installed")
    article = make_article()
    listen = free_port()
    config = render_config(run_dir=tmp_path, app=f"127.0.0.1:{free_port()}", listen=listen, refresh=free_port())
    subprocess.run([NGINX, "-q", "-c", str(config), "-p", str(tmp_path)], check=True)
    base = f"http://127.0.0.1:{listen}/_v"
    try:
        statuses = [post(f"{base}?{q(article)}", user_agent=browser(i)) for i in range(3)]
        statuses += [post(f"{base}?{q(article)}", user_agent=browser(0))]  # a repeat: accepted, not counted
        refused = {
            "malformed": post(f"{base}?a=abc"), "token": post(f"{base}?a={article.pk}&c=<x>"),
            "robot": post(f"{base}?a={article.pk}", user_agent="Mozilla/5.0 (compatible; bingbot/2.0)"),
            "get": post(f"{base}?a={article.pk}", method="GET"),
        }
        flood = [post(f"{base}?{q(article)}") for _ in range(70)]
    finally:
        stop_nginx(config, tmp_path)
    assert statuses == [204] * 4
    assert refused == {"malformed": 400, "token": 400, "robot": 202, "get": 405}
    assert 61 <= flood.count(204) <= 63 and set(flood) == {204, 429}  # a burst of 60 (+1 a second), then refused
    outcomes = spool.process(tmp_path / "beacons")
    assert outcomes[Outcome.COUNTED] == 4  # three readers + the flooding one, once
    assert total_views(article.pk) == 4
