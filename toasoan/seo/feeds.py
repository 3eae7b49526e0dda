"""RSS 2.0 feeds (Django's syndication framework): home, each section, each event, each person.

Each item carries the sapo as description, the cover (or first) image as an enclosure, the authors, and
the section and tags as categories; a story followed live right now also has the category «Tường thuật trực
tiếp» and counts its newest update as its last change (the channel's ``lastBuildDate``). Feeds are cached
with the page cache under the ``feed`` tag (purged whenever any article is published, edited or unpublished,
or a live update changes) plus the tag of what they list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Max
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from toasoan.caching.tags import add_cache_tags
from toasoan.news.models import ArticlePage
from toasoan.seo import conf
from toasoan.seo.images import share_image


@dataclass
class FeedSource:
    """What a feed lists: its title, page link, description and articles (already fetched)."""

    title: str
    link: str
    description: str
    articles: list[ArticlePage]


class VietnameseRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        attrs = super().rss_attributes()
        attrs["xmlns:dc"] = "http://purl.org/dc/elements/1.1/"
        return attrs

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        # RSS 2.0 <author> wants an e-mail address; the names go in dc:creator (one per author), as feed
        # readers expect.
        for name in item.get("creators") or ():
            handler.addQuickElement("dc:creator", name)


def _prepare(articles: list[ArticlePage], *, request: HttpRequest) -> list[ArticlePage]:
    """Attach what the item methods need (authors, tags, enclosure) in a fixed number of queries."""
    from toasoan.news.models import ArticleAuthor, ArticleTag

    ids = [a.pk for a in articles]
    authors: dict[int, list[str]] = {}
    for link in ArticleAuthor.objects.filter(article_id__in=ids).select_related("author").order_by("sort_order"):
        authors.setdefault(link.article_id, []).append(link.author.name)
    tags: dict[int, list[str]] = {}
    for row in ArticleTag.objects.filter(content_object_id__in=ids).select_related("tag").order_by("pk"):
        tags.setdefault(row.content_object_id, []).append(row.tag.name)
    running_live = dict(
        ArticlePage.objects.filter(pk__in=ids, live_coverage__isnull=False, live_coverage__ended_at__isnull=True)
        .annotate(last_update=Max("live_coverage__updates__created_at"))
        .values_list("pk", "last_update")
    )
    for article in articles:
        article.seo_live = article.pk in running_live
        article.seo_live_updated = running_live.get(article.pk)
        article.seo_authors = authors.get(article.pk, [])
        article.seo_tags = tags.get(article.pk, [])
        article.seo_link = request.build_absolute_uri(article.canonical_path())
        article.seo_image = share_image(article.cover_image, request=request) if article.cover_image_id else None
    return articles


class ArticleFeed(Feed):
    feed_type = VietnameseRssFeed
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/rss+xml; charset=utf-8"
        return response

    def source(self, request: HttpRequest, **kwargs: Any) -> FeedSource:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs) -> FeedSource:
        add_cache_tags(request, "feed")
        source = self.source(request, **kwargs)
        source.articles = _prepare(source.articles, request=request)
        return source

    def title(self, obj: FeedSource) -> str:
        return obj.title

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def description(self, obj: FeedSource) -> str:
        return obj.description

    def items(self, obj: FeedSource) -> list[ArticlePage]:
        return obj.articles

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.sapo

    def item_link(self, item: ArticlePage) -> str:
        return item.seo_link

    def item_guid(self, item: ArticlePage) -> str:
        return item.seo_link

    def item_pubdate(self, item: ArticlePage):
        return item.published_at

    def item_updateddate(self, item: ArticlePage):
        published = item.last_published_at or item.published_at
        live_updated = item.seo_live_updated
        return max(published, live_updated) if published and live_updated else published or live_updated

    def item_author_name(self, item: ArticlePage) -> str | None:
        return None  # Django would write one joined dc:creator; add_item_elements writes one per author

    def item_categories(self, item: ArticlePage) -> list[str]:
        categories = [item.section.title] if item.section_id and item.section else []
        if item.seo_live:
            categories.insert(0, _("Tường thuật trực tiếp"))
        return [*categories, *(t for t in item.seo_tags if t not in categories)]

    def item_enclosures(self, item: ArticlePage) -> list[Enclosure]:
        image = item.seo_image
        if image is None:
            return []
        return [Enclosure(url=image.url, length=str(image.length), mime_type=image.mime_type)]

    def item_extra_kwargs(self, item: ArticlePage) -> dict[str, Any]:
        return {"creators": item.seo_authors}


def _site_name() -> str:
    return conf.site_name()


class HomeFeed(ArticleFeed):
    def source(self, request: HttpRequest, **kwargs: Any) -> FeedSource:
        from toasoan.news.selectors import latest_articles

        add_cache_tags(request, "home")
        return FeedSource(
            title=_("%(site)s — Tin mới nhất") % {"site": _site_name()},
            link="/",
            description=_("Những bài mới đăng trên %(site)s.") % {"site": _site_name()},
            articles=latest_articles(size=conf.feed_size()).items,
        )


class SectionFeed(ArticleFeed):
    def source(self, request: HttpRequest, **kwargs: Any) -> FeedSource:
        from toasoan.news.selectors import section_articles
        from toasoan.sections.models import SectionPage

        section = get_object_or_404(SectionPage.objects.live(), pk=kwargs["pk"])
        add_cache_tags(request, f"s:{section.pk}")
        return FeedSource(
            title=f"{section.title} — {_site_name()}",
            link=section.url or "/",
            description=section.intro or _("Tin mới trong chuyên mục %(name)s.") % {"name": section.title},
            articles=section_articles(section=section, size=conf.feed_size()).items,
        )


class EventFeed(ArticleFeed):
    def source(self, request: HttpRequest, **kwargs: Any) -> FeedSource:
        from toasoan.events.models import EventPage
        from toasoan.news.selectors import event_articles

        event = get_object_or_404(EventPage.objects.live(), pk=kwargs["pk"])
        add_cache_tags(request, f"e:{event.pk}")
        return FeedSource(
            title=f"{event.title} — {_site_name()}",
            link=event.url or "/",
            description=event.description or _("Các bài viết về sự kiện %(name)s.") % {"name": event.title},
            articles=event_articles(event=event, size=conf.feed_size()).items,
        )


class PersonFeed(ArticleFeed):
    def source(self, request: HttpRequest, **kwargs: Any) -> FeedSource:
        from toasoan.entities.models import Person
        from toasoan.entities.selectors import entity_articles

        person = get_object_or_404(Person, slug=kwargs["slug"])
        articles = entity_articles(entity=person, size=conf.feed_size()).items
        if not articles:
            raise Http404
        return FeedSource(
            title=f"{person.name} — {_site_name()}",
            link=person.get_absolute_url(),
            description=_("Các bài viết nhắc đến %(name)s.") % {"name": person.name},
            articles=articles,
        )
