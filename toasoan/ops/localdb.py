"""A throwaway PostgreSQL cluster and Redis server on a port of one's own (fault tests, the fault bench).

Never the machine's shared servers: the cluster is made with ``initdb`` from ``/usr/lib/postgresql/*/bin`` in
a temporary folder (run as the ``postgres`` account when started as root, which ``initdb`` refuses), trusts
local connections only and is removed by :meth:`LocalPostgres.destroy`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@dataclass
class LocalPostgres:
    port: int
    directory: Path
    bindir: Path

    @classmethod
    def create(cls, *, port: int, database: str = "toasoan") -> LocalPostgres:
        bindir = postgres_bin()
        if bindir is None:
            raise RuntimeError("initdb not found in /usr/lib/postgresql/*/bin")
        if _port_open(port):
            raise RuntimeError(f"port {port} is already in use")
        directory = Path(tempfile.mkdtemp(prefix=f"toasoan-pg{port}-"))
        cluster = cls(port=port, directory=directory, bindir=bindir)
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        cluster._run("initdb", "-D", str(directory / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                     "--no-sync", "--locale=C.UTF-8")
        with open(directory / "data" / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{directory}'\n"
                       "fsync = on\nmax_connections = 200\nshared_buffers = 64MB\n")
        cluster.start()
        cluster._run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database)
        return cluster

    def standby(self, *, port: int) -> LocalPostgres:
        """A streaming replica of this cluster on ``port``, made with ``pg_basebackup -R`` and started (a hot
        standby: it answers reads and replays what the primary writes)."""
        if _port_open(port):
            raise RuntimeError(f"port {port} is already in use")
        directory = Path(tempfile.mkdtemp(prefix=f"toasoan-pg{port}-"))
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        replica = LocalPostgres(port=port, directory=directory, bindir=self.bindir)
        replica._run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                     "-D", str(directory / "data"), "-R", "-X", "stream", "-c", "fast", "--no-sync")
        with open(directory / "data" / "postgresql.conf", "a") as conf:  # the primary's lines are copied: these win
            conf.write(f"\nport = {port}\nunix_socket_directories = '{directory}'\nhot_standby = on\n")
        replica.start()
        return replica

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        argv = [str(self.bindir / tool), *args]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=check, capture_output=True, text=True)  # noqa: S603

    def url(self, database: str = "toasoan") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.directory / "data"), "-l", str(self.directory / "log"), "-w", "-t", "30",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", mode, "-w", "-t", "30", "stop", check=False)

    def restart(self) -> float:
        """Stop (fast: connections are cut) and start again; returns how long the database was away."""
        began = time.monotonic()
        self.stop()
        self.start()
        return time.monotonic() - began

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class LocalRedis:
    port: int
    directory: Path
    process: subprocess.Popen | None = None

    @classmethod
    def create(cls, *, port: int) -> LocalRedis:
        if shutil.which("redis-server") is None:
            raise RuntimeError("redis-server not found")
        if _port_open(port):
            raise RuntimeError(f"port {port} is already in use")
        server = cls(port=port, directory=Path(tempfile.mkdtemp(prefix=f"toasoan-redis{port}-")))
        server.start()
        return server

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not _wait(lambda: _port_open(self.port), 10):
            raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        _wait(lambda: not _port_open(self.port), 5)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
