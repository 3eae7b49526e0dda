"""The database session of a bulk import: what it may give up for speed, and its place behind readers."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from collections.abc import Iterator

from django.db import DatabaseError, connection

from toasoan.core.cpugroup import IdleGroup

logger = logging.getLogger(__name__)

_LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


@dataclasses.dataclass(frozen=True)
class Lowered:
    """What :func:`_behind_readers` changed on the session's server process, to put back."""

    pid: int
    priority: int
    group: IdleGroup | None = None  # the idle group it joined, its ``previous`` the group it came from


# The planner's statistics of a table the import grows are refreshed once it has more rows changed since they were
# taken than it had then (so about each time it doubles), from this many on; checked after every CHECK_EVERY stories.
FIRST_ANALYZE = 1000
CHECK_EVERY = 1000

# Session settings of the import's connections (the writer's and the reading process's), put back afterwards.
# No parallel workers: PostgreSQL starts them as new server processes of its own, outside the idle CPU group and at
# the readers' priority, and an import's queries (one batch's keys at a time) gain nothing from them.
_SETTINGS = (("synchronous_commit", "off"), ("max_parallel_workers_per_gather", "0"))
_READER_SETTINGS = (("max_parallel_workers_per_gather", "0"),)


@dataclasses.dataclass(frozen=True)
class _Placement:
    """Where :func:`bulk_session` put the writer's session: the reading process it forks does the same with its own
    connection (:func:`follow_writer`)."""

    nice: int
    group: IdleGroup | None


_placement: _Placement | None = None


class GrowingTables:
    """Keeps the planner's statistics of the tables an import grows up to date while it runs.

    A table PostgreSQL has never analysed, or analysed when it was far smaller, looks to the planner as if a batch's
    keys matched most of its rows: each batch's lookup by keys (``article_id IN (…)``) then reads the whole table,
    and the import slows down as the archive grows. Autovacuum, where it is on, analyses too late for a bulk load. So
    every :data:`CHECK_EVERY` stories, the tables with more rows changed since their last analysis than they had then
    (at least :data:`FIRST_ANALYZE`) are analysed: a few times per table over a whole archive."""

    def __init__(self, *, enabled: bool):
        self.enabled = enabled
        self.written = 0
        self.next_check = CHECK_EVERY

    def wrote(self, count: int) -> None:
        """``count`` more stories were committed."""
        self.written += count
        if not self.enabled or self.written < self.next_check:
            return
        self.next_check = self.written + CHECK_EVERY
        analyze_grown_tables()


def analyze_grown_tables() -> list[str]:
    """ANALYZE this database's tables that changed more since their statistics were taken than their size then (at
    least :data:`FIRST_ANALYZE` rows); returns their names. PostgreSQL only."""
    with connection.cursor() as cursor:
        if connection.pg_version >= 150000:  # this session's own counts reach the view at this statement's end
            cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute(
            "SELECT schemaname, relname FROM pg_stat_user_tables "
            "WHERE n_mod_since_analyze >= GREATEST(%s, n_live_tup - n_mod_since_analyze) ORDER BY relname",
            [FIRST_ANALYZE])
        grown = cursor.fetchall()
        for schema, table in grown:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(schema)}.{connection.ops.quote_name(table)}")
    return [table for _schema, table in grown]


@contextlib.contextmanager
def bulk_session(*, nice: int = 0, group: IdleGroup | None = None) -> Iterator[GrowingTables]:
    """The import's PostgreSQL session commits without waiting for the disk (``synchronous_commit = off``) and
    starts no parallel workers, both put back afterwards; other databases and other sessions are untouched. With
    ``nice`` > 0, the session's server process is lowered by as much as the command itself and joins the command's
    idle CPU ``group`` (see :mod:`toasoan.importer.priority`), where that is possible (:func:`_behind_readers`); a
    reading process forked meanwhile does the same with its own session (:func:`follow_writer`). The
    :class:`GrowingTables` it gives is told of each committed batch.

    Each batch is still one transaction, whole or absent: what this gives up is only the guarantee that a batch
    whose commit returned survives a crash of the database server itself in the next fraction of a second (the
    WAL writer flushes it within three ``wal_writer_delay``). Such a batch is simply not there after the crash and
    the same command imports it again; nothing half-written can result, the database stays consistent. A
    story's writes are never at risk from the import's own crash or Ctrl-C, which roll back an uncommitted batch
    as before.
    """
    global _placement
    if connection.vendor != "postgresql":
        yield GrowingTables(enabled=False)
        return
    with connection.cursor() as cursor:
        _set(cursor, _SETTINGS)
        lowered = _behind_readers(cursor, nice, group) if nice > 0 else None
    _placement = _Placement(nice, group)
    try:
        yield GrowingTables(enabled=True)
    finally:
        _placement = None
        with contextlib.suppress(Exception), connection.cursor() as cursor:  # a broken connection resets anyway
            for name, _value in _SETTINGS:
                cursor.execute(f"RESET {name}")
        if lowered is not None:  # the session may outlive the command (a process that keeps its connections)
            _put_back(lowered)


def follow_writer() -> None:
    """In the import's reading process (forked inside :func:`bulk_session`, with connections of its own): its
    PostgreSQL session takes the writer's settings and place behind readers. The process ends with its session,
    so nothing is put back."""
    if _placement is None or connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            _set(cursor, _READER_SETTINGS)
            if _placement.nice > 0:
                _behind_readers(cursor, _placement.nice, _placement.group)
    except DatabaseError as exc:  # its lookups then fail too and the writer checks every story itself
        logger.warning("import: the reading process's database session could not be set up (%s)", exc)


def _set(cursor, settings: tuple[tuple[str, str], ...]) -> None:
    for name, value in settings:
        cursor.execute(f"SET {name} = {value}")


def _put_back(lowered: Lowered) -> None:
    with contextlib.suppress(OSError):  # raising a priority again needs root: otherwise it stays lower
        os.setpriority(os.PRIO_PROCESS, lowered.pid, lowered.priority)
    if lowered.group is None:
        return
    try:
        lowered.group.put_back(lowered.pid, lowered.group.previous)
    except OSError:  # the command no longer runs as root (--system-user): no session stays in the idle group
        connection.close()


def _behind_readers(cursor, nice: int, group: IdleGroup | None) -> Lowered | None:
    """Lower the CPU priority of this session's PostgreSQL process by ``nice``, as ``--nice`` lowers the command:
    on a single machine the server process doing the import's writes otherwise competes with the readers' pages as
    an equal. With a ``group``, the process also joins it (root only), which is what really puts it behind readers.
    Only for a server on this machine (a local address or socket, and that process is PostgreSQL's) and when the
    system lets this user do it (the same user, or root); otherwise nothing changes. Returns what to put back, or
    None."""
    host = connection.settings_dict.get("HOST") or ""
    if host not in _LOCAL_HOSTS and not host.startswith("/"):
        return None
    cursor.execute("SELECT pg_backend_pid()")
    pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as command:
            if not command.read().startswith(b"postgres"):
                return None
        old = os.getpriority(os.PRIO_PROCESS, pid)
        os.setpriority(os.PRIO_PROCESS, pid, min(19, old + nice))
    except OSError as exc:  # not this user's process, no /proc: the session keeps its priority
        logger.debug("import: the database session's priority stays (%s)", exc)
        return None
    joined = None
    if group is not None:
        try:
            previous = group.add(pid)
        except OSError as exc:
            logger.debug("import: the database session stays out of the idle group (%s)", exc)
        else:
            joined = dataclasses.replace(group, previous=previous) if previous is not None else None
    return Lowered(pid, old, joined)
