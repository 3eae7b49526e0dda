"""The bulk import's text arrays for PostgreSQL: the same bytes as psycopg's own, and the same values back."""

from __future__ import annotations

import json

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif("connection.vendor != 'postgresql'",
                                 reason="PostgreSQL only (run with DATABASE_URL=postgres://...)")]

HOSTILE = ['a "b" \\ c', "", None, "NULL", "{}", "x\ny", '\\"\\', "đ“”\u200b 🌾", "a,b",
           json.dumps([{"type": "paragraph", "value": '<p class="x">Giá "lúa" \\ tăng</p>'}], ensure_ascii=False)]


def test_quick_arrays_write_what_psycopg_writes_and_read_back_the_same():
    from psycopg.adapt import PyFormat, Transformer
    from psycopg.types.array import ListDumper

    from toasoan.importer.pgarrays import QuickListDumper, use_quick_arrays

    use_quick_arrays()
    raw = connection.connection
    assert raw.adapters.get_dumper(list, PyFormat.TEXT) is QuickListDumper
    quick = bytes(Transformer(raw).get_dumper(HOSTILE, PyFormat.TEXT).dump(HOSTILE))
    raw.adapters.register_dumper(list, ListDumper)
    try:
        assert bytes(Transformer(raw).get_dumper(HOSTILE, PyFormat.TEXT).dump(HOSTILE)) == quick
        use_quick_arrays()
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::text[]", [HOSTILE])
            assert cursor.fetchone()[0] == HOSTILE
    finally:
        raw.adapters.register_dumper(list, ListDumper)
