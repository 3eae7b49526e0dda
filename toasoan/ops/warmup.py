"""Warm start: a new web worker renders a few reader pages before it takes its first request.

A worker's first render costs more than a second (templates compiled, modules imported on first use, the first
connections to the database, its replica and Redis); every later one a few tens of milliseconds. Without this, the
first editor's publish after a start — or after a worker was replaced — waited for a cold worker to re-render the
purged pages on every front (docs/performance.md). The pages are asked for through the whole WSGI application, as a
reader's browser would (no session, no front header: nothing is stored in the front or written as a page file),
within ``TOASOAN_WARM_SECONDS``; a failure is logged and the worker starts anyway.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


def warm_paths() -> list[str]:
    """The home page, the newest story and its section: the templates and queries most requests need."""
    from toasoan.news.selectors import published_articles

    paths = ["/"]
    newest = published_articles().order_by("-published_at").first()
    if newest is not None:
        paths.append(newest.canonical_path())
        section = newest.get_parent()
        if section is not None and section.depth > 2:
            paths.append(section.get_url() or "")
    return [path for path in dict.fromkeys(paths) if path and path.startswith("/")]


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def _get(application: Callable, path: str) -> int:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": _host(), "SERVER_PORT": "80",
        "HTTP_HOST": _host(), "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "HTTP_USER_AGENT": "toasoan-warmup", "HTTP_ACCEPT": "text/html",
        "HTTP_X_FORWARDED_PROTO": "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http",
    }
    status: list[str] = []
    body = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(status[0].split()[0]) if status else 0


def warm(application: Callable, *, seconds: float | None = None) -> list[tuple[str, int]]:
    """Render the warm-up pages through ``application`` (at most ``seconds``); what each answered."""
    budget = float(getattr(settings, "TOASOAN_WARM_SECONDS", 20) if seconds is None else seconds)
    started = time.monotonic()
    done: list[tuple[str, int]] = []
    try:
        for path in warm_paths():
            if time.monotonic() - started > budget:
                break
            done.append((path, _get(application, path)))
    except Exception:  # a worker that could not warm up still serves: it is only slower at first
        logger.warning("Không khởi động nóng được tiến trình web", exc_info=True)
    finally:
        for connection in connections.all(initialized_only=True):  # this thread's: requests run in others
            if not connection.in_atomic_block:
                connection.close()
    logger.info("Khởi động nóng tiến trình web: %d trang trong %.2f giây (%s)", len(done),
                time.monotonic() - started, ", ".join(f"{path} {code}" for path, code in done))
    return done
