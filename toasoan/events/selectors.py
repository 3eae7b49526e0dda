from __future__ import annotations

from django.db.models import QuerySet

from toasoan.core.pagination import KeysetPage, keyset_page
from toasoan.events.models import EventPage


def live_events() -> QuerySet[EventPage]:
    return EventPage.objects.live().filter(first_published_at__isnull=False).select_related("cover_image")


def events_page(*, cursor: str | None = None, size: int = 12) -> KeysetPage:
    """Events newest first, paged by (first_published_at, id)."""
    return keyset_page(live_events(), cursor=cursor, size=size, time_field="first_published_at")
