"""Read side of the news app: every reader listing goes through here.

Listings filter on the article table and order by (published_at, id) so they use the indexes declared on
:class:`ArticlePage`; they page by cursor (:mod:`toasoan.core.pagination`), never by OFFSET, and never read
the tree path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from toasoan.core.pagination import KeysetPage, keyset_page
from toasoan.news.models import ArticleAuthor, ArticleFormat, ArticlePage

HOME_SECTION_SIZE = 5
RELATED_SIZE = 6
EVENT_TEASER_SIZE = 3


def page_size() -> int:
    return getattr(settings, "TOASOAN_PAGE_SIZE", 20)


def published_articles() -> QuerySet[ArticlePage]:
    """Live articles with a publication time, with what a teaser needs loaded in a fixed number of queries."""
    return (
        ArticlePage.objects.live()
        .filter(published_at__isnull=False, published_at__lte=timezone.now())
        .select_related("cover_image", "section")
        .defer_streamfields()
    )


def _page(queryset: QuerySet[ArticlePage], *, cursor: str | None, size: int | None = None) -> KeysetPage:
    return keyset_page(queryset, cursor=cursor, size=size or page_size())


def latest_articles(*, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    return _page(published_articles(), cursor=cursor, size=size)


def format_articles(*, fmt: str, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    return _page(published_articles().filter(format=fmt), cursor=cursor, size=size)


def section_articles(*, section, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    """A section front lists its own, its sub-sections' and its secondary articles."""
    ids = [section.pk, *section.get_children().type(section.__class__).values_list("pk", flat=True)]
    queryset = published_articles().filter(Q(section_id__in=ids) | Q(secondary_sections__in=ids)).distinct()
    return _page(queryset, cursor=cursor, size=size)


def subsections(*, section) -> list:
    return list(section.get_children().live().in_menu().specific())


def event_articles(*, event, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    return _page(published_articles().filter(events=event), cursor=cursor, size=size)


def tag_articles(*, tag_slug: str, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    return _page(published_articles().filter(tags__slug=tag_slug), cursor=cursor, size=size)


def hot_articles(*, home, limit: int = 10) -> list[ArticlePage]:
    """Tin nóng: the editors' pins that have not expired, in their order."""
    now = timezone.now()
    pins = home.hot_pins.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).order_by("sort_order")
    ids = list(pins.values_list("article_id", flat=True)[:limit])
    by_id = {a.pk: a for a in published_articles().filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


LISTING_FORMATS = {
    "media": ArticleFormat.MEDIA,
    "magazine": ArticleFormat.MAGAZINE,
    "infographic": ArticleFormat.INFOGRAPHIC,
    "photo": ArticleFormat.PHOTO,
}


def listing_articles(*, kind: str, cursor: str | None, home) -> KeysetPage:
    if kind == "latest":
        return latest_articles(cursor=cursor)
    if kind == "hot":
        return KeysetPage(items=hot_articles(home=home, limit=50), next_cursor=None)
    return format_articles(fmt=LISTING_FORMATS[kind], cursor=cursor)


@dataclass
class SectionBlock:
    section: object
    articles: list[ArticlePage]


@dataclass
class HomeFront:
    lead: ArticlePage | None
    featured: list[ArticlePage]
    hot: list[ArticlePage]
    latest: list[ArticlePage]
    sections: list[SectionBlock] = field(default_factory=list)
    formats: dict[str, list[ArticlePage]] = field(default_factory=dict)


def home_front(*, home) -> HomeFront:
    from toasoan.sections.models import SectionPage

    latest = latest_articles(size=13).items
    hot = hot_articles(home=home, limit=6)
    lead = hot[0] if hot else (latest[0] if latest else None)
    shown = {lead.pk} if lead else set()
    featured = [a for a in latest if a.pk not in shown][:4]
    shown.update(a.pk for a in featured)
    sections = []
    for section in home.get_children().live().in_menu().type(SectionPage).specific():
        articles = section_articles(section=section, size=HOME_SECTION_SIZE).items
        if articles:
            sections.append(SectionBlock(section=section, articles=articles))
    formats = {key: format_articles(fmt=fmt, size=4).items for key, fmt in LISTING_FORMATS.items()}
    return HomeFront(lead=lead, featured=featured, hot=hot, latest=latest, sections=sections, formats=formats)


@dataclass
class EventTeaser:
    event: object
    articles: list[ArticlePage]


def article_context(*, article: ArticlePage) -> dict:
    """What the article page shows around the story: authors, tags, its events and more from its section."""
    authors = [
        link.author
        for link in ArticleAuthor.objects.filter(article=article).select_related("author").order_by("sort_order")
    ]
    events = [
        EventTeaser(
            event=event,
            articles=list(published_articles().filter(events=event).exclude(pk=article.pk)
                          .order_by("-published_at", "-pk")[:EVENT_TEASER_SIZE]),
        )
        for event in article.events.live().order_by("-first_published_at")
    ]
    more = None
    if article.section_id:
        more = _page(
            published_articles().filter(section_id=article.section_id).exclude(pk=article.pk),
            cursor=None,
            size=RELATED_SIZE,
        )
    return {
        "authors": authors,
        "tags": list(article.tags.all()),
        "event_teasers": events,
        "more_from_section": more,
    }


def author_prefetch() -> Prefetch:
    return Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
