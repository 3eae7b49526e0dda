"""The loop shared by the counting commands: work every N seconds until SIGTERM/SIGINT, then once more."""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable

from django.db import close_old_connections


def repeat_until_stopped(work: Callable[[], object], *, every: float, logger: logging.Logger,
                         error_message: str) -> None:
    """Run ``work`` every ``every`` seconds; a failed round is logged and retried next time (what it had
    not finished stays where it was read from). A graceful stop runs ``work`` a last time."""
    stopping = False

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        started = time.monotonic()
        try:
            work()
        except Exception:
            logger.exception(error_message)
        finally:
            close_old_connections()
        while not stopping and time.monotonic() - started < every:
            time.sleep(0.05)
    work()
