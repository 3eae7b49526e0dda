"""Operations settings (each may be set in the settings module; defaults here)."""

from __future__ import annotations

import os

from django.conf import settings


def _setting(name: str, default: float) -> float:
    """From the settings module, else the environment (systemd units, tests of real processes), else default."""
    return float(getattr(settings, name, os.environ.get(name, default)))


def heartbeat_seconds() -> float:
    """How often a worker or the scheduler reports itself alive."""
    return _setting("TOASOAN_HEARTBEAT_SECONDS", 5)


def stale_seconds() -> float:
    """A heartbeat older than this means the process is gone (``/readyz`` fails, its tasks are reclaimed)."""
    return _setting("TOASOAN_HEARTBEAT_STALE_SECONDS", 30)


def reclaim_seconds() -> float:
    """A task RUNNING this long whose worker no longer reports it is put back in the queue."""
    return _setting("TOASOAN_TASK_RECLAIM_SECONDS", 60)


def max_attempts() -> int:
    """A task reclaimed this many times (it kills its worker, say) is marked failed instead."""
    return int(_setting("TOASOAN_TASK_MAX_ATTEMPTS", 3))


def retry_seconds() -> float:
    """A task that lost the database is tried again this many seconds later, times the runs it has had."""
    return _setting("TOASOAN_TASK_RETRY_SECONDS", 2)


def scheduler_max_lag() -> float:
    """``/readyz`` fails when a story due this many seconds ago is still not published."""
    return _setting("TOASOAN_SCHEDULER_MAX_LAG", 60)
