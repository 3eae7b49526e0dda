"""A primary PostgreSQL cluster and its streaming replica on loopback, and an app node started against them."""

from __future__ import annotations

import os
import random
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PORTS = range(28000, 29000)  # this workstream's loopback ports; never the shared 5432


def free_port() -> int:
    """A free loopback port in :data:`PORTS` (two CI passes side by side each find their own)."""
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 28000-28999")


def sql(url: str, query: str, *params):
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        rows = conn.execute(query, params)
        return rows.fetchall() if rows.description else None


def copy_database(*, source: dict, target_url: str) -> None:
    """The test database (schema and rows) into ``target_url``: migrating a new cluster takes minutes."""
    env = {**os.environ, "PGPASSWORD": source.get("PASSWORD") or ""}
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--no-privileges", "-h", source.get("HOST") or "127.0.0.1",
         "-p", str(source.get("PORT") or 5432), "-U", source.get("USER") or "postgres", source["NAME"]],
        check=True, capture_output=True, env=env)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", target_url], input=dump.stdout, check=True,
                   capture_output=True)


def wait_for(predicate, *, timeout: float, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def replica_caught_up(primary_url: str, replica_url: str) -> bool:
    """Whether the replica has replayed everything the primary has written so far."""
    (lsn,), = sql(primary_url, "SELECT pg_current_wal_lsn()::text")
    return wait_for(lambda: sql(replica_url, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", lsn)[0][0],
                    timeout=10)


class Node:
    """``gunicorn`` serving the app on a port of its own, with ``env`` on top of the test's environment."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev", "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1", "PAGE_CACHE": "off", "LOG_LEVEL": "ERROR", **env}
        if "REDIS_URL" not in env:
            full.pop("REDIS_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "toasoan.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--threads", "2", "--graceful-timeout", "2"], cwd=REPO, env=full,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if not wait_for(self._answers, timeout=60, step=0.2):
            self.stop()
            raise RuntimeError(f"the app node did not start: {self.process.stderr.read().decode()[-2000:]}")

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            return True
        try:
            self.get("/robots.txt")
        except OSError:
            return False
        return True

    def get(self, path: str, *, cookies: str = "") -> int:
        request = urllib.request.Request(self.url + path,  # noqa: S310 - loopback
                                         headers={"Cookie": cookies} if cookies else {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                response.read()
                return response.status
        except urllib.error.HTTPError as exc:
            exc.read()
            return exc.code

    def get_json(self, path: str) -> tuple[int, dict]:
        import json

        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310 - loopback
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def post(self, path: str) -> tuple[int, str]:
        """POST ``path``; the status and the Set-Cookie header."""
        request = urllib.request.Request(self.url + path, data=b"", method="POST",  # noqa: S310 - loopback
                                         headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                return response.status, response.headers.get("Set-Cookie", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Set-Cookie", "")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
