"""Hand-written reader queries: prepared on PostgreSQL, the same rows everywhere."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import override_settings

from toasoan.core.db import RowReader, reader_cursor
from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def lookup(pk: int) -> ArticlePage | None:
    from toasoan.news.views import live_article

    return live_article(pk=pk, root_path="")


def test_rows_read_by_hand_are_the_articles_the_orm_reads(make_article):
    article = make_article(title="Đường ven biển Cửa Lò thông xe",
                           body=[("paragraph", "<p>Tuyến đường dài 12 km nối các xã ven biển.</p>")])
    found = lookup(article.pk)
    expected = ArticlePage.objects.get(pk=article.pk)
    rows = RowReader(ArticlePage)
    for name in rows.attnames:
        assert getattr(found, name) == getattr(expected, name), name
    assert list(found.body.raw_data) == list(expected.body.raw_data) != []
    assert found.live_event_ids == []
    assert lookup(10**9) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are a PostgreSQL matter")
def test_the_article_lookup_is_prepared_once_per_connection(make_article):
    article = make_article(title="Cảng Vũng Áng đón tàu lớn")
    assert lookup(article.pk).pk == article.pk
    assert lookup(article.pk).pk == article.pk
    mine = [s for s in prepared_statements() if ArticlePage._meta.db_table in s]
    assert len(mine) == 1
    # Django's own queries are never prepared.
    list(ArticlePage.objects.filter(pk=article.pk))
    assert len(prepared_statements()) == len(mine)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are a PostgreSQL matter")
def test_prepared_statements_can_be_switched_off_for_a_pooler(make_article):
    article = make_article(title="Hội chợ nông sản Con Cuông")
    with override_settings(TOASOAN_DB_PREPARED_STATEMENTS=False):
        assert lookup(article.pk).pk == article.pk
    assert not [s for s in prepared_statements() if ArticlePage._meta.db_table in s]


def test_a_reader_cursor_runs_a_query_on_any_database():
    with reader_cursor() as cursor:
        cursor.execute("SELECT %s + 1", [41])
        assert cursor.fetchone()[0] == 42
