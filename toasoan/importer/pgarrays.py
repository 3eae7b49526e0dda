"""Quicker text arrays for a bulk import's multi-row inserts on PostgreSQL.

Django inserts many rows on PostgreSQL as one ``UNNEST`` of arrays, one array per column; psycopg writes
each array as text and escapes the double quotes and backslashes inside every element with a regular
expression whose replacement is expanded once per character found. A story's body and its revision are
JSON, full of double quotes: that expansion was about a millisecond of CPU per story. :class:`QuickListDumper`
writes the very same bytes with two plain replacements; :func:`use_quick_arrays` registers it on the import's
connection only (the web processes keep psycopg's own).
"""

from __future__ import annotations

from django.db import connection
from psycopg.types.array import ListDumper


class _Escape:
    """Stands for psycopg's ``re.compile(rb'(["\\\\])')`` in ``sub(rb"\\\\\\1", element)``: a backslash before
    each double quote and each backslash."""

    @staticmethod
    def sub(_replacement: bytes, element: bytes) -> bytes:
        return element.replace(b"\\", b"\\\\").replace(b'"', b'\\"')


class QuickListDumper(ListDumper):
    _re_esc = _Escape()


def use_quick_arrays() -> None:
    """Register :class:`QuickListDumper` for lists on the current PostgreSQL connection (no-op elsewhere)."""
    if connection.vendor != "postgresql":
        return
    connection.ensure_connection()
    adapters = connection.connection.adapters
    if adapters.get_dumper(list, "t") is not QuickListDumper:
        adapters.register_dumper(list, QuickListDumper)
