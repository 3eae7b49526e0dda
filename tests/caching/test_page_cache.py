"""Django-cache page caching: hits, exact purges after commit, stale-while-revalidate, and editors."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from toasoan.caching import store
from toasoan.caching.middleware import PAGE_PREFIX, page_key
from toasoan.caching.purge import purge_tags_now

pytestmark = pytest.mark.django_db


def state(response) -> str:
    return response.get("X-Page-Cache", "")


@pytest.fixture
def newsroom(site_structure, section, make_article):
    from toasoan.home.services import ensure_section

    other = ensure_section(title="Thể thao", slug="the-thao")
    story = make_article(title="Hội đồng nhân dân thành phố họp bất thường")
    sport = make_article(title="Đội tuyển nữ thắng trận mở màn", parent=other)
    return {"section": section, "other": other, "story": story, "sport": sport,
            "latest": site_structure.listings["latest"]}


def test_second_visit_is_a_hit_and_carries_tags(page_cache, newsroom, reader):
    first = reader.get("/")
    assert first.status_code == 200 and state(first) == "MISS"
    assert "home" in first["X-Cache-Tags"].split()
    second = reader.get("/")
    assert state(second) == "HIT"
    assert second.content == first.content
    article = reader.get(newsroom["story"].canonical_path())
    assert f"a:{newsroom['story'].pk}" in article["X-Cache-Tags"].split()
    assert state(reader.get(newsroom["story"].canonical_path())) == "HIT"


def test_editing_an_article_purges_its_page_and_its_listings_only(page_cache, newsroom, reader, commit):
    story, sport = newsroom["story"], newsroom["sport"]
    urls = {"home": "/", "section": newsroom["section"].url, "latest": newsroom["latest"].url,
            "article": story.canonical_path(), "other": newsroom["other"].url, "sport": sport.canonical_path()}
    for url in urls.values():
        reader.get(url)
    assert all(state(reader.get(u)) == "HIT" for u in urls.values())

    def edit():
        story.title = "Hội đồng nhân dân thành phố thông qua nghị quyết"
        story.save_revision().publish()

    commit(edit)
    after = {name: reader.get(url) for name, url in urls.items()}
    for name in ("home", "section", "latest", "article"):
        assert state(after[name]) == "MISS", name
        assert "thông qua nghị quyết" in after[name].content.decode(), name
    # Pages that never show the story keep their cached copy.
    assert state(after["other"]) == "HIT"
    assert state(after["sport"]) == "HIT"


def test_unpublishing_removes_the_article_everywhere(page_cache, newsroom, reader, commit):
    story = newsroom["story"]
    assert reader.get(story.canonical_path()).status_code == 200
    assert story.title in reader.get(newsroom["section"].url).content.decode()
    commit(lambda: story.unpublish())
    assert reader.get(story.canonical_path()).status_code == 404
    assert story.title not in reader.get(newsroom["section"].url).content.decode()
    assert story.title not in reader.get("/").content.decode()


def test_a_new_article_appears_on_the_fronts(page_cache, newsroom, reader, commit, make_article):
    reader.get("/")
    reader.get(newsroom["latest"].url)
    commit(lambda: make_article(title="Khai mạc hội chợ nông sản vùng cao"))
    assert "Khai mạc hội chợ nông sản vùng cao" in reader.get("/").content.decode()
    assert "Khai mạc hội chợ nông sản vùng cao" in reader.get(newsroom["latest"].url).content.decode()


def test_leaving_an_event_purges_the_event_it_left(page_cache, site_structure, newsroom, reader, commit):
    from toasoan.events.models import EventPage

    event = site_structure.events_index.add_child(instance=EventPage(title="Mưa lũ miền Trung", slug="mua-lu"))
    event.save_revision().publish()
    story = newsroom["story"]

    def attach():
        story.events.add(event)
        story.save_revision().publish()

    commit(attach)
    assert story.title in reader.get(event.url).content.decode()
    assert state(reader.get(event.url)) == "HIT"

    def detach():
        story.events.remove(event)
        story.save_revision().publish()

    commit(detach)
    response = reader.get(event.url)
    assert state(response) == "MISS"
    assert story.title not in response.content.decode()


def test_nothing_is_purged_before_the_commit(page_cache, newsroom, reader, django_capture_on_commit_callbacks):
    reader.get("/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = newsroom["story"]
        story.title = "Tiêu đề mới chưa được lưu hẳn"
        story.save_revision().publish()
        assert state(reader.get("/")) == "HIT"  # still inside the transaction
    assert callbacks
    for callback in callbacks:
        callback()
    assert state(reader.get("/")) == "MISS"


def test_an_expired_entry_is_served_stale_while_one_request_renders(page_cache, newsroom, reader):
    page_cache.TOASOAN_PAGE_CACHE_SECONDS = 0
    reader.get("/")
    key = next(k for k in [PAGE_PREFIX + page_key("testserver", "/")] if cache.get(k) is not None)
    cache.add(f"{PAGE_PREFIX}lock:{page_key('testserver', '/')}", 1, 30)  # another request is re-rendering
    assert state(reader.get("/")) == "STALE"
    cache.delete(f"{PAGE_PREFIX}lock:{page_key('testserver', '/')}")
    assert state(reader.get("/")) == "MISS"  # this one takes the lock and renders
    assert cache.get(key) is not None


def test_pages_for_editors_are_never_stored_nor_served_from_cache(page_cache, newsroom, reader, client,
                                                                   django_user_model):
    editor = django_user_model.objects.create_superuser(username="bientap", email="bt@example.vn",
                                                         password="matkhau-dai-123")
    client.force_login(editor)
    url = newsroom["story"].canonical_path()
    reader.get(url)  # an anonymous copy is cached
    mine = client.get(url)
    assert mine.status_code == 200
    assert state(mine) == ""  # not served from the cache...
    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]
    assert mine["X-Accel-Expires"] == "0"
    cache.delete(PAGE_PREFIX + page_key("testserver", url))
    client.get(url)  # ...and not stored
    assert cache.get(PAGE_PREFIX + page_key("testserver", url)) is None
    fresh = reader.get(url)
    assert state(fresh) == "MISS"
    assert b"wagtail-userbar" not in fresh.content


def test_the_admin_and_posts_are_never_cached(page_cache, newsroom, reader):
    assert state(reader.get("/admin/login/")) == ""
    assert cache.get(PAGE_PREFIX + page_key("testserver", "/admin/login/")) is None


def test_purging_a_tag_is_exact(page_cache, newsroom, reader):
    section_url, other_url = newsroom["section"].url, newsroom["other"].url
    reader.get(section_url)
    reader.get(other_url)
    purge_tags_now({f"s:{newsroom['section'].pk}"})
    assert state(reader.get(section_url)) == "MISS"
    assert state(reader.get(other_url)) == "HIT"


def test_without_a_shared_cache_a_purge_reaches_other_processes(page_cache, newsroom, reader):
    if store.shared_cache():
        pytest.skip("only for the process-local cache")
    from django.core.cache.backends.filebased import FileBasedCache

    reader.get("/")
    reader.get(newsroom["other"].url)
    # Another process purged "home": it shares only the tag-version files with this one.
    other_process = FileBasedCache(str(page_cache.VAR_DIR / "cache-tags"), {"TIMEOUT": None})
    other_process.set(f"{store.VERSION_PREFIX}home", "bumped-elsewhere", None)
    assert state(reader.get("/")) == "MISS"
    assert state(reader.get(newsroom["other"].url)) == "HIT"


def test_cache_off_stores_nothing(settings, newsroom, reader):
    settings.TOASOAN_PAGE_CACHE = "off"
    reader.get("/")
    assert state(reader.get("/")) == ""


def test_front_mode_strips_reader_headers_only_from_what_the_front_fetches(settings, newsroom, reader):
    """FrontHeadersMiddleware: nginx adds the security headers back (tests/caching/test_front_refresh.py); a
    reader who reaches the app directly, without the front, still gets every one from Django."""
    settings.TOASOAN_PAGE_CACHE = "front"
    url = newsroom["story"].canonical_path()
    direct = reader.get(url)
    assert direct["X-Frame-Options"] == "DENY" and direct["X-Content-Type-Options"] == "nosniff"
    assert "a:" in direct["X-Cache-Tags"] and direct["X-Accel-Expires"] != "0"
    fetched = reader.get(url, HTTP_X_TOASOAN_FRONT="1")
    assert fetched.status_code == 200 and fetched["X-Accel-Expires"] == direct["X-Accel-Expires"]
    for name in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
                 "Cache-Control", "Vary", "Content-Language", "X-Cache-Tags"):
        assert not fetched.has_header(name), name
    missing = reader.get("/khong-co-trang-nay/", HTTP_X_TOASOAN_FRONT="1")
    assert missing.status_code == 404 and missing["X-Frame-Options"] == "DENY"  # not stored: left whole
