"""Sitemap index split by id range, article children, the pages child, Google News (48 h) and robots.txt."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def locs(root: ET.Element, tag: str = "url") -> list[str]:
    return [el.findtext("sm:loc", namespaces=NS) for el in root.findall(f"sm:{tag}", NS)]


def test_index_children_are_id_ranges_covering_every_live_article(archive, client, settings, make_article):
    settings.TOASOAN_SITEMAP_CHUNK = 2
    more = [make_article(title=f"Bản tin giao thông số {i}") for i in range(3)]
    live = [archive["lead"], archive["old"], *more]
    index = xml(client, reverse("seo:sitemap_index"))
    children = locs(index, "sitemap")
    assert children[0] == "http://testserver" + reverse("seo:sitemap_pages")
    numbers_with_articles = {(a.pk - 1) // 2 + 1 for a in live}
    expected_numbers = list(range(min(numbers_with_articles), max(numbers_with_articles) + 1))
    assert children[1:] == [
        "http://testserver" + reverse("seo:sitemap_articles", kwargs={"number": n}) for n in expected_numbers
    ]
    seen: list[str] = []
    for n in expected_numbers:
        child = xml(client, reverse("seo:sitemap_articles", kwargs={"number": n}))
        urls = locs(child)
        assert bool(urls) == (n in numbers_with_articles), n  # a range without live articles is empty
        for url in urls:
            pk = int(url.rsplit("-", 1)[1].removesuffix(".html"))
            assert (n - 1) * 2 < pk <= n * 2
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", el.findtext("sm:lastmod", namespaces=NS))
                   for el in child.findall("sm:url", NS))
        seen.extend(urls)
    assert sorted(seen) == sorted(f"http://testserver/{a.slug}-{a.pk}.html" for a in live)
    assert not any(str(archive["draft"].pk) + ".html" in u for u in seen)


def test_child_query_is_a_primary_key_range_without_offset(archive, client):
    n = (archive["lead"].pk - 1) // 10_000 + 1
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("seo:sitemap_articles", kwargs={"number": n}))
    assert response.status_code == 200
    article_queries = [q["sql"] for q in ctx.captured_queries if "news_articlepage" in q["sql"]]
    assert len(article_queries) == 2  # MIN/MAX bounds, then the range itself
    assert "MIN(" in article_queries[0] and "MAX(" in article_queries[0]
    article_queries = article_queries[1:]
    sql = article_queries[0].upper()
    assert "OFFSET" not in sql
    assert "BETWEEN" in sql or ">=" in sql


def test_empty_or_absurd_child_is_404(archive, client):
    last = (archive["lead"].pk - 1) // 10_000 + 1
    assert client.get(reverse("seo:sitemap_articles", kwargs={"number": last + 1})).status_code == 404
    assert client.get("/sitemap-bai-viet-0.xml").status_code == 404


def test_pages_child_lists_home_sections_and_events(archive, client):
    urls = locs(xml(client, reverse("seo:sitemap_pages")))
    assert "http://testserver/" in urls
    assert "http://testserver" + archive["section"].url in urls
    assert "http://testserver" + archive["event"].url in urls
    assert not any(u.endswith(".html") for u in urls)


def test_news_sitemap_has_only_the_last_48_hours(archive, client, make_article):
    yesterday = make_article(title="Khánh thành trường học vùng cao", published=timezone.now() - timedelta(hours=30))
    root = xml(client, reverse("seo:sitemap_news"))
    entries = root.findall("sm:url", NS)
    urls = [e.findtext("sm:loc", namespaces=NS) for e in entries]
    assert urls == [
        f"http://testserver/{archive['lead'].slug}-{archive['lead'].pk}.html",
        f"http://testserver/{yesterday.slug}-{yesterday.pk}.html",
    ]
    news = entries[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Tòa Soạn"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "vi"
    assert news.findtext("news:title", namespaces=NS) == archive["lead"].title
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published == archive["lead"].published_at.astimezone(UTC).isoformat(timespec="seconds")


def test_robots_names_the_sitemaps(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-tin-moi.xml" in text
    assert "Disallow: /admin/" in text
