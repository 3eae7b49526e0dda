"""The beacon spool: nginx answers ``POST /_v?a=<id>&c=<token>`` itself and appends each accepted beacon to a
spool file; :func:`process` turns those lines into counts (``toasoan spool_views`` runs it every second).

nginx (``deploy/nginx/toasoan.conf.template``) refuses what it can judge alone — not POST (405), a query
that is not ``a=<id>[&c=<token>]`` (400), robots and prefetches (202), a client over its rate (429) — and
answers ``204`` to the rest after writing one line to ``<spool>/<window>.log``, where ``<window>`` is the
request time in seconds divided by 100. Lines are ``msec<TAB>address<TAB>query<TAB>user agent``
(nginx escapes tabs and quotes in the user agent).

This module then applies every rule of :mod:`toasoan.analytics.counters` again (robots, live published
article, repeats and floods, with Redis when it is there) and adds the counted views to the hourly table
of the request's hour. The counts and the new read position of each file are written in **one database
transaction**, so whatever kills the tailer (SIGTERM, SIGKILL, a database error), it starts again from the
last committed position: no beacon is lost or counted twice. A beacon read again after such a crash is
recognised by the repeat rule as itself (its id is ``file:offset``), not as a repeat.

A file is deleted once it is read to its end and its window is over (no more lines can arrive).

The app writes the views it answers itself (no nginx in front) to the same kind of folder, in the same line
format, as ``<window>-app-<host>.log`` (:mod:`toasoan.analytics.appspool`); the rules admitted those lines when
the app answered, so this reader does not apply the repeat, flood and per-address rules to them again.

Several nodes: each node's nginx writes its own spool folder and each node runs its reader; positions are named
``<spool id>/<file>`` and every file is read under a claim, so each line is counted once across the cluster.
"""

from __future__ import annotations

import fcntl
import functools
import logging
import os
import re
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection, transaction

from toasoan.analytics import counters, tokens
from toasoan.analytics.appspool import FILE_NAME, WINDOW_SECONDS
from toasoan.analytics.beacon import _MISSING, live_articles, parse
from toasoan.analytics.counters import Outcome
from toasoan.analytics.models import SpoolPosition

logger = logging.getLogger(__name__)
MAX_READ_BYTES = 16 * 1024 * 1024  # per file and pass; the rest is read by the next pass


def window_of(moment: float) -> int:
    return int(moment) // WINDOW_SECONDS


def _spool_files(directory: Path) -> list[Path]:
    """nginx's ``<window>.log`` and the app's ``<window>-app-<host>.log`` (:mod:`.appspool`), oldest first."""
    return sorted((p for p in directory.glob("*.log") if FILE_NAME.fullmatch(p.name)),
                  key=lambda p: (int(FILE_NAME.fullmatch(p.name)["window"]), p.name))


def _admitted(path: Path) -> bool:
    """The app's lines were admitted by the rules when it answered them; nginx's were not."""
    return bool(FILE_NAME.fullmatch(path.name)["app"])


def _read_new(path: Path, start: int) -> tuple[bytes, int]:
    """Complete lines after ``start`` (a line being written is left for the next pass) and the new end."""
    with path.open("rb") as handle:
        handle.seek(start)
        data = handle.read(MAX_READ_BYTES)
    end = data.rfind(b"\n") + 1
    return data[:end], start + end


def _beacons(name: str, start: int, data: bytes) -> list[tuple[str, float, str, str, str]]:
    """``(beacon id, time, address, query, user agent)`` for each well-formed line."""
    found = []
    offset = start
    for line in data.split(b"\n")[:-1]:
        beacon_id = f"{name}:{offset}"
        offset += len(line) + 1
        try:
            msec, address, query, user_agent = line.decode("ascii", "replace").split("\t", 3)
            found.append((beacon_id, float(msec), address, query, user_agent))
        except ValueError:
            logger.error("Bỏ qua dòng hỏng trong %s: %r", name, line[:200])
    return found


# What nginx lets through (its map $beacon_query_ok): the same grammar as the app's parser, read faster.
QUERY = re.compile(r"a=([1-9][0-9]{0,17})(?:&c=([A-Za-z0-9_-]{1,64}))?")


def _parse_query(query: str) -> tuple[int, str] | None:
    match = QUERY.fullmatch(query)
    if match is None:
        return parse(query.encode())  # anything else gets the app's full parser (and is almost always refused)
    article_id = int(match.group(1))
    return (article_id, match.group(2) or "") if article_id < counters.ARTICLE_ID_MAX else None


@functools.lru_cache(maxsize=4096)
def _is_bot(user_agent: str) -> bool:
    return counters.is_bot(user_agent)


@functools.lru_cache(maxsize=1024)
def _hour(hour_start: int) -> datetime:
    return datetime.fromtimestamp(hour_start, tz=UTC)


def _count(beacons: list[tuple[str, float, str, str, str]], *, admitted: bool = False) -> tuple[list, Counter]:
    """The counted views as upsert rows, and how many beacons ended in each outcome. ``admitted``: the repeat,
    flood and per-address rules already passed when the app answered (its own spool); the checks that need no
    memory run again all the same."""
    outcomes: Counter = Counter()
    candidates = []
    for beacon_id, moment, address, query, user_agent in beacons:
        parsed = _parse_query(query)
        if parsed is None:
            outcomes[Outcome.MALFORMED] += 1
        elif _is_bot(user_agent):
            outcomes[Outcome.IGNORED] += 1
        else:
            candidates.append((beacon_id, moment, address, user_agent, *parsed))
    sections = live_articles.sections_of({c[4] for c in candidates})
    live = []
    for candidate in candidates:
        if sections.get(candidate[4], _MISSING) is _MISSING:
            outcomes[Outcome.UNKNOWN] += 1
        elif not tokens.is_valid(token=candidate[5], article_id=candidate[4], now=candidate[1]):
            outcomes[Outcome.IGNORED] += 1  # no page token of this site for this article
        else:
            live.append(candidate)
    results = [Outcome.COUNTED] * len(live) if admitted else counters.admit_many([
        (counters.client_key(ip=address, user_agent=user_agent), article_id, beacon_id, counters.address_key(address))
        for beacon_id, _moment, address, user_agent, article_id, _token in live
    ])
    views: Counter = Counter()
    for (_id, moment, _address, _ua, article_id, _token), outcome in zip(live, results, strict=True):
        outcomes[outcome] += 1
        if outcome is Outcome.COUNTED:
            views[(article_id, sections[article_id], _hour(int(moment) // 3600 * 3600))] += 1
    return [(a, s, h, n) for (a, s, h), n in views.items()], outcomes


def process(directory: Path, *, now: float | None = None) -> Counter:
    """Read every spool file from its committed position, count, commit counts and position together.

    Each file is read under its own claim (a transaction-scoped advisory lock on PostgreSQL): a second reader
    of the same folder (a shared folder, a second node's drainer) skips a file the first one is reading, then
    starts from the position the first committed. Positions are named by the folder's spool id
    (:func:`spool_id`), so the files of the same window on two nodes are two files, each counted once.
    """
    files = _spool_files(directory)
    if not files:
        return Counter()
    spool = spool_id(directory)
    outcomes: Counter = Counter()
    for path in files:
        key = f"{spool}/{path.name}"
        with transaction.atomic():
            if not _claim(key):
                continue  # another reader has this file now; its position is committed with its counts
            start = _position(key, legacy=path.name)
            try:
                data, end = _read_new(path, start)
            except FileNotFoundError:  # finished and deleted by another reader meanwhile
                continue
            if end > start:
                rows, found = _count(_beacons(key, start, data), admitted=_admitted(path))
                counters.add_views_to_database(rows)
                SpoolPosition.objects.update_or_create(name=key, defaults={"offset": end})
                outcomes.update(found)
            _delete_if_finished(path, key, max(start, end), now=time.time() if now is None else now)
    return outcomes


SPOOL_ID_FILE = ".spool-id"


def spool_id(directory: Path) -> str:
    """The folder's name in the shared positions, made once and kept in the folder (``.spool-id``)."""
    path = directory / SPOOL_ID_FILE
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pass  # another reader made it first
        else:
            with os.fdopen(fd, "w") as out:
                out.write(uuid.uuid4().hex[:12])
    for _ in range(50):
        value = path.read_text().strip()
        if value:
            return value
        time.sleep(0.01)  # being written by the reader that made it
    raise RuntimeError(f"{path} is empty")


def _claim(key: str) -> bool:
    """This transaction's claim on one spool file (PostgreSQL: an advisory lock; SQLite's write transactions
    already run one at a time)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [f"toasoan-spool:{key}"])
        return bool(cursor.fetchone()[0])


def _position(key: str, *, legacy: str) -> int:
    """The committed position of ``key``; a position kept under the file's bare name (before spool ids) is
    taken over, so an upgrade neither repeats nor skips a line."""
    found = dict(SpoolPosition.objects.filter(name__in=[key, legacy]).values_list("name", "offset"))
    if key in found:
        return found[key]
    if legacy in found:
        SpoolPosition.objects.filter(name=legacy).update(name=key)
        return found[legacy]
    return 0


def _delete_if_finished(path: Path, key: str, position: int, *, now: float) -> None:
    if int(FILE_NAME.fullmatch(path.name)["window"]) >= window_of(now) - 1:
        return  # nginx (or the app) may still append to it
    try:
        finished = path.stat().st_size <= position
    except FileNotFoundError:
        finished = True
    if finished:
        path.unlink(missing_ok=True)  # the file first: a position without its file is harmless
        SpoolPosition.objects.filter(name=key).delete()


def pending_beacons(directory: Path) -> int:
    """Lines in the spool not read yet (for the benchmark and tests)."""
    spool = spool_id(directory) if _spool_files(directory) else ""
    positions = dict(SpoolPosition.objects.values_list("name", "offset"))
    total = 0
    for path in _spool_files(directory):
        with path.open("rb") as handle:
            handle.seek(positions.get(f"{spool}/{path.name}", positions.get(path.name, 0)))
            total += handle.read().count(b"\n")
    return total


class SingleTailer:
    """An exclusive lock on the spool folder: two tailers would read the same lines."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / ".tailer.lock"
        self.handle = None

    def __enter__(self) -> SingleTailer:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("w")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self.handle.close()
            raise RuntimeError(f"Một tiến trình khác đang đọc {self.path.parent}") from exc
        return self

    def __exit__(self, *exc_info) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
