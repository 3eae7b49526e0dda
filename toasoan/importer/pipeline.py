"""Reading ahead: sources parsed, and their stories' people, organisations and places read, in a second process
while this one writes.

An import spends about half of its CPU on work that needs no database: parsing the source files and reading each
story's text for people, organisations and places (:func:`toasoan.entities.extraction.extract_entities`). With
``workers`` ≥ 1, :func:`read_entries` forks a process that does that work for the stories to come while this
process writes the batch at hand; the entries arrive in the order of the sources, each with what was done for it
(:class:`~toasoan.importer.bulk.Ahead`). The writer decides everything as before (new, unchanged, updated); what
was read ahead only saves it the work.

* The reader skips the text of a story already imported with the same content (a rerun after Ctrl-C goes fast):
  it asks the database with its own connection; when it cannot, it reads every text.
* If the reading process dies (killed, out of memory), this process goes on reading the sources itself from the
  first story it had not received: nothing is lost or imported twice. Ctrl-C stops both.
* With ``workers`` ≥ 2 the reader hands the texts to ``workers - 1`` more processes.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from toasoan.importer.bulk import Ahead, Entry, story_body
from toasoan.importer.parsers.plaintext import ParsedFigure
from toasoan.importer.services import ImportItem, check_size, item_digest, source_key_for_path
from toasoan.importer.session import follow_writer
from toasoan.importer.sources.common import SourceError
from toasoan.importer.sources.dispatch import read_source
from toasoan.search.backends import IndexRow, Prepared

logger = logging.getLogger(__name__)

CHUNK = 50  # entries per message from the reader
AHEAD = 40  # messages kept waiting here at most (2,000 stories: four batches)


def entries(files: Iterable[tuple[Path, str]], *, options: dict) -> Iterator[Entry | SourceError]:
    """The sources' stories, in order, as the writer takes them (or the reason a source could not be read)."""
    for path, kind in files:
        for item in read_source(path, kind=kind, options=options):
            if isinstance(item, SourceError):
                yield item
                continue
            label = f"{path}" if item.kind == "text" else f"{path} [{item.key}]"
            legacy = (source_key_for_path(path),) if item.kind == "text" else ()
            yield Entry(label=label, item=item, legacy_keys=legacy)


def story_texts(item: ImportItem) -> tuple[str, tuple[str, ...], Prepared | None]:
    """What the writer would make of the story's texts, made here: the text its people, organisations and places
    are read from (``entities.services.article_text`` of the stored article), its paragraphs sanitised, and its
    search keys (None when a figure has an image: whether the image is found changes the indexed text, and only
    the writer finds images)."""
    from toasoan.entities.services import article_text
    from toasoan.news.models import ArticlePage
    from toasoan.search.services import body_text

    body = story_body(item=item, images={})
    stored = SimpleNamespace(title=item.parsed.title, sapo=item.parsed.sapo,
                             body=ArticlePage._meta.get_field("body").to_python(body))
    paragraphs = tuple(block["value"] for block in body if block["type"] == "paragraph")
    search = None
    if not any(isinstance(block, ParsedFigure) and block.image for block in item.parsed.body):
        search = Prepared.of(IndexRow(article_id=0, published_at=None, section_id=None, format="",
                                      title=item.parsed.title, sapo=item.parsed.sapo or "", body=body_text(stored)))
    return article_text(article=stored), paragraphs, search


def read_entries(files: list[tuple[Path, str]], *, options: dict, workers: int, force: bool) -> Iterator:
    """:func:`entries`, read ahead by another process when ``workers`` ≥ 1 (see the module doc)."""
    if workers < 1:
        yield from entries(files, options=options)
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    # Not a daemon: with workers > 1 it starts processes of its own. It ends with the writer (terminated below, or
    # its next message finds the pipe closed).
    process = context.Process(target=_reader, args=(files, options, workers, force, send),
                              name="toasoan-import-reader")
    process.start()
    send.close()  # the reader's end: when it dies, this side reads the end of the pipe
    waiting: queue.Queue = queue.Queue(maxsize=AHEAD)
    stopping = threading.Event()
    pump = threading.Thread(target=_pump, args=(receive, waiting, stopping), daemon=True,
                            name="toasoan-import-pump")
    pump.start()
    received = 0
    try:
        while True:
            kind, payload = waiting.get()
            if kind == "entries":
                for entry in payload:
                    received += 1
                    yield entry
                continue
            if kind == "end":
                return
            logger.warning("the import's reading process stopped (%s); reading on in this one from story %s",
                           payload, received + 1)
            yield from itertools.islice(entries(files, options=options), received, None)
            return
    finally:
        stopping.set()
        if process.is_alive():
            process.terminate()
        process.join(timeout=10)
        receive.close()


def _pump(receive, waiting: queue.Queue, stopping: threading.Event) -> None:
    """Move the reader's messages into ``waiting`` as they come, so it reads on while the writer writes."""
    while not stopping.is_set():
        try:
            message = receive.recv()
        except (EOFError, OSError) as exc:
            message = ("stopped", type(exc).__name__)
        except Exception as exc:  # a message that cannot be read back: the writer reads on by itself
            message = ("stopped", f"{type(exc).__name__}: {exc}")
        while not stopping.is_set():
            try:
                waiting.put(message, timeout=0.5)
                break
            except queue.Full:
                continue
        if message[0] != "entries":
            return


def _reader(files, options: dict, workers: int, force: bool, send) -> None:
    """The reading process: parse, check, digest and read people/places of each story; send them by chunks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; it stops this process
    pool = None
    try:
        _own_connections()
        follow_writer()  # its own database session steps behind readers as the writer's did
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"))
        chunk: list = []
        for entry in entries(files, options=options):
            chunk.append(entry)
            if len(chunk) >= CHUNK:
                send.send(("entries", _read(chunk, force=force, pool=pool)))
                chunk = []
        if chunk:
            send.send(("entries", _read(chunk, force=force, pool=pool)))
        send.send(("end", None))
    except BaseException:  # the writer reads on by itself from the first story it did not get
        send.send(("stopped", traceback.format_exc(limit=3)))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        send.close()


def _read(chunk: list, *, force: bool, pool) -> list:
    """The chunk with what was done for each entry: checked, digested, and its text read unless unchanged."""
    from toasoan.entities.services import extract_or_none

    checked: dict[int, str] = {}
    for index, entry in enumerate(chunk):
        if isinstance(entry, Entry):
            try:
                check_size(entry.item)
                checked[index] = item_digest(entry.item)
            except Exception:  # noqa: S112 - the writer repeats the check and reports why
                continue
    stored = {} if force else _stored_digests([chunk[index].item.key for index in checked])
    to_read = [index for index, digest in checked.items() if stored.get(chunk[index].item.key) != digest]
    made = {index: story_texts(chunk[index].item) for index in to_read}
    texts = [made[index][0] for index in to_read]
    found = list(pool.map(extract_or_none, texts) if pool is not None else map(extract_or_none, texts))
    extractions = dict(zip(to_read, found, strict=True))
    ready = []
    for index, entry in enumerate(chunk):
        if index not in checked:
            ready.append(entry)
            continue
        _text, paragraphs, search = made.get(index, ("", None, None))
        ready.append(replace(entry, ahead=Ahead(digest=checked[index], extraction=extractions.get(index),
                                                extracted=index in extractions, paragraphs=paragraphs,
                                                search=search)))
    return ready


def _stored_digests(keys: list[str]) -> dict[str, str]:
    """Content hashes of the stories already imported under ``keys``, as this process can see them ({} if not)."""
    from django.db import DatabaseError

    from toasoan.importer.models import ImportRecord

    try:
        return dict(ImportRecord.objects.filter(source_key__in=keys).values_list("source_key", "content_hash"))
    except DatabaseError:
        return {}


def _own_connections() -> None:
    """Give the forked reader database connections of its own. The writer's stay open in its memory, untouched
    and never closed here (closing would end the writer's session); the process leaves without closing them."""
    from asgiref.local import Local
    from django.db import connections

    _inherited.append(connections._connections)
    connections._connections = Local(connections.thread_critical)


_inherited: list = []
