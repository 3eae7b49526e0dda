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
"""

from __future__ import annotations

import fcntl
import functools
import logging
import re
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction

from toasoan.analytics import counters, tokens
from toasoan.analytics.beacon import _MISSING, live_articles, parse
from toasoan.analytics.counters import Outcome
from toasoan.analytics.models import SpoolPosition

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 100
MAX_READ_BYTES = 16 * 1024 * 1024  # per file and pass; the rest is read by the next pass


def window_of(moment: float) -> int:
    return int(moment) // WINDOW_SECONDS


def _spool_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.log") if p.stem.isdigit())


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


def _count(beacons: list[tuple[str, float, str, str, str]]) -> tuple[list, Counter]:
    """The counted views as upsert rows, and how many beacons ended in each outcome."""
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
    admitted = counters.admit_many([
        (counters.client_key(ip=address, user_agent=user_agent), article_id, beacon_id, counters.address_key(address))
        for beacon_id, _moment, address, user_agent, article_id, _token in live
    ])
    views: Counter = Counter()
    for (_id, moment, _address, _ua, article_id, _token), outcome in zip(live, admitted, strict=True):
        outcomes[outcome] += 1
        if outcome is Outcome.COUNTED:
            views[(article_id, sections[article_id], _hour(int(moment) // 3600 * 3600))] += 1
    return [(a, s, h, n) for (a, s, h), n in views.items()], outcomes


def process(directory: Path, *, now: float | None = None) -> Counter:
    """Read every spool file from its committed position, count, commit counts and positions together."""
    files = _spool_files(directory)
    if not files:
        return Counter()
    positions = dict(SpoolPosition.objects.filter(name__in=[p.name for p in files]).values_list("name", "offset"))
    beacons, moved = [], {}
    for path in files:
        start = positions.get(path.name, 0)
        data, end = _read_new(path, start)
        if end > start:
            beacons.extend(_beacons(path.name, start, data))
            moved[path.name] = end
    outcomes: Counter = Counter()
    if moved:
        rows, outcomes = _count(beacons)
        with transaction.atomic():
            counters.add_views_to_database(rows)
            for name, end in moved.items():
                SpoolPosition.objects.update_or_create(name=name, defaults={"offset": end})
        positions.update(moved)
    _delete_finished(files, positions, now=time.time() if now is None else now)
    return outcomes


def _delete_finished(files: list[Path], positions: dict[str, int], *, now: float) -> None:
    current = window_of(now)
    for path in files:
        if int(path.stem) >= current - 1:
            continue  # nginx may still append to it
        try:
            finished = path.stat().st_size <= positions.get(path.name, 0)
        except FileNotFoundError:
            finished = True
        if finished:
            path.unlink(missing_ok=True)  # the file first: a position without its file is harmless
            SpoolPosition.objects.filter(name=path.name).delete()


def pending_beacons(directory: Path) -> int:
    """Lines in the spool not read yet (for the benchmark and tests)."""
    positions = dict(SpoolPosition.objects.values_list("name", "offset"))
    total = 0
    for path in _spool_files(directory):
        with path.open("rb") as handle:
            handle.seek(positions.get(path.name, 0))
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
