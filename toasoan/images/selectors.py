"""Read side of the image library for reader pages."""

from __future__ import annotations

from django.db import connection

from toasoan.core.db import RowReader, reader_cursor
from toasoan.images.models import NewsImage

IMAGE_ROWS = RowReader(NewsImage)
_image_sql: dict[str, str] = {}


def image_by_id(*, pk: int) -> NewsImage | None:
    """The image ``pk``, read with a hand-written query (prepared on PostgreSQL), or None if it is gone."""
    if connection.vendor not in _image_sql:
        table = connection.ops.quote_name(NewsImage._meta.db_table)
        _image_sql[connection.vendor] = f"SELECT {IMAGE_ROWS.select(connection)} FROM {table} WHERE {table}.id = %s"  # noqa: S608
    with reader_cursor() as cursor:
        cursor.execute(_image_sql[connection.vendor], [pk])
        row = cursor.fetchone()
    return IMAGE_ROWS.read(row, connection) if row is not None else None
