"""Redis stopped (restarting, out of memory): readers and editors go on; found by bench/fault_bench.py, where
every page the app rendered for the front answered 500 while Redis was away (the URL → tag sets are written
to Redis directly, outside Django's cache, which ignores Redis errors)."""

from __future__ import annotations

import pytest

from toasoan.caching import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_away(monkeypatch, settings, tmp_path):
    """Front mode with its page files, and a Redis that refuses every connection (nothing listens on port 1)."""
    import redis

    if store._redis() is None:
        pytest.skip("the front's URL sets live in Redis (REDIS_URL); without it there is nothing to stop")
    settings.TOASOAN_PAGE_CACHE = "front"
    settings.TOASOAN_PAGE_FILES_DIR = str(tmp_path)
    settings.TOASOAN_FRONT_REFRESH_URL = "http://127.0.0.1:1"
    away = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    monkeypatch.setattr(store, "_redis", lambda: away)
    return tmp_path


def test_a_reader_gets_the_page_rendered_for_the_front_while_redis_is_away(client, make_article, redis_away):
    story = make_article(title="Đà Nẵng mở lại cầu Rồng sau bão số 13 🌀")
    path = story.canonical_path()
    response = client.get(path, HTTP_X_TOASOAN_FRONT="1")
    assert response.status_code == 200
    assert "Đà Nẵng mở lại cầu Rồng sau bão số 13 🌀" in response.content.decode()
    assert response["X-Accel-Expires"]  # still stored by the front for its lifetime
    assert (redis_away / "testserver" / path.lstrip("/")).read_bytes() == response.content


def test_an_editor_publishes_while_redis_is_away(client, make_article, redis_away, django_user_model,
                                                 django_capture_on_commit_callbacks):
    from toasoan.news.models import ArticlePage

    story = make_article(title="Giá xăng giảm từ 15 giờ chiều nay")
    client.get(story.canonical_path(), HTTP_X_TOASOAN_FRONT="1")
    revision = ArticlePage.objects.get(pk=story.pk)
    revision.title = "Giá xăng giảm 1.200 đồng từ 15 giờ chiều nay"
    with django_capture_on_commit_callbacks(execute=True):  # the purge runs at commit, as after the admin's save
        revision.save_revision().publish()
    assert ArticlePage.objects.get(pk=story.pk).title == "Giá xăng giảm 1.200 đồng từ 15 giờ chiều nay"
    assert store.take_urls({f"a:{story.pk}"}) == set()
