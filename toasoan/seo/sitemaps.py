"""Sitemaps that stay fast at a million articles.

* ``/sitemap.xml`` — the index: the child of other pages, then one child per range of article ids from the
  lowest to the highest live id (``MIN``/``MAX`` on the primary key: two index lookups).
* ``/sitemap-bai-viet-<n>.xml`` — articles with ``(n-1)*chunk < id <= n*chunk``: a range scan on the
  primary key, never ``OFFSET``, so the last child costs what the first does.
* ``/sitemap-trang.xml`` — home, sections, listings and events (a few hundred pages).
* ``/sitemap-tin-moi.xml`` — Google News: articles published in the last 48 hours (at most 1,000), and every
  story whose live coverage is still running, however long ago it was published.

XML is written directly (escaped with :func:`xml.sax.saxutils.escape`): no template per URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from django.db.models import Max, Min, Q, TextField
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from toasoan.caching.tags import add_cache_tags
from toasoan.seo import conf

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def _iso(value: datetime | None) -> str:
    """W3C datetime in UTC (``2026-11-25T02:11:24+00:00``): cheap enough for 10,000 rows per child."""
    if value is None:
        return ""
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _live_articles():
    from toasoan.news.models import ArticlePage

    return ArticlePage.objects.filter(live=True, published_at__isnull=False, published_at__lte=timezone.now())


def article_chunks() -> list[int]:
    """Numbers (from 1) of the id ranges between the lowest and the highest article id.

    Two primary-key lookups (``MIN``/``MAX``), whatever the archive size: the index is rebuilt after every
    publication (the ``feed`` tag), so it must not scan the table. A range with no live article left is
    still listed and renders an empty ``urlset``. No ``lastmod`` per child: computing it would read every row.
    """
    chunk = conf.sitemap_chunk()
    from toasoan.news.models import ArticlePage

    # Bounds over every article row (drafts too): a bare MIN/MAX is answered from the primary-key index;
    # with the live/published filter PostgreSQL would join and scan.
    bounds = ArticlePage.objects.aggregate(low=Min("page_ptr_id"), high=Max("page_ptr_id"))
    if bounds["low"] is None:
        return []
    return list(range((bounds["low"] - 1) // chunk + 1, (bounds["high"] - 1) // chunk + 2))


def last_chunk() -> int:
    chunks = article_chunks()
    return chunks[-1] if chunks else 0


def article_rows(*, number: int) -> list[tuple[int, str, str | None]]:
    """``(id, slug, lastmod text)`` of the live articles of child ``number`` (ids ``(n-1)*chunk+1 .. n*chunk``).

    The time comes back as text (``CAST(... AS text)``, in UTC: Django runs its connections in UTC), because
    decoding 10,000 ``timestamptz`` values in Python costs more than the whole query.
    """
    chunk = conf.sitemap_chunk()
    low, high = (number - 1) * chunk + 1, number * chunk
    queryset = (
        _live_articles()
        .filter(page_ptr_id__gte=low, page_ptr_id__lte=high)
        .annotate(lastmod_text=Cast("last_published_at", TextField()))
        .order_by("page_ptr_id")
        .values_list("page_ptr_id", "slug", "lastmod_text")
    )
    return list(queryset)  # at most ``chunk`` short rows: one round trip beats a server-side cursor


def w3c_from_text(text: str | None) -> str:
    """``"2026-11-25 02:11:24.5+00"`` (PostgreSQL) or ``"2026-11-25 02:11:24.5"`` (SQLite) → W3C, UTC."""
    if not text:
        return ""
    return text[:10] + "T" + text[11:19] + "+00:00"


def _url_entry(loc: str, lastmod: datetime | None) -> str:
    mod = f"<lastmod>{_iso(lastmod)}</lastmod>" if lastmod else ""
    return f"<url><loc>{escape(loc)}</loc>{mod}</url>\n"


def _xml_response(parts: Iterable[str]) -> HttpResponse:
    return HttpResponse("".join(parts), content_type="application/xml; charset=utf-8")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    add_cache_tags(request, "feed")
    base = _base(request)

    def parts() -> Iterator[str]:
        yield XML_HEAD
        yield f'<sitemapindex xmlns="{SITEMAP_NS}">\n'
        yield f"<sitemap><loc>{escape(base + reverse('seo:sitemap_pages'))}</loc></sitemap>\n"
        for number in article_chunks():
            loc = base + reverse("seo:sitemap_articles", kwargs={"number": number})
            yield f"<sitemap><loc>{escape(loc)}</loc></sitemap>\n"
        yield "</sitemapindex>\n"

    return _xml_response(parts())


def render_article_sitemap(*, number: int, base: str) -> str:
    """The XML of child ``number`` (used by the view and by ``bench/sitemap_bench.py``)."""
    out = [XML_HEAD, f'<urlset xmlns="{SITEMAP_NS}">\n']
    prefix = escape(base)
    # Slugs are server-made ASCII ([a-z0-9-]), so only the base needs escaping.
    for pk, slug, lastmod in article_rows(number=number):
        mod = f"<lastmod>{w3c_from_text(lastmod)}</lastmod>" if lastmod else ""
        out.append(f"<url><loc>{prefix}/{slug}-{pk}.html</loc>{mod}</url>\n")
    out.append("</urlset>\n")
    return "".join(out)


def sitemap_articles(request: HttpRequest, number: int) -> HttpResponse:
    if number < 1 or number > last_chunk():
        raise Http404
    add_cache_tags(request, "feed")
    body = render_article_sitemap(number=number, base=_base(request))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _other_pages():
    from wagtail.models import Page

    from toasoan.events.models import EventIndexPage, EventPage
    from toasoan.home.models import HomePage
    from toasoan.sections.models import ListingPage, SectionPage

    types = (HomePage, SectionPage, ListingPage, EventIndexPage, EventPage)
    return Page.objects.live().public().type(*types).order_by("path")


def sitemap_pages(request: HttpRequest) -> HttpResponse:
    add_cache_tags(request, "feed", "events")
    base = _base(request)
    parts = [XML_HEAD, f'<urlset xmlns="{SITEMAP_NS}">\n']
    for page in _other_pages():
        url = page.get_url(request=request)
        if url:
            parts.append(_url_entry(url if url.startswith("http") else base + url, page.last_published_at))
    parts.append("</urlset>\n")
    return _xml_response(parts)


def news_articles():
    """Articles for the Google News sitemap: published in the last ``news_hours`` hours, or followed live right
    now (a coverage started and not ended: the story is news as long as it runs), newest first."""
    since = timezone.now() - timedelta(hours=conf.news_hours())
    running_live = Q(live_coverage__isnull=False, live_coverage__ended_at__isnull=True)
    return (
        _live_articles()
        .filter(Q(published_at__gte=since) | running_live)
        .order_by("-published_at", "-page_ptr_id")
        .values_list("page_ptr_id", "slug", "title", "published_at")[: conf.news_max()]
    )


def sitemap_news(request: HttpRequest) -> HttpResponse:
    add_cache_tags(request, "feed")
    base = _base(request)
    name = escape(conf.site_name())
    parts = [XML_HEAD, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for pk, slug, title, published in news_articles():
        parts.append(
            f"<url><loc>{escape(f'{base}/{slug}-{pk}.html')}</loc><news:news>"
            f"<news:publication><news:name>{name}</news:name><news:language>vi</news:language></news:publication>"
            f"<news:publication_date>{_iso(published)}</news:publication_date>"
            f"<news:title>{escape(title)}</news:title></news:news></url>\n"
        )
    parts.append("</urlset>\n")
    return _xml_response(parts)


def robots_txt(request: HttpRequest) -> HttpResponse:
    base = _base(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /_v",
        "Disallow: /tim-kiem/",
        "",
        f"Sitemap: {base}{reverse('seo:sitemap_index')}",
        f"Sitemap: {base}{reverse('seo:sitemap_news')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


