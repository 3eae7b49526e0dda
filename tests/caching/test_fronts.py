"""Two nginx fronts (the production configuration of deploy/) before one app: a purge refreshes both.

Each front has its agent (``toasoan.caching.fronts.serve``, what ``toasoan front_agent`` runs) registered in
Redis; no ``FRONT_REFRESH_URL`` is set, so only the fan-out can change what a front serves. Page lifetimes
are 10 minutes: a front showing the new page got it from a purge, not from expiry.
"""

from __future__ import annotations

import os
import subprocess
import threading
import urllib.request
from contextlib import contextmanager

import pytest

from tests.caching.nginx_front import NGINX, free_port, render_config, stop_nginx
from tests.conftest import ensure_tree_root
from toasoan.caching import fronts

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the fronts register in Redis (REDIS_URL)"),
]


class Front:
    def __init__(self, name: str, run_dir, app: str):
        self.name, self.run_dir = name, run_dir
        self.listen, self.refresh = free_port(), free_port()
        self.config = render_config(run_dir=run_dir, app=app, listen=self.listen, refresh=self.refresh)
        self.url = f"http://127.0.0.1:{self.listen}"
        self._stop = threading.Event()
        self._agent: threading.Thread | None = None

    def start(self) -> None:
        subprocess.run([NGINX, "-q", "-c", str(self.config), "-p", str(self.run_dir)], check=True)

    def stop(self) -> None:
        stop_nginx(self.config, self.run_dir)

    def start_agent(self) -> None:
        self._stop.clear()
        self._agent = threading.Thread(target=fronts.serve, daemon=True, kwargs={
            "name": self.name, "refresh_url": f"http://127.0.0.1:{self.refresh}", "should_stop": self._stop.is_set})
        self._agent.start()

    def stop_agent(self) -> None:
        self._stop.set()
        if self._agent is not None:
            self._agent.join(timeout=10)

    def get(self, path: str) -> tuple[str, str]:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310 - loopback
            return response.read().decode(), response.headers.get("X-Cache", "")


@contextmanager
def two_fronts(live_server, settings, tmp_path):
    if not os.path.exists(NGINX):
        pytest.skip("nginx (Debian package) is not installed")
    if fronts.client() is None:
        pytest.skip("the cache is not Redis")
    app = live_server.url.removeprefix("http://")
    pair = [Front("nut-a", tmp_path / "a", app), Front("nut-b", tmp_path / "b", app)]
    settings.TOASOAN_PAGE_CACHE = "front"
    settings.TOASOAN_PAGE_CACHE_SECONDS = 600
    settings.TOASOAN_FRONT_REFRESH_URL = ""
    try:
        for front in pair:
            front.start()
            front.start_agent()
        assert wait_until(lambda: set(fronts.registered()) == {"nut-a", "nut-b"})
        yield pair
    finally:
        for front in pair:
            front.stop_agent()
            front.stop()
            fronts.unregister(front.name)


def wait_until(predicate, timeout: float = 10.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_publish_refreshes_every_front_and_one_that_was_down_catches_up(live_server, settings, tmp_path,
                                                                           make_article, section):
    ensure_tree_root()
    story = make_article(title="Cầu Rồng phun lửa phục vụ lễ hội pháo hoa")
    path = story.canonical_path()
    with two_fronts(live_server, settings, tmp_path) as (a, b):
        for front in (a, b):
            for page in (path, "/", section.url):
                front.get(page)
            assert front.get(path)[1] == "HIT"

        story.title = "Cầu Rồng phun lửa hai đêm phục vụ lễ hội pháo hoa 🎆"
        story.save_revision().publish()  # the purge waits until both fronts said they re-rendered
        for front in (a, b):
            for page in (path, "/", section.url):
                body, state = front.get(page)
                assert "Cầu Rồng phun lửa hai đêm" in body, (front.name, page)
                assert state == "HIT", (front.name, page)

        # Front b goes down (nginx and its agent); a purge happens meanwhile; b comes back with its old cache.
        b.stop_agent()
        b.stop()
        story.title = "Cầu Rồng tạm dừng phun lửa vì mưa lớn"
        story.save_revision().publish()  # waits for a only: b is not alive
        for page in (path, section.url):
            assert "Cầu Rồng tạm dừng phun lửa" in a.get(page)[0], page
        b.start()
        assert "Cầu Rồng phun lửa hai đêm" in b.get(path)[0]  # its stored copy (what a down front's disk holds)
        b.start_agent()  # drains what was queued for it while it was away
        for page in (path, section.url):
            assert wait_until(lambda page=page: "Cầu Rồng tạm dừng phun lửa" in b.get(page)[0]), page
        assert b.get(path)[1] == "HIT"


def test_a_queued_purge_older_than_a_page_lifetime_is_dropped(settings):
    """A front away longer than a page's lifetime refreshes nothing from its backlog: those copies expired."""
    if fronts.client() is None:
        pytest.skip("the cache is not Redis")
    settings.TOASOAN_PAGE_CACHE_SECONDS = 60
    old = {"id": "x", "urls": ["127.0.0.1|/never-fetched/"], "at": 0}
    assert fronts.run_job(old, refresh_url="http://127.0.0.1:9") == []
    fresh = {"id": "y", "urls": ["127.0.0.1|/never-fetched/"], "at": __import__("time").time()}
    assert fronts.run_job(fresh, refresh_url="http://127.0.0.1:9") == ["127.0.0.1|/never-fetched/"]
