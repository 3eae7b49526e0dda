"""The app's own beacon spool: a view the app counts is written to a file before it answers ``204``.

Without the nginx front (``toasoan serve``, ``make demo``, gunicorn reached directly) the app answers beacons
itself (:mod:`toasoan.analytics.beacon`). Once the rules (:mod:`toasoan.analytics.counters`) admit a view, one
line in nginx's spool format — ``msec<TAB>address<TAB>a=<id>&c=<token><TAB>user agent`` — is appended to
``<TOASOAN_BEACON_SPOOL_DIR>/<window>-app-<host>.log`` with one unbuffered ``write()`` on a file opened
``O_APPEND`` (as nginx writes its log: whole lines, whatever the number of processes), and only then is the beacon
answered. ``toasoan spool_views`` reads these files with nginx's (:mod:`toasoan.analytics.spool`) and adds the
counts in the same transaction as its read position. So a count the app acknowledged lives in the kernel's
page cache, then on disk, never only in Redis: Redis losing its memory, or the process being killed after the
answer, loses nothing.

The rules were applied when the beacon was answered (that decided ``204`` or ``202``); the reader does not apply
the repeat, flood and per-address rules to these lines again (the ``-app`` in the name says so), only the checks
that need no memory (the grammar, robots, the token, a live article).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

from django.conf import settings

WINDOW_SECONDS = 100  # one file per 100-second window, as nginx's spool
MAX_USER_AGENT = 512
# "<window>.log" is nginx's; "<window>-app-<host>.log" the app's (lines already admitted by the rules).
FILE_NAME = re.compile(r"(?P<window>[0-9]+)(?P<app>-app(?:-[A-Za-z0-9_.-]*)?)?\.log")
_ESCAPES = {c: f"\\x{c:02X}" for c in (*range(0x20), 0x7F, ord("\\"), ord('"'))}


def directory() -> Path | None:
    """The folder of the app's spool, or None when it is off (``BEACON_SPOOL_DIR=off``: counts via Redis)."""
    value = str(getattr(settings, "TOASOAN_BEACON_SPOOL_DIR", "") or "")
    return None if value in ("", "off") else Path(value)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", socket.gethostname())[:40] or "node"


def escape(text: str) -> str:
    """Like nginx's log escaping: control characters, quotes and backslashes as ``\\xHH``; not ASCII too."""
    return text.translate(_ESCAPES).encode("ascii", "backslashreplace").decode("ascii")


class AppSpool:
    """The spool file of the current window, opened once per window and process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._fd: int | None = None
        self._host = _host()

    def append(self, *, folder: Path, moment: float, address: str, article_id: int, token: str,
               user_agent: str) -> None:
        """Write one admitted beacon; returns once the kernel has the whole line (raises ``OSError`` if not)."""
        query = f"a={article_id}&c={token}" if token else f"a={article_id}"
        line = f"{moment:.3f}\t{escape(address)}\t{query}\t{escape(user_agent[:MAX_USER_AGENT])}\n".encode("ascii")
        with self._lock:
            # The window is read under the lock, right before the write: a file is written only during its own
            # window, so the reader may delete it once the window is over and the file read to its end.
            fd = self._file(folder, int(time.time()) // WINDOW_SECONDS)
            written = os.write(fd, line)
        if written != len(line):
            raise OSError(f"ghi thiếu vào tệp đệm lượt đọc: {written} của {len(line)} byte")

    def _file(self, folder: Path, window: int) -> int:
        key = (str(folder), window, os.getpid())  # a forked process opens its own
        if key != self._key:
            if self._fd is not None and self._key is not None and self._key[2] == os.getpid():
                os.close(self._fd)
            self._fd = None
            folder.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(folder / f"{window}-app-{self._host}.log",
                               os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o640)
            self._key = key
        return self._fd

    def close(self) -> None:
        with self._lock:
            if self._fd is not None and self._key is not None and self._key[2] == os.getpid():
                os.close(self._fd)
            self._fd, self._key = None, None


app_spool = AppSpool()
