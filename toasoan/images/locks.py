"""One maker of an image's renditions at a time, across threads, processes and machines.

Wagtail records a rendition as a row (unique per image, spec and focal point) and writes its file before the row.
Two nodes asking for the same new rendition at once both made a file; the loser's row insert failed and its file
stayed in the store for ever, unreferenced (or, through ``bulk_create(ignore_conflicts=True)``, its page showed the
orphan file while the database named the other one). :func:`rendition_lock` makes them take turns per image: the
second one waits, then finds the first one's rows and makes nothing.

The lock (:func:`toasoan.core.locks.keyed_lock`) is taken on the database that writes renditions: on PostgreSQL an
advisory lock, on SQLite a file lock (``VAR_DIR/locks/renditions-N.lock``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import router

from toasoan.core.locks import keyed_lock

NAMESPACE = "toasoan.renditions"


@contextmanager
def rendition_lock(model, image_pk: int) -> Iterator[None]:
    """Hold the lock of image ``image_pk``'s renditions (``model``: the rendition model, to find its database)."""
    with keyed_lock(namespace=NAMESPACE, key=image_pk, database=router.db_for_write(model)):
        yield
