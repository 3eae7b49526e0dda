"""Cache tags: which tags a page carries, and which tags a change to an article must purge.

A reader page carries the tags of what it lists:

====================  =================================
page                  tags
====================  =================================
home                  ``home``
section               ``s:<id>``
Mới nhất, Tin nóng…   ``l:<kind>`` (latest, hot, media…)
event                 ``e:<id>``; the events index ``events``
article               ``a:<id>``
tag (từ khóa)         ``t:<slug>``
people, feeds         ``p:<id>``, ``feed`` (pages add them with :func:`add_cache_tags`)
search results        ``search`` (any article's change may change any result page)
====================  =================================

and every page also carries ``all``; the masthead and footer fragments carry ``chrome``.

Publishing, editing, unpublishing or expiring an article purges
``a:<id>`` and every listing it appears in: ``home``, its sections (primary, its parent, secondary),
``l:latest``, ``l:hot``, the listing of its format, its events, its authors, its tags, ``feed`` and ``search`` —
computed both before the change (where it was) and after it (where it is now).
"""

from __future__ import annotations

from django.http import HttpRequest

ALL = "all"
# The masthead and footer fragments (logo, imprint): purged with ``all`` when the imprint is saved.
CHROME = "chrome"
REQUEST_ATTR = "_toasoan_cache_tags"


def add_cache_tags(request: HttpRequest, *tags: str) -> None:
    """Declare that the response to ``request`` shows what ``tags`` name (see the module table)."""
    existing = getattr(request, REQUEST_ATTR, None)
    if existing is None:
        existing = set()
        setattr(request, REQUEST_ATTR, existing)
    existing.update(t for t in tags if t)


def request_tags(request: HttpRequest) -> set[str]:
    return {ALL, *getattr(request, REQUEST_ATTR, ())}


def page_tags(page) -> set[str]:
    """Tags of the reader page that serves ``page`` (a specific Wagtail page)."""
    name = type(page).__name__
    if name == "ArticlePage":
        return {f"a:{page.pk}"}
    if name == "HomePage":
        return {"home"}
    if name == "SectionPage":
        return {f"s:{page.pk}"}
    if name == "ListingPage":
        return {f"l:{page.kind}"}
    if name == "EventPage":
        return {f"e:{page.pk}"}
    if name == "EventIndexPage":
        return {"events"}
    return {f"page:{page.pk}"}


def _format_kinds() -> dict[str, str]:
    from toasoan.news.selectors import LISTING_FORMATS

    return {str(fmt): kind for kind, fmt in LISTING_FORMATS.items()}


def article_tags(article_id: int) -> set[str]:
    """Every tag whose pages show (or showed, as currently stored) article ``article_id``."""
    from toasoan.news.models import ArticleAuthor, ArticlePage, ArticleTag
    from toasoan.sections.models import SectionPage

    row = ArticlePage.objects.filter(pk=article_id).values("section_id", "format").first()
    if row is None:
        return {f"a:{article_id}"}
    tags = {f"a:{article_id}", "home", "l:latest", "l:hot", "feed", "events", "search"}
    kind = _format_kinds().get(row["format"])
    if kind:
        tags.add(f"l:{kind}")
    section_ids = set(ArticlePage.secondary_sections.through.objects.filter(articlepage_id=article_id)
                      .values_list("sectionpage_id", flat=True))
    if row["section_id"]:
        section_ids.add(row["section_id"])
    # Parents of these sections list their sub-sections' articles too.
    for section in SectionPage.objects.filter(pk__in=section_ids).only("path", "depth"):
        section_ids.add(section.pk)
        if section.depth > 3:
            parent = SectionPage.objects.filter(path=section.path[: -SectionPage.steplen]).values_list(
                "pk", flat=True).first()
            if parent:
                section_ids.add(parent)
    tags.update(f"s:{pk}" for pk in section_ids)
    tags.update(f"e:{pk}" for pk in ArticlePage.events.through.objects.filter(articlepage_id=article_id)
                .values_list("eventpage_id", flat=True))
    tags.update(f"p:{pk}" for pk in ArticleAuthor.objects.filter(article_id=article_id).values_list("author_id",
                                                                                                     flat=True))
    tags.update(f"t:{slug}" for slug in ArticleTag.objects.filter(content_object_id=article_id)
                .values_list("tag__slug", flat=True))
    return tags
