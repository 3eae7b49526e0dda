"""The production nginx configuration of deploy/, rendered for a test on free loopback ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_config(*, run_dir: Path, app: str, listen: int, refresh: int) -> Path:
    """What ``toasoan front_config`` writes, from the test's settings (its CSP, where /uploads/ comes from)."""
    from toasoan.ops.front_config import render

    text = render(run_dir=run_dir, app=app, listen=f"127.0.0.1:{listen}", refresh_listen=f"127.0.0.1:{refresh}",
                  page_files_dir=run_dir / "pages", static_root=run_dir / "static", media_root=run_dir / "media",
                  as_root=os.getuid() == 0)
    for folder in ("cache", "pages", "static", "media", "static-copy", "beacons", "client_body", "proxy_temp",
                   "fastcgi_temp", "uwsgi_temp", "scgi_temp"):
        (run_dir / folder).mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path


def stop_nginx(config: Path, run_dir: Path) -> None:
    """Graceful stop (QUIT), waiting until nginx has gone (its last log lines are written)."""
    subprocess.run([NGINX, "-q", "-c", str(config), "-p", str(run_dir), "-s", "quit"], check=False)
    for _ in range(50):
        if not (run_dir / "nginx.pid").exists():
            break
        time.sleep(0.1)


@contextmanager
def running_front(*, live_server, settings, run_dir: Path, page_files: bool = False) -> Iterator[str]:
    """The production front on free ports before ``live_server``, in front mode with a 10-minute page lifetime
    (only a purge changes what readers get); ``page_files``: the app writes page files where nginx looks.
    Yields the front's base URL."""
    import pytest

    if not Path(NGINX).exists():
        pytest.skip("nginx (Debian package) is not installed")
    listen, refresh = free_port(), free_port()
    config = render_config(run_dir=run_dir, app=live_server.url.removeprefix("http://"), listen=listen,
                           refresh=refresh)
    subprocess.run([NGINX, "-q", "-c", str(config), "-p", str(run_dir)], check=True)
    settings.TOASOAN_PAGE_CACHE = "front"
    settings.TOASOAN_PAGE_CACHE_SECONDS = 600
    settings.TOASOAN_FRONT_REFRESH_URL = f"http://127.0.0.1:{refresh}"
    if page_files:
        settings.TOASOAN_PAGE_FILES_DIR = str(run_dir / "pages")
    try:
        yield f"http://127.0.0.1:{listen}"
    finally:
        stop_nginx(config, run_dir)
