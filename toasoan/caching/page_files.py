"""Page files: the front serves a reader's page as a plain file while it is fresh (docs/performance.md).

The nginx front (deploy/nginx) answers a reader — GET or HEAD, no query string, no session cookie — from
``<dir>/<host>/<path>`` when that file exists, exactly as it serves any static file; anything else, and any
page without a file, goes on to its page cache and the app as before. A cache hit costs nginx a key hash, a
lookup in the cache zone and a parse of the stored headers on top of what a static file costs (~20 % fewer
answers a second here); a page file costs nothing more.

The app writes the file when it renders a page for the front (a reader's miss, an expired page's background
update, or the refresh that follows a purge): the same bytes the front stores, written to a temporary file and
renamed over the old one, so a reader never gets half a page. Only what the front may store for every reader
is written (a 200 HTML page rendered without a session, no ``private``/``no-store``); an answer the front may
not store for that address (the article was unpublished, a redirect) removes the file. A file older than the
page lifetime is removed by ``toasoan expire_page_files`` (started with the stack), so the next reader goes
on to the page cache, which serves its stale copy while one background request renders the page again — and
writes the file again. Readers never wait and a page is never older than with the page cache alone.

``TOASOAN_PAGE_FILES_DIR`` (env ``PAGE_FILES_DIR``) turns this on, in front mode only; the front's
configuration must point at the same folder.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# What an address may be made of to have a file: our slugs, ids and section paths (ASCII by construction).
SAFE_PATH = re.compile(r"^/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\.html)?$")
SAFE_HOST = re.compile(r"^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$")
INDEX = "index.html"


def directory() -> Path | None:
    value = getattr(settings, "TOASOAN_PAGE_FILES_DIR", None) or os.environ.get("PAGE_FILES_DIR", "")
    return Path(value) if value else None


def path_for(*, host: str, path: str, root: Path | None = None) -> Path | None:
    """The file of the page at ``host`` + ``path`` (``/`` → ``index.html``), or None when the address cannot
    have one. ``host`` is taken as nginx's ``$host``: lower case, without the port."""
    root = root or directory()
    name = re.sub(r":\d+$", "", host.lower())
    if root is None or not SAFE_HOST.match(name) or ".." in name or not SAFE_PATH.match(path) or "/." in path:
        return None
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        relative += INDEX
    return root / name / relative


def write(*, host: str, path: str, body: bytes) -> bool:
    """Put ``body`` at the page's file, replacing it in one rename. False when the address cannot have one."""
    target = path_for(host=host, path=path)
    if target is None:
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(body)
            os.chmod(temporary, 0o644)  # read by nginx's workers: a public page
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        logger.warning("Không ghi được tệp trang %s%s", host, path, exc_info=True)
        return False
    return True


def remove(*, host: str, path: str) -> None:
    target = path_for(host=host, path=path)
    if target is not None:
        try:
            target.unlink(missing_ok=True)
        except OSError:
            logger.warning("Không xóa được tệp trang %s%s", host, path, exc_info=True)


def expire(*, root: Path, seconds: float, now: float | None = None) -> int:
    """Remove the page files under ``root`` older than ``seconds`` (and temporary files a stopped writer left
    behind); returns how many were removed."""
    limit = (now if now is not None else time.time()) - seconds
    removed = 0
    for folder, _subfolders, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            try:
                if os.stat(path).st_mtime <= limit:
                    os.unlink(path)
                    removed += 1
            except FileNotFoundError:  # replaced or removed meanwhile
                continue
    return removed
