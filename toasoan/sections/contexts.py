"""View layer of section and listing pages: what their templates show (``core.page_context``)."""

from __future__ import annotations

from dataclasses import replace

from toasoan.core.page_context import register
from toasoan.news import selectors
from toasoan.sections.selectors import listing_articles


@register("sections.SectionPage")
def section_page(*, page, request) -> dict:
    context = {}
    cursor = request.GET.get("sau")
    page_of_articles = selectors.section_articles(section=page, cursor=cursor)
    if not cursor:
        # The front's curated lead and featured stories lead the first page and are not listed twice.
        front = selectors.section_front(section=page)
        shown = {article.pk for article in [front.lead, *front.featured] if article is not None}
        page_of_articles = replace(page_of_articles, items=[a for a in page_of_articles.items if a.pk not in shown])
        context["front"] = front
    context["page_of_articles"] = page_of_articles
    context["subsections"] = selectors.subsections(section=page)
    return context


@register("sections.ListingPage")
def listing_page(*, page, request) -> dict:
    return {"page_of_articles": listing_articles(kind=page.kind, cursor=request.GET.get("sau"),
                                                 home=page.get_parent().specific)}
