"""One maker of an image's renditions at a time, across threads, processes and machines.

Wagtail records a rendition as a row (unique per image, spec and focal point) and writes its file before the row.
Two nodes asking for the same new rendition at once both made a file; the loser's row insert failed and its file
stayed in the store for ever, unreferenced (or, through ``bulk_create(ignore_conflicts=True)``, its page showed the
orphan file while the database named the other one). :func:`rendition_lock` makes them take turns per image: the
second one waits, then finds the first one's rows and makes nothing.

On PostgreSQL (every node shares it) the lock is an advisory lock on the database that writes renditions: for the
session outside a transaction, for the transaction inside one (then the rows are committed when it is released).
On SQLite (one machine) it is a file lock in ``VAR_DIR/locks``. A nested use in the same thread is a no-op.
"""

from __future__ import annotations

import fcntl
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections, router

NAMESPACE = zlib.crc32(b"toasoan.renditions") & 0x7FFFFFFF
FILE_SLOTS = 256
_held = threading.local()


@contextmanager
def rendition_lock(model, image_pk: int) -> Iterator[None]:
    """Hold the lock of image ``image_pk``'s renditions (``model``: the rendition model, to find its database)."""
    held: set[int] = getattr(_held, "images", None) or set()
    _held.images = held
    if image_pk in held:
        yield
        return
    held.add(image_pk)
    try:
        connection = connections[router.db_for_write(model)]
        if connection.vendor == "postgresql":
            with _advisory(connection, image_pk):
                yield
        else:
            with _file_lock(image_pk):
                yield
    finally:
        held.discard(image_pk)


@contextmanager
def _advisory(connection, image_pk: int) -> Iterator[None]:
    key = [NAMESPACE, image_pk & 0x7FFFFFFF]
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", key)
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", key)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


@contextmanager
def _file_lock(image_pk: int) -> Iterator[None]:
    directory = Path(settings.VAR_DIR) / "locks"
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"renditions-{image_pk % FILE_SLOTS}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
