"""Small database helpers shared by the apps."""

from __future__ import annotations

import datetime

from django.db import models


def unique_slug(model: type[models.Model], base: str, *, exclude_pk: int | None = None, field: str = "slug") -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free in ``model``."""
    candidate, n = base, 1
    manager = model._default_manager
    while manager.filter(**{field: candidate}).exclude(pk=exclude_pk).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# --- Hand-written reader queries: prepared once per connection, rows made into model instances cheaply.
#
# The hottest reader queries (the article lookup of every article request, what an article page shows
# about it after a publish) are written as SQL. On PostgreSQL, Django sends every statement with
# client-side binding and never prepares it, so the server parses and plans it on every request: 0.46 ms
# of planning for the article lookup against 0.14 ms of execution (EXPLAIN ANALYZE, docs/rendering.md).
# These statements are prepared on the connection the first time it runs them (psycopg's ``prepare=True``
# on a server-binding cursor); Django's own queries are untouched (its cursors bind on the client and
# never prepare), so poolers that cannot keep prepared statements only need ``DB_PREPARED_STATEMENTS=0``.

NEVER = 2**31 - 1  # a prepare threshold no query reaches: only statements asked with prepare=True are prepared


def prepared_statements_enabled() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "TOASOAN_DB_PREPARED_STATEMENTS", True))


def _preparing_cursor_class():
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        """Server-side binding; every statement prepared on its connection at the first execution."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)

    return PreparingCursor


_cursor_class = None


def reader_cursor(connection=None):
    """A Django cursor for a hand-written reader query: on PostgreSQL (psycopg 3) its statements are
    prepared on the connection; elsewhere Django's own cursor (SQLite keeps its own statement cache).
    Queries through it pass Django's execute wrappers like any other."""
    global _cursor_class
    from django.db import connection as default_connection

    connection = connection or default_connection
    if connection.vendor != "postgresql" or not prepared_statements_enabled() or connection.queries_logged:
        # Queries being logged (DEBUG, tests counting queries): Django's cursor, which shows the statement
        # text (psycopg keeps none for a prepared execution). The same query, unprepared.
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if not hasattr(raw, "prepare_threshold"):  # psycopg 2: nothing to prepare with
        return connection.cursor()
    if raw.prepare_threshold is None:
        raw.prepare_threshold = NEVER
    if _cursor_class is None:
        _cursor_class = _preparing_cursor_class()
    connection.validate_thread_sharing()
    return connection.make_cursor(_cursor_class(raw))


class RowReader:
    """Instances of ``model`` from rows holding the columns of :meth:`select` (every concrete field).

    What ``Model.objects.raw()`` does for each row — the database's converters, ``from_db`` — with the
    column list, fields and converters worked out once per process instead of once per query.
    """

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [field.attname for field in self.fields]
        self._converters: dict[str, list] = {}

    def select(self, connection) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{quote(f.model._meta.db_table)}.{quote(f.column)}" for f in self.fields)

    def _converters_for(self, connection) -> list:
        key = connection.alias
        if key not in self._converters:
            found = []
            for i, field in enumerate(self.fields):
                column = field.get_col(field.model._meta.db_table)
                functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
                if functions:
                    found.append((i, functions, column))
            self._converters[key] = found
        return self._converters[key]

    def read_json(self, values: list, *, using: str = "default") -> models.Model:
        """The instance of a row the database gave as a JSON array (every concrete field, in order): each value
        made a Python value by its field (ISO times → aware datetimes), as a form would."""
        from django.conf import settings
        from django.utils import timezone

        converted = []
        for field, value in zip(self.fields, values, strict=True):
            if value is not None:
                value = field.to_python(value)
                if settings.USE_TZ and isinstance(value, datetime.datetime) and timezone.is_naive(value):
                    value = timezone.make_aware(value, datetime.UTC)  # SQLite keeps UTC without an offset
            converted.append(value)
        return self.model.from_db(using, self.attnames, converted)

    def read(self, row, connection, *, start: int = 0) -> models.Model:
        """The instance of the ``len(fields)`` values of ``row`` from ``start``."""
        values = list(row[start: start + len(self.fields)])
        for i, functions, column in self._converters_for(connection):
            value = values[i]
            for function in functions:
                value = function(value, column, connection)
            values[i] = value
        return self.model.from_db(connection.alias, self.attnames, values)
