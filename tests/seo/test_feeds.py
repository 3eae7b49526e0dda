"""RSS feeds parsed by feedparser: home, section, event and person, with sapo, enclosure, author, categories."""

from __future__ import annotations

import feedparser
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_home_feed_items_carry_sapo_enclosure_author_and_categories(archive, client):
    feed = parse(client, reverse("seo:feed_home"))
    lead = archive["lead"]
    assert feed.feed.language == "vi"
    titles = [e.title for e in feed.entries]
    assert titles == [lead.title, archive["old"].title]  # newest first, the draft is left out
    entry = feed.entries[0]
    assert entry.link == f"http://testserver/{lead.slug}-{lead.pk}.html"
    assert entry.summary == lead.sapo
    assert entry.author == "Lê Thu Hà"
    raw = client.get(reverse("seo:feed_home")).content.decode()
    assert raw.count("<dc:creator>Lê Thu Hà</dc:creator>") == 1
    assert {t.term for t in entry.tags} == {"Thời sự", "giao thông", "Nghệ An"}
    [enclosure] = entry.enclosures
    assert enclosure.type == "image/jpeg"
    assert enclosure.href.startswith("http://testserver/uploads/")
    assert int(enclosure.length) > 0
    assert entry.published_parsed is not None
    assert feed.entries[1].get("enclosures", []) == []


def test_section_feed_lists_the_section(archive, client, site_structure):
    from toasoan.home.services import ensure_section

    other = ensure_section(title="Kinh tế", slug="kinh-te")
    feed = parse(client, reverse("seo:feed_section", kwargs={"pk": archive["section"].pk}))
    assert "Thời sự" in feed.feed.title
    assert len(feed.entries) == 2
    empty = parse(client, reverse("seo:feed_section", kwargs={"pk": other.pk}))
    assert empty.entries == []


def test_event_and_person_feeds(archive, client):
    event_feed = parse(client, reverse("seo:feed_event", kwargs={"pk": archive["event"].pk}))
    assert [e.title for e in event_feed.entries] == [archive["lead"].title, archive["old"].title]
    person_feed = parse(client, reverse("seo:feed_person", kwargs={"slug": archive["person"].slug}))
    assert [e.title for e in person_feed.entries] == [archive["lead"].title]


def test_unknown_feeds_are_404(archive, client):
    assert client.get(reverse("seo:feed_section", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("seo:feed_event", kwargs={"pk": archive["section"].pk})).status_code == 404
    assert client.get(reverse("seo:feed_person", kwargs={"slug": "khong-co-ai"})).status_code == 404


def test_feeds_are_linked_from_pages(archive, client):
    section_html = client.get(archive["section"].url).content.decode()
    section_feed = reverse("seo:feed_section", kwargs={"pk": archive["section"].pk})
    assert 'type="application/rss+xml" title="Thời sự — ' in section_html
    assert f'href="http://testserver{section_feed}"' in section_html
    assert f'href="http://testserver{reverse("seo:feed_home")}"' in section_html
    event_html = client.get(archive["event"].url).content.decode()
    assert reverse("seo:feed_event", kwargs={"pk": archive["event"].pk}) in event_html
    person_html = client.get(archive["person"].get_absolute_url()).content.decode()
    assert reverse("seo:feed_person", kwargs={"slug": archive["person"].slug}) in person_html


def test_feed_is_purged_when_an_article_is_published(archive, client, settings, make_article,
                                                     django_capture_on_commit_callbacks):
    settings.TOASOAN_PAGE_CACHE = "django"
    url = reverse("seo:feed_home")
    first = client.get(url)
    assert "feed" in first["X-Cache-Tags"].split()
    assert client.get(url)["X-Page-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Mở lại phà Cửa Hội sau bão")
    fresh = feedparser.parse(client.get(url).content)
    assert fresh.entries[0].title == "Mở lại phà Cửa Hội sau bão"
