"""View layer of the event pages: what their templates list (``core.page_context``)."""

from __future__ import annotations

from toasoan.core.page_context import register
from toasoan.events.selectors import events_page
from toasoan.news.selectors import event_articles


@register("events.EventIndexPage")
def event_index_page(*, page, request) -> dict:
    return {"page_of_events": events_page(cursor=request.GET.get("sau"))}


@register("events.EventPage")
def event_page(*, page, request) -> dict:
    return {"page_of_articles": event_articles(event=page, cursor=request.GET.get("sau"))}
