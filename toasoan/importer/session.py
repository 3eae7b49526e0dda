"""The database session of a bulk import: what it may give up for speed, and its place behind readers."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from collections.abc import Iterator

from django.db import connection

from toasoan.core.cpugroup import IdleGroup

logger = logging.getLogger(__name__)

_LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


@dataclasses.dataclass(frozen=True)
class Lowered:
    """What :func:`_behind_readers` changed on the session's server process, to put back."""

    pid: int
    priority: int
    group: IdleGroup | None = None  # the idle group it joined, its ``previous`` the group it came from


@contextlib.contextmanager
def bulk_session(*, nice: int = 0, group: IdleGroup | None = None) -> Iterator[None]:
    """The import's PostgreSQL session commits without waiting for the disk (``synchronous_commit = off``), put
    back afterwards; other databases and other sessions are untouched. With ``nice`` > 0, the session's server
    process is lowered by as much as the command itself and joins the command's idle CPU ``group`` (see
    :mod:`toasoan.importer.priority`), where that is possible (:func:`_behind_readers`).

    Each batch is still one transaction, whole or absent: what this gives up is only the guarantee that a batch
    whose commit returned survives a crash of the database server itself in the next fraction of a second (the
    WAL writer flushes it within three ``wal_writer_delay``). Such a batch is simply not there after the crash and
    the same command imports it again; nothing half-written can result, the database stays consistent. A
    story's writes are never at risk from the import's own crash or Ctrl-C, which roll back an uncommitted batch
    as before.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        lowered = _behind_readers(cursor, nice, group) if nice > 0 else None
    try:
        yield
    finally:
        with contextlib.suppress(Exception), connection.cursor() as cursor:  # a broken connection resets anyway
            cursor.execute("RESET synchronous_commit")
        if lowered is not None:  # the session may outlive the command (a process that keeps its connections)
            _put_back(lowered)


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
