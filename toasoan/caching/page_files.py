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
writes the file again. A file readers are still asking for is renewed a few seconds before that instead, through
the front's refresh server (:class:`Janitor`): nginx's background update would hold the reader's keep-alive
connection until the page is rendered. Readers never wait and a page is never older than with the page cache
alone.

``TOASOAN_PAGE_FILES_DIR`` (env ``PAGE_FILES_DIR``) turns this on, in front mode only; the front's
configuration must point at the same folder.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
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
    return Janitor(root=root, seconds=seconds).run(now=now).removed


def address_of(*, root: Path, file: Path) -> tuple[str, str] | None:
    """The (host, path) whose page ``file`` under ``root`` holds: the inverse of :func:`path_for` (None for a file
    no address has, e.g. a temporary one)."""
    try:
        host, *parts = file.relative_to(root).parts
    except ValueError:
        return None
    if not parts or parts[-1].startswith("."):
        return None
    if parts[-1] == INDEX:
        parts[-1] = ""
    path = "/" + "/".join(parts)
    return (host, path) if path_for(host=host, path=path, root=root) == file else None


@dataclasses.dataclass(frozen=True)
class Round:
    refreshed: int
    removed: int


@dataclasses.dataclass
class Janitor:
    """What ``toasoan expire_page_files`` does each round: a page file older than ``seconds`` is removed, so the next
    reader goes on to the page cache. With ``refresh`` (a function of host and path asking the front's refresh server
    to render the page again, which rewrites its file), a file that readers asked for since it was written is
    renewed ``ahead`` seconds before it would expire instead: its readers never meet the expired page, whose
    background update holds the reader's connection until the page is rendered (nginx). Whether a file was read is
    its access time (later than its modification time once nginx has read it, on the usual ``relatime`` mounts;
    on a ``noatime`` mount no file looks read, and each simply expires). A refresh that fails leaves the file to
    expire."""

    root: Path
    seconds: float
    refresh: Callable[[str, str], bool | None] | None = None
    ahead: float = 5.0
    tried: dict[Path, float] = dataclasses.field(default_factory=dict)  # file → its mtime when last refreshed

    def run(self, *, now: float | None = None) -> Round:
        now = now if now is not None else time.time()
        removed, due = 0, []
        for folder, _subfolders, files in os.walk(self.root):
            for name in files:
                path = Path(folder) / name
                try:
                    status = os.stat(path)
                    age = now - status.st_mtime
                    if age >= self.seconds:
                        os.unlink(path)
                        removed += 1
                    elif (self.refresh is not None and age >= self.seconds - self.ahead
                          and status.st_atime > status.st_mtime and self.tried.get(path) != status.st_mtime):
                        due.append((path, status.st_mtime))
                except FileNotFoundError:  # replaced or removed meanwhile
                    continue
        refreshed = 0
        for path, mtime in due:
            address = address_of(root=self.root, file=path)
            if address is not None:
                self.tried[path] = mtime
                refreshed += bool(self.refresh(*address))
        self.tried = {path: mtime for path, mtime in self.tried.items() if now - mtime < self.seconds}
        return Round(refreshed, removed)
