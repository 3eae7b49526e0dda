"""Front mode through the real nginx configuration of deploy/: a published edit is what the next reader gets.

The page lifetime is long here (10 minutes), so only the purge → refresh path can change what readers
see. The refresh runs in the publish's ``on_commit`` and is waited for, so the very next request after the
publish returns gets the new copy, from the cache (no miss, no lock).
"""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.caching.nginx_front import NGINX, free_port, render_config, stop_nginx
from tests.conftest import ensure_tree_root

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def front(live_server, settings, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx (Debian package) is not installed")
    listen, refresh = free_port(), free_port()
    config = render_config(run_dir=tmp_path, app=live_server.url.removeprefix("http://"), listen=listen,
                           refresh=refresh)
    subprocess.run([NGINX, "-q", "-c", str(config), "-p", str(tmp_path)], check=True)
    settings.TOASOAN_PAGE_CACHE = "front"
    settings.TOASOAN_PAGE_CACHE_SECONDS = 600
    settings.TOASOAN_FRONT_REFRESH_URL = f"http://127.0.0.1:{refresh}"
    yield f"http://127.0.0.1:{listen}"
    stop_nginx(config, tmp_path)


def get(url: str, headers: dict | None = None) -> tuple[str, str]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.read().decode(), response.headers.get("X-Cache", "")


def test_a_published_edit_is_what_the_next_reader_gets(front, make_article, section):
    ensure_tree_root()
    story = make_article(title="Phường mở thêm điểm tiêm chủng cuối tuần")
    article_url = front + story.canonical_path()
    urls = {"article": article_url, "home": front + "/", "section": front + section.url}
    for url in urls.values():
        get(url)
    for name, url in urls.items():
        body, state = get(url)
        assert state == "HIT", name
        assert "Phường mở thêm điểm tiêm chủng cuối tuần" in body, name

    story.title = "Phường mở thêm ba điểm tiêm chủng cuối tuần"
    story.save_revision().publish()  # autocommit: the purge runs at commit, before publish() returns

    for name, url in urls.items():
        body, state = get(url)
        assert "Phường mở thêm ba điểm tiêm chủng cuối tuần" in body, name
        assert state == "HIT", name  # the refreshed copy, not a miss that would make readers wait


def test_an_unpublished_article_is_gone_for_the_next_reader(front, make_article, section):
    ensure_tree_root()
    story = make_article(title="Chợ đêm ven sông tạm dừng để sửa kè")
    get(front + section.url)
    assert "Chợ đêm ven sông tạm dừng để sửa kè" in get(front + section.url)[0]
    story.unpublish()
    assert "Chợ đêm ven sông tạm dừng để sửa kè" not in get(front + section.url)[0]


def test_readers_of_any_browser_language_share_the_refreshed_copy(front, make_article):
    """Django sends "Vary: Accept-Language"; the site has one language, so the front keeps one entry per URL:
    a reader whose browser asks for English gets the copy the refresher stored (which sends no such header)."""
    ensure_tree_root()
    story = make_article(title="Xã vùng cao khánh thành cầu treo mới")
    url = front + story.canonical_path()
    english = {"Accept-Language": "en-US,en;q=0.9"}
    get(url)
    assert get(url, english)[1] == "HIT"
    story.title = "Xã vùng cao khánh thành hai cầu treo mới"
    story.save_revision().publish()
    body, state = get(url, english)
    assert "Xã vùng cao khánh thành hai cầu treo mới" in body
    assert state == "HIT"
