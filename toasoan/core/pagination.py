"""Keyset ("cursor") paging for listings: "Xem thêm" carries the last seen (time, id), never an OFFSET."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from django.db.models import Q, QuerySet

T = TypeVar("T")


@dataclass(frozen=True)
class Cursor:
    time: datetime
    pk: int

    def encode(self) -> str:
        raw = f"{self.time.isoformat()}|{self.pk}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str | None) -> Cursor | None:
        """The cursor in ``token``, or None for a missing or malformed one (a bad link shows page one)."""
        if not token or len(token) > 200:
            return None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            time_text, pk_text = raw.split("|", 1)
            time = datetime.fromisoformat(time_text)
            pk = int(pk_text)
        except (ValueError, UnicodeDecodeError, binascii.Error):
            return None
        if time.tzinfo is None or pk < 0:
            return None
        return cls(time=time, pk=pk)


@dataclass(frozen=True)
class KeysetPage(Generic[T]):
    items: list[T]
    next_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def keyset_page(
    queryset: QuerySet, *, cursor: str | None, size: int, time_field: str = "published_at", pk_field: str = "pk"
) -> KeysetPage:
    """The ``size`` newest rows after ``cursor``, ordered by (time, id) descending, and the next cursor."""
    position = Cursor.decode(cursor)
    if position is not None:
        queryset = queryset.filter(
            Q(**{f"{time_field}__lt": position.time}) | Q(**{time_field: position.time, f"{pk_field}__lt": position.pk})
        )
    rows = list(queryset.order_by(f"-{time_field}", f"-{pk_field}")[: size + 1])
    items = rows[:size]
    next_cursor = None
    if len(rows) > size and items:
        last = items[-1]
        next_cursor = Cursor(time=getattr(last, time_field), pk=getattr(last, pk_field)).encode()
    return KeysetPage(items=items, next_cursor=next_cursor)
