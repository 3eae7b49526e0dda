"""Fragment caches of the article page: served while valid, re-rendered exactly when what they show changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_page_cache(settings, tmp_path):
    settings.TOASOAN_PAGE_CACHE = "off"
    settings.VAR_DIR = tmp_path  # tag versions of this test only
    return settings


@pytest.fixture
def event(site_structure):
    from toasoan.events.models import EventPage

    page = site_structure.events_index.add_child(instance=EventPage(title="Mùa mưa bão 2026", slug="mua-mua-bao"))
    page.save_revision().publish()
    return page


def get(reader, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = reader.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), len(ctx.captured_queries)


def publish(commit, page, **changes):
    from toasoan.news.models import ArticlePage

    fresh = ArticlePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(fresh, name, value)
    commit(lambda: fresh.save_revision().publish())


def test_a_warm_article_page_is_the_same_page_for_fewer_queries(no_page_cache, reader, make_article, event):
    article = make_article(title="Đê biển Cửa Lò được gia cố trước mùa bão")
    article.events.add(event)
    article.save_revision().publish()
    make_article(title="Ngư dân đưa tàu vào nơi tránh trú an toàn")
    cold, cold_queries = get(reader, article.canonical_path())
    warm, warm_queries = get(reader, article.canonical_path())
    assert warm == cold
    assert warm_queries < cold_queries
    # The live article, its event ids and whether a view restriction applies: one query, never cached.
    assert warm_queries == 1


def test_the_events_block_uses_the_event_ids_of_the_article_lookup(no_page_cache, reader, make_article, event):
    from toasoan.news.models import ArticlePage

    article = make_article(title="Thủy điện xả lũ, hạ du sơ tán")
    article.events.add(event)
    article.save_revision().publish()
    link_table = connection.ops.quote_name(ArticlePage.events.through._meta.db_table)
    with CaptureQueriesContext(connection) as ctx:  # cold: every fragment is rendered
        html = reader.get(article.canonical_path()).content.decode()
    assert event.title in html
    # The article's events are read once, by the article lookup; the events block does not ask again.
    by_article = f'{link_table}.{connection.ops.quote_name("articlepage_id")} ='
    assert not [q for q in ctx.captured_queries if by_article in q["sql"]]


def test_publishing_the_article_shows_the_edit_at_once(no_page_cache, reader, commit, make_article):
    article = make_article(title="Xã vùng cao có điện lưới quốc gia")
    get(reader, article.canonical_path())
    publish(commit, article, sapo="Hơn 300 hộ dân ở bản Huồi Cọ lần đầu dùng điện lưới.")
    html, _ = get(reader, article.canonical_path())
    assert "Hơn 300 hộ dân ở bản Huồi Cọ lần đầu dùng điện lưới." in html


def test_a_new_story_in_the_section_refreshes_the_related_block(no_page_cache, reader, commit, make_article):
    article = make_article(title="Thành phố mở thêm tuyến xe buýt điện")
    other = make_article(title="Bến xe phía Bắc chuyển về địa điểm mới")
    html, _ = get(reader, article.canonical_path())
    assert other.title in html
    publish(commit, other, title="Bến xe phía Bắc chính thức hoạt động ở địa điểm mới")
    html, _ = get(reader, article.canonical_path())
    assert "Bến xe phía Bắc chính thức hoạt động ở địa điểm mới" in html


def test_a_new_story_in_the_event_refreshes_the_events_block(no_page_cache, reader, commit, make_article, event,
                                                              site_structure):
    from toasoan.home.services import ensure_section

    article = make_article(title="Tỉnh lập sở chỉ huy tiền phương ứng phó bão")
    article.events.add(event)
    article.save_revision().publish()
    html, _ = get(reader, article.canonical_path())
    assert "Bà con vùng trũng được sơ tán trong đêm" not in html
    elsewhere = ensure_section(title="Xã hội", slug="xa-hoi")
    newer = make_article(title="Bà con vùng trũng được sơ tán trong đêm", parent=elsewhere)

    def join():
        newer.events.add(event)
        newer.save_revision().publish()

    commit(join)
    html, _ = get(reader, article.canonical_path())
    assert "Bà con vùng trũng được sơ tán trong đêm" in html


def test_an_unpublished_article_is_gone_even_with_warm_fragments(no_page_cache, reader, make_article):
    article = make_article(title="Chợ nổi Cái Răng đón khách trở lại")
    get(reader, article.canonical_path())
    article.unpublish()  # no commit callbacks: the database, not a purge, decides
    assert reader.get(article.canonical_path()).status_code == 404


def test_previews_neither_read_nor_write_fragments(rf):
    from toasoan.caching import fragments

    request = rf.get("/")
    request.is_preview = True
    fragments.declare(request, {"main": fragments.Fragment(key="x")})
    assert fragments.for_request(request) is None


def test_the_render_after_a_publish_runs_a_fixed_number_of_queries(no_page_cache, reader, make_article, event,
                                                                   section):
    """What a publish empties (the article's own fragments, its section's and its events') costs the same
    number of queries at any archive size."""
    from toasoan.caching import store
    from toasoan.caching.tags import article_tags

    article = make_article(title="Cảng cá Lạch Bạng nhộn nhịp sau bão")
    article.events.add(event)
    article.save_revision().publish()

    def grow(n: int, start: int):
        for i in range(start, start + n):
            other = make_article(title=f"Tin vắn số {i} về nghề cá", parent=section)
            if i % 2:
                other.events.add(event)
                other.save_revision().publish()

    def cold_queries() -> int:
        get(reader, article.canonical_path())
        store.bump(article_tags(article.pk))
        return get(reader, article.canonical_path())[1]

    grow(12, 0)
    small = cold_queries()
    grow(24, 12)
    assert cold_queries() == small


def fragment_states(response) -> tuple[set[str], set[str]]:
    from toasoan.caching.fragments import for_request

    fragments = for_request(response.wsgi_request)
    return fragments.hits, fragments.misses


def test_the_articles_own_edit_leaves_its_related_and_events_blocks_valid(no_page_cache, reader, commit,
                                                                          make_article, event):
    """"Tin khác" and "Sự kiện liên quan" never show the article itself: its edits do not empty them (with
    Redis, where the purge records what it replaced); another story's edit still does."""
    from toasoan.caching import store

    article = make_article(title="Cầu phao tạm được lắp ở bến Cửa Hội")
    other = make_article(title="Phà Cửa Hội tạm dừng vì sóng lớn")
    for page in (article, other):
        page.events.add(event)
        page.save_revision().publish()
    url = article.canonical_path()
    reader.get(url)
    kept = store._redis() is not None
    for n, sapo in enumerate(("Xe dưới 2,5 tấn được qua cầu phao.", "Cầu phao mở từ 5 giờ đến 22 giờ.")):
        publish(commit, article, sapo=sapo)
        response = reader.get(url)
        html = response.content.decode()
        hits, misses = fragment_states(response)
        assert sapo in html and other.title in html
        assert {"head", "main"} <= misses, n
        assert ({"related", "events"} <= hits) if kept else ({"related", "events"} <= misses), (n, hits, misses)
    publish(commit, other, title="Phà Cửa Hội hoạt động trở lại sau ba ngày")
    response = reader.get(url)
    hits, misses = fragment_states(response)
    assert {"related", "events"} <= misses
    assert response.content.decode().count("Phà Cửa Hội hoạt động trở lại sau ba ngày") >= 2


def test_the_recorded_bump_is_atomic_against_a_concurrent_purge(settings):
    """A purge that lands between reading and replacing the versions makes the bump retry: the recorded
    "before" is the version it really replaced, so a fragment stamped before the other purge never matches."""
    from django.core.cache import cache
    from redis.client import Pipeline

    from toasoan.caching import store

    if store._redis() is None:
        pytest.skip("the recorded bump needs Redis (REDIS_URL); without it every bump invalidates")
    tag = "s:987654"
    first = store.current_versions({tag})[tag]
    original_multi = Pipeline.multi
    interfered: list[str] = []

    def multi(self):
        if not interfered:  # another process purges the same tag right after this one read it
            store.bump({tag})
            interfered.append(store.tag_versions({tag})[tag])
        return original_multi(self)

    Pipeline.multi = multi
    try:
        store.bump({tag}, by=4242)
    finally:
        Pipeline.multi = original_multi
    before, after = cache.get(store.kept_key(4242))[tag]
    assert before == interfered[0] != first
    assert after == store.tag_versions({tag})[tag]


def test_a_purge_still_bumps_when_the_recording_redis_does_not_answer(monkeypatch):
    """Recording is an optimisation: if Redis does not answer it, the purge bumps as before (never raises)."""
    import redis

    from toasoan.caching import store

    if store._redis() is None:
        pytest.skip("the recorded bump needs Redis (REDIS_URL)")
    tag = "s:123321"
    first = store.current_versions({tag})[tag]
    monkeypatch.setattr(store, "_redis", lambda: redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2))
    store.bump({tag}, by=77)
    assert store.tag_versions({tag})[tag] != first


def test_entries_of_different_lifetimes_are_written_together():
    """A page's new fragments and those it carried over keep their own lifetimes, written in one go."""
    from django.core.cache import cache

    from toasoan.caching import store

    store.set_many_lifetimes({60: {"toasoan:test:a": {"html": "a"}}, 17: {"toasoan:test:b": {"html": "b"}}, 5: {}})
    assert cache.get("toasoan:test:a") == {"html": "a"} and cache.get("toasoan:test:b") == {"html": "b"}
    if store._redis() is not None:
        assert 55 <= cache.ttl("toasoan:test:a") <= 60 and 12 <= cache.ttl("toasoan:test:b") <= 17
