"""Locks that make threads, processes and machines take turns on one thing (an image's renditions, a story's
review action), keyed by a namespace and a number.

On PostgreSQL (every node shares it) the lock is an advisory lock on the given database: for the session outside a
transaction, for the transaction inside one (then what was written is committed when it is released). On SQLite
(one machine) it is a file lock in ``VAR_DIR/locks``. A nested use of the same key in the same thread is a no-op.
"""

from __future__ import annotations

import fcntl
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

FILE_SLOTS = 256
_held = threading.local()


@contextmanager
def keyed_lock(*, namespace: str, key: int, database: str = "default") -> Iterator[None]:
    """Hold the lock of ``key`` in ``namespace`` until the block ends (waiting for whoever holds it)."""
    held: set[tuple[str, int]] = getattr(_held, "keys", None) or set()
    _held.keys = held
    if (namespace, key) in held:
        yield
        return
    held.add((namespace, key))
    try:
        connection = connections[database]
        if connection.vendor == "postgresql":
            with _advisory(connection, namespace, key):
                yield
        else:
            with _file_lock(namespace, key):
                yield
    finally:
        held.discard((namespace, key))


@contextmanager
def _advisory(connection, namespace: str, key: int) -> Iterator[None]:
    pair = [zlib.crc32(namespace.encode()) & 0x7FFFFFFF, key & 0x7FFFFFFF]
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", pair)
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", pair)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", pair)


@contextmanager
def _file_lock(namespace: str, key: int) -> Iterator[None]:
    directory = Path(settings.VAR_DIR) / "locks"
    directory.mkdir(parents=True, exist_ok=True)
    name = namespace.rsplit(".", 1)[-1]
    with open(directory / f"{name}-{key % FILE_SLOTS}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
