from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toasoan.core.pagination import Cursor


def test_cursor_round_trip():
    cursor = Cursor(time=datetime(2019, 7, 1, 12, 37, tzinfo=UTC), pk=42)
    assert Cursor.decode(cursor.encode()) == cursor


@given(st.text(max_size=300))
def test_garbage_cursor_is_ignored(token):
    decoded = Cursor.decode(token)
    assert decoded is None or isinstance(decoded, Cursor)


@pytest.mark.django_db
def test_keyset_pages_cover_everything_once(make_article):
    base = datetime(2024, 1, 1, tzinfo=UTC)
    # Two articles share a timestamp: the id breaks the tie, nothing is skipped or repeated.
    made = [make_article(title=f"Bài số {i}", published=base + timedelta(hours=i // 2)) for i in range(7)]
    from toasoan.news import selectors

    seen, cursor = [], None
    for _ in range(10):
        page = selectors.latest_articles(cursor=cursor, size=3)
        seen += [a.pk for a in page.items]
        if not page.has_next:
            break
        cursor = page.next_cursor
    expected = [a.pk for a in sorted(made, key=lambda a: (a.published_at, a.pk), reverse=True)]
    assert seen == expected


@pytest.mark.django_db
def test_listing_query_uses_no_offset(make_article, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from toasoan.news import selectors

    for i in range(4):
        make_article(title=f"Bài {i}")
    first = selectors.latest_articles(size=2)
    with CaptureQueriesContext(connection) as ctx:
        selectors.latest_articles(cursor=first.next_cursor, size=2)
    sql = " ".join(q["sql"].upper() for q in ctx.captured_queries)
    assert "OFFSET" not in sql
    assert '"PUBLISHED_AT" <' in sql or "PUBLISHED_AT\" <" in sql or "PUBLISHED_AT <" in sql
