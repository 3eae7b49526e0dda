"""Front mode through the real nginx configuration of deploy/: a published edit is what the next reader gets.

The page lifetime is long here (10 minutes), so only the purge → refresh path can change what readers
see. The refresh runs in the publish's ``on_commit`` and is waited for, so the very next request after the
publish returns gets the new copy, from the cache (no miss, no lock).
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.caching.nginx_front import running_front
from tests.conftest import ensure_tree_root
from toasoan.headers import policy
from toasoan.settings import base as base_settings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def front(live_server, settings, tmp_path):
    with running_front(live_server=live_server, settings=settings, run_dir=tmp_path) as url:
        yield url


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
    get(front + story.canonical_path())
    assert "Chợ đêm ven sông tạm dừng để sửa kè" in get(front + section.url)[0]
    assert get(front + story.canonical_path())[1] == "HIT"
    story.unpublish()
    assert "Chợ đêm ven sông tạm dừng để sửa kè" not in get(front + section.url)[0]
    # The story's own address: the refresh after the purge stored the article's 404 in place of the story.
    with pytest.raises(urllib.error.HTTPError) as gone:
        get(front + story.canonical_path())
    assert gone.value.code == 404


def test_a_story_going_live_replaces_the_404_its_address_answered(front, make_article):
    """The 404 of an article's address may be kept by the front: the article's publish purges it."""
    ensure_tree_root()
    story = make_article(title="Lễ hội đua thuyền sẽ diễn ra cuối tháng")
    story.unpublish()
    url = front + story.canonical_path()
    for _ in range(2):
        with pytest.raises(urllib.error.HTTPError) as gone:
            get(url)
        assert gone.value.code == 404
    story.save_revision().publish()
    body, _state = get(url)
    assert "Lễ hội đua thuyền sẽ diễn ra cuối tháng" in body


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



READER_HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
                  "Cross-Origin-Opener-Policy": "same-origin", "Cache-Control": "public, max-age=0",
                  "Content-Security-Policy": policy.header_value(policy.READER_DIRECTIVES),
                  "Permissions-Policy": policy.permissions_policy_value(base_settings.PERMISSIONS_POLICY)}


def headers_of(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        response.read()
        return response.headers


def test_a_stored_page_is_kept_small_and_readers_still_get_every_security_header_once(
        front, make_article, tmp_path):
    """The app leaves the reader headers out of what the front stores; nginx adds them to every answer."""
    ensure_tree_root()
    story = make_article(title="Thị trấn lắp thêm đèn chiếu sáng đường ven hồ")
    url = front + story.canonical_path()
    for state in ("MISS", "HIT"):
        headers = headers_of(url)
        assert headers["X-Cache"] == state
        for name, value in READER_HEADERS.items():
            assert headers.get_all(name) == [value], (state, name)
        for name in ("Vary", "X-Cache-Tags", "Content-Language"):
            assert name not in headers, (state, name)
    entries = [p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    stored = [e for e in entries if "đèn chiếu sáng".encode() in e]
    assert stored
    head = stored[0].split(b"\r\n\r\n", 1)[0]
    assert b"X-Frame-Options" not in head and b"Referrer-Policy" not in head and b"X-Cache-Tags" not in head


def test_an_editor_page_through_the_front_keeps_its_own_headers(front, make_article, django_user_model, client):
    """Not stored, so nothing is stripped, and nginx adds nothing: one "private, no-store", one frame rule."""
    ensure_tree_root()
    story = make_article(title="Huyện khởi công trường bán trú cho học sinh vùng cao")
    editor = django_user_model.objects.create_superuser(username="bientap", email="bt@example.vn", password="x")
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    headers = headers_of(front + story.canonical_path(), {"Cookie": cookie})
    [control] = headers.get_all("Cache-Control")
    assert "private" in control and "no-store" in control
    assert len(headers.get_all("X-Frame-Options")) == 1
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]


def test_the_front_adds_the_values_the_app_would_send(settings, tmp_path):
    """deploy/nginx's maps repeat Django's settings (the CSP is written in from them): they must not drift apart."""
    from tests.caching.nginx_front import render_config

    template = render_config(run_dir=tmp_path, app="127.0.0.1:9", listen=1, refresh=2).read_text()
    for header, value in {
        "x_frame_options": settings.X_FRAME_OPTIONS, "x_content_type_options": "nosniff",
        "referrer_policy": settings.SECURE_REFERRER_POLICY,
        "cross_origin_opener_policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "content_security_policy": policy.header_value(policy.READER_DIRECTIVES),
        "permissions_policy": policy.permissions_policy_value(settings.PERMISSIONS_POLICY),
    }.items():
        assert f'map $upstream_http_{header} ' in template
        line = next(ln for ln in template.splitlines() if f"map $upstream_http_{header} " in ln)
        assert f'"" "{value}";' in line, line
