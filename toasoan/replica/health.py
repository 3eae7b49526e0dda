"""Is the replica usable? Asked at most once every ``TOASOAN_REPLICA_CHECK_SECONDS`` per process.

One query on the replica says how far its replay is behind: 0 when it has replayed all it received, else the
age of the last transaction it replayed. Over ``TOASOAN_REPLICA_MAX_LAG_SECONDS`` — or no answer within the
connection timeout — and the replica is left out until a later check finds it good again.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)
ALIAS = "replica"
LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)

_lock = threading.Lock()
_verdict = {"usable": False, "until": 0.0}


def configured() -> bool:
    return ALIAS in settings.DATABASES


def check_seconds() -> float:
    return float(getattr(settings, "TOASOAN_REPLICA_CHECK_SECONDS", 3))


def max_lag_seconds() -> float:
    return float(getattr(settings, "TOASOAN_REPLICA_MAX_LAG_SECONDS", 5))


def lag_seconds() -> float | None:
    """The replica's replay lag in seconds, or None when it does not answer."""
    try:
        with connections[ALIAS].cursor() as cursor:
            cursor.execute(LAG_SQL)
            return float(cursor.fetchone()[0])
    except DatabaseError as exc:
        logger.warning("Bản sao CSDL không trả lời, đọc từ CSDL chính: %s", exc)
        close_quietly()
        return None


def usable() -> bool:
    """True while the replica answered the last check with a lag within the limit (cached per process)."""
    if not configured():
        return False
    now = time.monotonic()
    if now < _verdict["until"]:
        return _verdict["usable"]
    with _lock:
        if now < _verdict["until"]:
            return _verdict["usable"]
        lag = lag_seconds()
        good = lag is not None and lag <= max_lag_seconds()
        if lag is not None and not good:
            logger.warning("Bản sao CSDL chậm %.1f giây (giới hạn %.1f), đọc từ CSDL chính", lag, max_lag_seconds())
        _verdict.update(usable=good, until=time.monotonic() + check_seconds())
        return good


def mark_down() -> None:
    """A query on the replica failed: leave it out until the next check."""
    _verdict.update(usable=False, until=time.monotonic() + check_seconds())
    close_quietly()


def forget() -> None:
    """Check again at the next read (tests, and after a setting changed)."""
    _verdict.update(usable=False, until=0.0)


def close_quietly() -> None:
    with contextlib.suppress(DatabaseError):
        connections[ALIAS].close()
