"""Where an action comes from: the address and browser of the request (after ``TrustedProxyMiddleware`` has
decided which address to believe), or the console command and machine account that ran it.

The origin is held in a context variable for the length of a request (:mod:`toasoan.audit.middleware`) or a
command (``toasoan`` sets it), and stamped on every log entry written meanwhile (:mod:`toasoan.audit.signals`).
No Django import at module level: the console entry point uses it before Django is set up.
"""

from __future__ import annotations

import getpass
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ORIGIN_KEY = "origin"  # the key of a log entry's ``data`` that holds it
MAX_USER_AGENT = 300
VIA_WEB = "web"
VIA_COMMAND = "command"
VIA_SYSTEM = "system"

_current: ContextVar[dict | None] = ContextVar("toasoan_audit_origin", default=None)


def from_request(request) -> dict:
    """The origin of a request. ``REMOTE_ADDR`` is already the client's address: TrustedProxyMiddleware (first in
    the chain) replaced it with the front's ``X-Real-IP`` when the connection came from a trusted front, and
    dropped forwarding headers from anyone else."""
    meta = request.META
    return {"via": VIA_WEB, "ip": str(meta.get("REMOTE_ADDR", ""))[:64],
            "user_agent": str(meta.get("HTTP_USER_AGENT", ""))[:MAX_USER_AGENT]}


def for_command(command: str) -> dict:
    """The origin of a console command: its name, the machine and the operating-system account running it."""
    try:
        os_user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        os_user = ""
    return {"via": VIA_COMMAND, "command": command[:100], "host": socket.gethostname()[:100], "os_user": os_user[:100]}


def current() -> dict:
    return _current.get() or {"via": VIA_SYSTEM}


@contextmanager
def acting_from(origin: dict) -> Iterator[None]:
    token = _current.set(origin)
    try:
        yield
    finally:
        _current.reset(token)

