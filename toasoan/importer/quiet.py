"""Per-object receivers quiet during a bulk import, and the work they would have queued done in the batch.

A story saved in the admin queues its side work (search index, entity suggestions, deposit, renditions,
cache purges); a bulk import does that work for a whole batch itself (:mod:`toasoan.importer.bulk`). The
objects an import saves one by one (a new author or person, a story re-imported through ``import_item``)
would also queue Wagtail's reference-index task and the admin search's index task, one per object: left
in the queue when the import ends. While :func:`quiet_side_work` is active those two receivers only note
the object, and :func:`run_object_work` (called after every batch) does the
work in the importing process, so nothing is left queued.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Iterator

from django.db.models.signals import post_save

logger = logging.getLogger(__name__)

# Receivers that queue work per page (search index, entity suggestions, deposit, renditions) or purge
# caches per page: quiet during a bulk run, whose batches do that work themselves.
_QUIET = (
    ("wagtail.signals", "page_published", "toasoan_search_published"),
    ("wagtail.signals", "page_unpublished", "toasoan_search_unpublished"),
    ("wagtail.signals", "post_page_move", "toasoan_search_moved"),
    ("django.db.models.signals", "post_save", "entities_extract_on_save"),
    ("wagtail.signals", "page_published", "toasoan_record_published"),
    ("wagtail.signals", "page_unpublished", "toasoan_record_unpublished"),
    ("wagtail.signals", "page_published", "toasoan_warm_renditions"),
)

# Objects saved during the run whose reference index and admin search entry are still to be written.
_saved: dict[tuple[type, object], None] = {}


def _queueing_receivers() -> list:
    from modelsearch import signal_handlers as search_handlers
    from wagtail import signal_handlers as wagtail_handlers

    return [wagtail_handlers.update_reference_index_on_save, search_handlers.post_save_signal_handler]


def _note_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk is not None:
        _saved.setdefault((type(instance), instance.pk), None)  # one rolled back since is skipped when run


@contextlib.contextmanager
def quiet_side_work() -> Iterator[None]:
    """Disconnect the per-page receivers listed in :data:`_QUIET` (and the cache purges) for the block;
    Wagtail's per-object queueing receivers note the object instead (:func:`run_object_work`)."""
    from wagtail import signals as wagtail_signals

    from toasoan.caching import signals as purges

    removed = []
    for module, name, uid in _QUIET:
        signal = getattr(importlib.import_module(module), name)
        with signal.lock:
            for entry in [entry for entry in signal.receivers if entry[0][0] == uid]:
                signal.receivers.remove(entry)
                removed.append((signal, entry))
            signal.sender_receivers_cache.clear()
    queueing = {id(receiver) for receiver in _queueing_receivers()}
    with post_save.lock:
        for entry in [entry for entry in post_save.receivers if entry[0][0] in queueing]:
            post_save.receivers.remove(entry)
            removed.append((post_save, entry))
        post_save.sender_receivers_cache.clear()
    post_save.connect(_note_saved, dispatch_uid="toasoan_import_note_saved")
    purge_receivers = [("page_published", purges.purge_on_publish), ("page_unpublished", purges.purge_on_unpublish)]
    for name, receiver in purge_receivers:
        getattr(wagtail_signals, name).disconnect(receiver)
    try:
        yield
    finally:
        post_save.disconnect(dispatch_uid="toasoan_import_note_saved")
        for signal, entry in removed:
            with signal.lock:
                signal.receivers.append(entry)
                signal.sender_receivers_cache.clear()
        for name, receiver in purge_receivers:
            getattr(wagtail_signals, name).connect(receiver)
        run_object_work()


def run_object_work() -> None:
    """Do, here, the reference-index and admin-search tasks of every object noted since the last call."""
    if not _saved:
        return
    from modelsearch import index as search_index
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.models import ReferenceIndex
    from wagtail.tasks import update_reference_index_task

    saved = list(_saved)
    _saved.clear()
    searched = {model for model in search_index.get_indexed_models() if getattr(model, "search_auto_update", True)}
    for model, pk in saved:
        args = (model._meta.app_label, model._meta.model_name, str(pk))
        try:
            if model in ReferenceIndex.tracked_models:
                update_reference_index_task.call(*args)
            if model in searched:
                insert_or_update_object_task.call(*args)
        except model.DoesNotExist:  # deleted since
            continue
        except Exception:  # the story is written; an index entry the admin can rebuild must not fail it
            logger.exception("could not index %s %s after a bulk import", model.__name__, pk)
