"""The production nginx configuration of deploy/, rendered for a test on free loopback ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_config(*, run_dir: Path, app: str, listen: int, refresh: int) -> Path:
    text = (ROOT / "deploy" / "nginx" / "toasoan.conf.template").read_text()
    for name, value in {
        "@USER_LINE@": "user root;" if os.getuid() == 0 else "",
        "@RUN_DIR@": str(run_dir), "@APP_ADDR@": app,
        "@LISTEN@": f"127.0.0.1:{listen}", "@REFRESH_LISTEN@": f"127.0.0.1:{refresh}",
        "@STATIC_ROOT@": str(run_dir / "static"), "@MEDIA_ROOT@": str(run_dir / "media"),
        "@PAGE_FILES_DIR@": str(run_dir / "pages"),
    }.items():
        text = text.replace(name, value)
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
