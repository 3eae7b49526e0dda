"""View layer of the article page: what it shows around the story (``core.page_context``)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from toasoan.core.page_context import register
from toasoan.entities.selectors import article_people
from toasoan.news.models import ArticlePage
from toasoan.news.selectors import article_authors, article_event_teasers, article_relations, more_from_section


@register("news.ArticlePage")
def article_page(*, page, request) -> dict:
    return article_context(article=page)


def article_context(*, article: ArticlePage, event_ids: list[int] | None = None) -> dict:
    """What the article page shows around the story: authors, tags, its events and more from its section.

    Every value is lazy: it is read only when the template renders the part that shows it, so a part
    served from its fragment cache (``toasoan.caching.fragments``) costs no query. An article read by
    ``news.views.live_article`` already carries the ids of its events (``live_event_ids``), so its events
    block does not read the link table again; a preview has none and reads the events as edited.
    """
    if event_ids is None:
        event_ids = getattr(article, "live_event_ids", None)
    context = {
        "event_teasers": SimpleLazyObject(lambda: article_event_teasers(article=article, event_ids=event_ids)),
        "more_from_section": SimpleLazyObject(lambda: more_from_section(article=article)),
    }
    if getattr(article, "relations_json", None) is not None:
        # The live article of a reader request (news.views.live_article), read with its bylines, tags, people
        # and cover: made into objects when the first part that shows one of them is rendered.
        relations = SimpleLazyObject(lambda: article_relations(article=article))
        context.update({
            "relations": relations,
            "authors": SimpleLazyObject(lambda: relations.authors),
            "tags": SimpleLazyObject(lambda: relations.tags),
            "people": SimpleLazyObject(lambda: relations.people),
        })
    else:  # a preview (bylines and tags as edited) or a page reached through the tree
        context.update({
            "authors": SimpleLazyObject(lambda: article_authors(article=article)),
            "tags": SimpleLazyObject(lambda: list(article.tags.all())),
            "people": SimpleLazyObject(lambda: article_people(article=article)),
        })
    return context
