"""Background work in order of urgency: what a reader waits for after a publish goes before bulk work.

Every task is enqueued through :func:`enqueue`:

* ``urgent=True`` — the work of a publication, unpublication or edit (search index, the story's images): queue
  ``publication``, priority 50. A worker that reads every queue takes these before anything else, and the
  ``publisher`` worker of ``toasoan serve``, ``make prod-local`` and the systemd units reads only this queue, so
  a publication never waits behind even one long bulk task.
* otherwise — queue ``default``, priority 0 (entity suggestions, image warm-ups of uploads);
* inside :func:`bulk_work` — priority -50 whatever it is: imports, demo loading, reindexing, synthetic archives
  (the ``toasoan`` commands of :data:`BULK_COMMANDS` run inside it), so thousands of their tasks never delay a
  story an editor publishes meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PUBLICATION_QUEUE = "publication"
DEFAULT_QUEUE = "default"
URGENT, NORMAL, BULK = 50, 0, -50
BULK_COMMANDS = frozenset({"import_text", "load_demo", "setup", "synth", "reindex", "clean_entities"})

_bulk: ContextVar[bool] = ContextVar("toasoan_bulk_work", default=False)


@contextmanager
def bulk_work() -> Iterator[None]:
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


def placement(*, urgent: bool) -> tuple[str, int]:
    """``(queue, priority)`` of a task enqueued now."""
    if _bulk.get():
        return DEFAULT_QUEUE, BULK
    return (PUBLICATION_QUEUE, URGENT) if urgent else (DEFAULT_QUEUE, NORMAL)


def enqueue(task, *args, urgent: bool = False, **kwargs):
    queue, priority = placement(urgent=urgent)
    return task.using(queue_name=queue, priority=priority).enqueue(*args, **kwargs)
