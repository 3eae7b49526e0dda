"""What the article page reads about its article: one query for bylines, tags and people, and its cover."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article):
    from wagtail.images.tests.utils import get_test_image_file

    from toasoan.entities.models import ArticleEntity, EntityKind, LinkState, Person
    from toasoan.images.models import NewsImage
    from toasoan.news.models import ArticleAuthor
    from toasoan.people.models import Author

    article = make_article(title="Mở luồng xanh cho xe chở vải thiều")
    cover = NewsImage.objects.create(title="Xe tải xếp hàng", file=get_test_image_file())
    article.cover_image = cover
    for order, name, slug in ((1, "Trần Hoa", "tran-hoa"), (0, "Lê Minh", "le-minh")):
        author = Author.objects.create(name=name, slug=slug)
        ArticleAuthor.objects.create(article=article, author=author, sort_order=order)
    article.tags.add("Nông sản", "Giao thông")
    article.save_revision().publish()
    shown = Person.objects.create(name="Nguyễn Văn Bình", slug="nguyen-van-binh")
    hidden = Person.objects.create(name="Phạm Thu", slug="pham-thu")
    ArticleEntity.objects.create(article=article, kind=EntityKind.PERSON, person=shown, state=LinkState.CONFIRMED)
    ArticleEntity.objects.create(article=article, kind=EntityKind.PERSON, person=hidden, state=LinkState.SUGGESTED)
    return article


def test_bylines_tags_people_and_cover_are_read_with_the_article(story):
    from toasoan.news.selectors import article_relations
    from toasoan.news.views import live_article

    with CaptureQueriesContext(connection) as queries:
        article = live_article(pk=story.pk, root_path="")
        found = article_relations(article=article)
        assert article.cover_image.title == "Xe tải xếp hàng"  # kept on the article: no query of its own
        assert article.cover_image.created_at.tzinfo is not None
        assert article.cover_image.file.name and article.cover_image.width > 0
    assert len(queries) == 1
    assert [a.name for a in found.authors] == ["Lê Minh", "Trần Hoa"]  # the byline's order
    assert sorted(t.name for t in found.tags) == ["Giao thông", "Nông sản"]
    assert [p.name for p in found.people] == ["Nguyễn Văn Bình"]  # confirmed links only
    assert found.people[0].get_absolute_url().endswith("/nguyen-van-binh/")


def test_the_article_page_shows_what_the_relations_query_read(client, story):
    body = client.get(story.canonical_path()).content.decode()
    assert "Lê Minh" in body and "Trần Hoa" in body and body.index("Lê Minh") < body.index("Trần Hoa")
    assert "Nông sản" in body and "Nguyễn Văn Bình" in body and "Phạm Thu" not in body
    assert 'property="og:image"' in body


def test_section_links_match_wagtails_and_need_no_cache(rf, section, site_structure):
    from wagtail.models import Site

    from toasoan.sections.selectors import section_url

    request = rf.get("/")
    request._wagtail_site = Site.objects.select_related("root_page").get(is_default_site=True)
    assert section_url(section=section, request=request) == section.get_url(request=request)
    assert section_url(section=section, request=rf.get("/")) == section.get_url()  # no site: Wagtail's answer


def test_the_title_names_the_site_without_reading_the_menu(client, story):
    from django.core.cache import cache
    from wagtail.models import Site

    from toasoan.caching import store

    site = Site.objects.get(is_default_site=True)
    body = client.get(story.canonical_path()).content.decode()
    name = site.site_name or site.root_page.title
    assert f"<title>{story.title} | {name}</title>" in body
    cache.delete(f"toasoan:menu:{site.pk}")
    store.bump({f"a:{story.pk}"})  # as a publish does: the head and the story are rendered again
    body = client.get(story.canonical_path()).content.decode()
    assert f"<title>{story.title} | {name}</title>" in body
    assert cache.get(f"toasoan:menu:{site.pk}") is None  # ... without reading the menu
