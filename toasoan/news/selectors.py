"""Read side of the news app: every reader listing goes through here.

Listings filter on the article table and order by (published_at, id) so they use the indexes declared on
:class:`ArticlePage`; they page by cursor (:mod:`toasoan.core.pagination`), never by OFFSET, and never read
the tree path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from modelcluster.queryset import FakeQuerySet

from toasoan.core.pagination import KeysetPage, keyset_page
from toasoan.images.models import NewsImage
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
        .prefetch_related("cover_image__renditions")
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
    # A subquery, not a join + DISTINCT: the (published_at, id) index then serves the order and the LIMIT, so the
    # page costs the same at a million articles (docs/scale.md).
    secondary = ArticlePage.secondary_sections.through.objects.filter(sectionpage_id__in=ids).values("articlepage_id")
    queryset = published_articles().filter(Q(section_id__in=ids) | Q(pk__in=secondary))
    return _page(queryset, cursor=cursor, size=size)


def subsections(*, section) -> list:
    return list(section.get_children().live().in_menu().specific())


def event_articles(*, event, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    return _page(published_articles().filter(events=event), cursor=cursor, size=size)


def tag_articles(*, tag_slug: str, cursor: str | None = None, size: int | None = None) -> KeysetPage:
    return _page(published_articles().filter(tags__slug=tag_slug), cursor=cursor, size=size)


def _active_slots(*, front, kind: str):
    from toasoan.home.models import FrontSlot

    now = timezone.now()
    return (
        FrontSlot.objects.filter(front_id=front.pk, kind=kind)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("position", "pk")
    )


def _articles_in_order(ids: list[int]) -> list[ArticlePage]:
    """Published articles for ``ids``, in that order, each once; embargoed or offline ones left out."""
    by_id = {a.pk: a for a in published_articles().filter(pk__in=ids)}
    seen: set[int] = set()
    ordered = []
    for i in ids:
        if i in by_id and i not in seen:
            seen.add(i)
            ordered.append(by_id[i])
    return ordered


def curated_articles(*, front, kind: str, limit: int = 10) -> list[ArticlePage]:
    """The articles an editor placed in ``kind`` slots of ``front`` (home or section), unexpired, in order."""
    ids = list(_active_slots(front=front, kind=kind).values_list("article_id", flat=True)[: limit * 2])
    return _articles_in_order(ids)[:limit]


def hot_articles(*, home, limit: int = 10) -> list[ArticlePage]:
    """The editors' Tin nóng pins on ``home`` that have not expired, in their order."""
    slot_ids = list(_active_slots(front=home, kind="hot").values_list("article_id", flat=True)[: limit * 2])
    return _articles_in_order(slot_ids)[:limit]


LISTING_FORMATS = {
    "media": ArticleFormat.MEDIA,
    "magazine": ArticleFormat.MAGAZINE,
    "infographic": ArticleFormat.INFOGRAPHIC,
    "photo": ArticleFormat.PHOTO,
}


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


FEATURED_SIZE = 4


@dataclass
class CuratedFront:
    """Lead, featured and Tin nóng of one front; each article once, gaps filled with the newest."""

    lead: ArticlePage | None
    featured: list[ArticlePage]
    hot: list[ArticlePage]
    shown: set[int]


def curated_front(*, front, candidates: list[ArticlePage], hot: list[ArticlePage] | None = None,
                  featured_size: int = FEATURED_SIZE) -> CuratedFront:
    """Fill the slots of ``front``: editors' choices first, then ``candidates`` (newest first) for gaps."""
    shown: set[int] = set()
    leads = curated_articles(front=front, kind="lead", limit=1)
    lead = leads[0] if leads else next((a for a in candidates if a.pk not in shown), None)
    if lead is not None:
        shown.add(lead.pk)
    featured = [a for a in curated_articles(front=front, kind="featured", limit=featured_size) if a.pk not in shown]
    shown.update(a.pk for a in featured)
    for article in candidates:
        if len(featured) >= featured_size:
            break
        if article.pk not in shown:
            featured.append(article)
            shown.add(article.pk)
    hot_list = [a for a in (hot if hot is not None else curated_articles(front=front, kind="hot", limit=6))
                if a.pk not in shown]
    shown.update(a.pk for a in hot_list)
    return CuratedFront(lead=lead, featured=featured, hot=hot_list, shown=shown)


def section_front(*, section, size: int = 12) -> HomeFront:
    """A section front: its lead, featured and Tin nóng slots, then its newest articles not shown above."""
    newest = section_articles(section=section, size=size + 1 + FEATURED_SIZE + 6).items
    curated = curated_front(front=section, candidates=newest)
    latest = [a for a in newest if a.pk not in curated.shown][:size]
    return HomeFront(lead=curated.lead, featured=curated.featured, hot=curated.hot, latest=latest)


@dataclass
class EventTeaser:
    event: object
    articles: list[ArticlePage]


@dataclass
class ArticleRelations:
    authors: list
    tags: list
    people: list
    cover_image: object | None = None


def relations_columns(*, article: str, page: str) -> tuple[str, list]:
    """Two columns for the article lookup (``news.views.live_article``) and their parameters: the article's
    bylines, tags and confirmed people as a JSON array of ``[kind, id, name, slug]`` (kind 1, 2, 3; bylines in
    their order), and its cover image as a JSON array of its columns (``IMAGE_ROWS``' fields), both as text.

    Only a render after a publish uses them (every other request finds the head and the story in their
    fragments); asked with the article they cost the database a few index lookups on every request, where a
    query of their own cost a round trip and ~0.8 ms on that render. They are parsed only when used.
    """
    from toasoan.entities.models import ArticleEntity, LinkState, Person
    from toasoan.images.selectors import IMAGE_ROWS
    from toasoan.news.models import ArticleTag, NewsTag
    from toasoan.people.models import Author

    q = connection.ops.quote_name

    def table(model) -> str:
        return q(model._meta.db_table)

    rows = (
        f"SELECT 1 AS k, l.sort_order AS o, l.id AS i, r.id, r.name, r.slug FROM {table(ArticleAuthor)} l "  # noqa: S608
        f"INNER JOIN {table(Author)} r ON r.id = l.author_id WHERE l.article_id = {page}.id "
        f"UNION ALL SELECT 2, l.id, l.id, r.id, r.name, r.slug FROM {table(ArticleTag)} l "
        f"INNER JOIN {table(NewsTag)} r ON r.id = l.tag_id WHERE l.content_object_id = {page}.id "
        f"UNION ALL SELECT 3, l.id, l.id, r.id, r.name, r.slug FROM {table(ArticleEntity)} l "
        f"INNER JOIN {table(Person)} r ON r.id = l.person_id WHERE l.article_id = {page}.id AND l.state = %s"
    )
    image = table(NewsImage)
    image_columns = ", ".join(f"i.{q(f.column)}" for f in IMAGE_ROWS.fields)
    # Only table and column names of our models are formatted in, quoted by the database backend.
    if connection.vendor == "postgresql":
        relations = (f"(SELECT json_agg(json_build_array(x.k, x.id, x.name, x.slug) "  # noqa: S608
                     f"ORDER BY x.k, x.o, x.i)::text FROM ({rows}) x)")
        cover = (f"(SELECT json_build_array({image_columns})::text FROM {image} i "  # noqa: S608
                 f"WHERE i.id = {article}.cover_image_id)")
    else:
        relations = (f"(SELECT json_group_array(json_array(x.k, x.id, x.name, x.slug)) "  # noqa: S608
                     f"FROM ({rows} ORDER BY 1, 2, 3) x)")
        cover = f"(SELECT json_array({image_columns}) FROM {image} i WHERE i.id = {article}.cover_image_id)"  # noqa: S608
    return f"{relations}, {cover}", [LinkState.CONFIRMED.value]


def article_relations(*, article: ArticlePage) -> ArticleRelations:
    """The saved bylines (in their order), tags and confirmed people of a live ``article`` and its cover image,
    from the columns of :func:`relations_columns` its lookup read: no query of their own. Each byline, tag
    and person is an instance with its id, name and slug loaded (what the page shows of it); the cover is kept
    on the article as Django would after ``article.cover_image``."""
    import json

    from toasoan.entities.models import Person
    from toasoan.images.selectors import IMAGE_ROWS
    from toasoan.news.models import NewsTag
    from toasoan.people.models import Author

    found = ArticleRelations(authors=[], tags=[], people=[])
    lists = {1: (Author, found.authors), 2: (NewsTag, found.tags), 3: (Person, found.people)}
    for kind, pk, name, slug in json.loads(article.relations_json or "[]"):
        model, into = lists[kind]
        into.append(model.from_db(connection.alias, ["id", "name", "slug"], [pk, name, slug]))
    cover_field = ArticlePage._meta.get_field("cover_image")
    if article.cover_image_id is not None and not cover_field.is_cached(article):
        values = json.loads(article.cover_json) if article.cover_json else None
        cover_field.set_cached_value(article, IMAGE_ROWS.read_json(values) if values else None)
    found.cover_image = article.cover_image if article.cover_image_id is not None else None
    return found


def article_authors(*, article: ArticlePage) -> list:
    in_memory = article.article_authors.all()
    if isinstance(in_memory, FakeQuerySet):  # a preview: the bylines as edited, not as saved
        return [link.author for link in sorted(in_memory, key=lambda link: link.sort_order or 0)]
    return [
        link.author
        for link in ArticleAuthor.objects.filter(article=article).select_related("author").order_by("sort_order")
    ]


def article_event_teasers(*, article: ArticlePage, event_ids: list[int] | None = None) -> list[EventTeaser]:
    """Each live event of the article, newest first, with its latest other articles."""
    from toasoan.events.models import EventPage

    if event_ids is None:  # previews included: the events as chosen in the editor
        event_ids = [event.pk for event in article.events.all()]
    events = EventPage.objects.live().filter(pk__in=event_ids)
    # The teasers show a title, a link and a time: no image, section or body to load.
    titles = (ArticlePage.objects.live().filter(published_at__isnull=False, published_at__lte=timezone.now())
              .exclude(pk=article.pk).only("title", "slug", "published_at").order_by("-published_at", "-pk"))
    return [
        EventTeaser(event=event, articles=list(titles.filter(events=event)[:EVENT_TEASER_SIZE]))
        for event in events.order_by("-first_published_at")
    ]


def more_from_section(*, article: ArticlePage) -> KeysetPage | None:
    if not article.section_id:
        return None
    return _page(
        published_articles().filter(section_id=article.section_id).exclude(pk=article.pk),
        cursor=None,
        size=RELATED_SIZE,
    )


def author_prefetch() -> Prefetch:
    return Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
