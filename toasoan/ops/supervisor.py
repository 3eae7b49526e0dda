"""A small process supervisor: start a set of programs, restart any that dies, stop them in order.

Used by ``toasoan serve`` (web server, task workers, scheduler) and by ``toasoan supervise`` (the
Procfile that ``deploy/prod-local.sh`` writes). On a server the same programs run as systemd units
(``deploy/systemd/``), where systemd does this job.

A program that exits — crash, ``SIGKILL``, out of memory, exit code 0 — is started again after a pause
that doubles from ``min_backoff`` to ``max_backoff`` while it keeps dying, and goes back to
``min_backoff`` once it has stayed up ``stable_after`` seconds. The others keep running: killing the
scheduler never takes the web server down. Each program runs in its own process group, and what a dead
program leaves behind (workers of a killed nginx or gunicorn master, which would keep the port) is killed
before it starts again. Stopping sends the program listed last (a front such as nginx) its stop signal first
and waits for it, then stops all the others together.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from toasoan.core.cpugroup import IdleGroup, idle_group, is_ahead, process_group, put_ahead

logger = logging.getLogger(__name__)


# Where programs marked ``behind_readers`` run (the task worker): see toasoan.core.cpugroup.
BACKGROUND_GROUP = "toasoan-background"


@dataclass
class Program:
    name: str
    argv: list[str]
    stop_signal: int = signal.SIGTERM
    # Bulk work readers must not wait for (the task worker): started in the idle CPU group when the system allows.
    behind_readers: bool = False
    # The front readers reach (nginx): real-time priority when the system allows, see toasoan.core.cpugroup.
    readers_first: bool = False


@dataclass
class _Child:
    program: Program
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    failures: int = 0
    restarts: int = 0
    said_not_behind: bool = False
    said_not_first: bool = False
    swept: bool = False  # its processes started meanwhile (nginx's workers) checked once
    log: IO[bytes] | None = field(default=None, repr=False)


class Supervisor:
    def __init__(self, programs: Sequence[Program], *, pid_dir: Path | None = None, log_dir: Path | None = None,
                 env: dict[str, str] | None = None, min_backoff: float = 0.5, max_backoff: float = 30.0,
                 stable_after: float = 30.0, stop_timeout: float = 15.0,
                 popen: Callable[..., subprocess.Popen] = subprocess.Popen,
                 clock: Callable[[], float] = time.monotonic):
        names = [p.name for p in programs]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate program names: {names}")
        self.children = [_Child(program=p) for p in programs]
        self.pid_dir, self.log_dir, self.env = pid_dir, log_dir, env
        self.min_backoff, self.max_backoff, self.stable_after = min_backoff, max_backoff, stable_after
        self.stop_timeout = stop_timeout
        self._popen, self._clock = popen, clock
        self.stopping = False
        self.group: IdleGroup | None = None

    # --- lifecycle
    def start(self) -> None:
        for child in self.children:
            self._spawn(child)

    def _spawn(self, child: _Child) -> None:
        stdout = None
        if self.log_dir is not None:
            if child.log is None:
                self.log_dir.mkdir(parents=True, exist_ok=True)
                child.log = open(self.log_dir / f"{child.program.name}.log", "ab", buffering=0)  # noqa: SIM115
            stdout = child.log
        # Its own process group: when it dies, what it leaves behind (nginx or gunicorn workers holding the
        # listening socket) is killed with it, so the new copy can bind. Ctrl+C reaches the supervisor only.
        child.process = self._popen(child.program.argv, env=self.env, stdout=stdout,
                                    stderr=subprocess.STDOUT if stdout is not None else None,
                                    start_new_session=True)
        if child.program.behind_readers:
            self._behind_readers(child)
        child.swept = False
        if child.program.readers_first:
            self._readers_first(child, [child.process.pid])
        child.started_at = self._clock()
        child.restart_at = None
        if self.pid_dir is not None:
            self.pid_dir.mkdir(parents=True, exist_ok=True)
            (self.pid_dir / f"{child.program.name}.pid").write_text(f"{child.process.pid}\n")

    def _behind_readers(self, child: _Child) -> None:
        """Move the program just started (before it has loaded Django) into the idle CPU group; said once in the log
        when the system does not allow it (not root): the program then runs as an equal of the web processes."""
        try:
            self.group = self.group or idle_group(BACKGROUND_GROUP)
            if self.group is None:
                raise PermissionError(BACKGROUND_GROUP)
            self.group.add(child.process.pid)
        except OSError:
            if not child.said_not_behind:
                child.said_not_behind = True
                logger.warning(_("%(name)s chạy ở mức CPU thường: không vào được nhóm CPU nhàn rỗi %(group)s (cần "
                                 "chạy bằng root), bạn đọc có thể chậm hơn khi nó làm việc nặng"),
                               {"name": child.program.name, "group": BACKGROUND_GROUP})

    def _readers_first(self, child: _Child, pids: list[int]) -> None:
        """Give the program's processes real-time priority (the processes they start inherit it); said once in the
        log when the system does not allow it (not root): readers then wait behind ordinary processes at times."""
        for pid in pids:
            try:
                put_ahead(pid)
            except ProcessLookupError:
                continue
            except OSError:
                if not child.said_not_first:
                    child.said_not_first = True
                    logger.warning(_("%(name)s chạy ở mức CPU thường: không đặt được mức ưu tiên thời gian thực (cần "
                                     "chạy bằng root), bạn đọc có thể phải chờ các tiến trình khác lúc máy bận"),
                                   {"name": child.program.name})
                return

    def _sweep(self, child: _Child, now: float) -> None:
        """Once the program has run a second: any of its processes started before its priority was set (nginx forks
        its workers right after it starts) gets it too."""
        if child.swept or now - child.started_at < 1.0:
            return
        child.swept = True
        if not child.said_not_first:
            self._readers_first(child, [pid for pid in process_group(child.process.pid) if not is_ahead(pid)])

    def poll(self) -> None:
        """One supervision pass: notice exits, restart what is due."""
        if self.stopping:
            return
        now = self._clock()
        for child in self.children:
            process = child.process
            if process is not None and child.restart_at is None:
                code = process.poll()
                if code is None:
                    if now - child.started_at >= self.stable_after:
                        child.failures = 0
                    if child.program.readers_first:
                        self._sweep(child, now)
                    continue
                _kill_group(process.pid)
                delay = min(self.max_backoff, self.min_backoff * (2 ** child.failures))
                child.failures += 1
                child.restart_at = now + delay
                logger.warning("Tiến trình %s (pid %s) đã dừng với mã %s; khởi động lại sau %.1f giây",
                               child.program.name, process.pid, code, delay,
                               extra={"program": child.program.name, "exit_code": code})
            if child.restart_at is not None and now >= child.restart_at:
                child.restarts += 1
                self._spawn(child)
                logger.warning("Đã khởi động lại %s (pid %s, lần %d)", child.program.name, child.process.pid,
                               child.restarts, extra={"program": child.program.name})

    def run(self, *, should_stop: Callable[[], bool], tick: float = 0.2) -> None:
        while not should_stop():
            self.poll()
            time.sleep(tick)

    def stop(self) -> None:
        """Stop the last started program first and alone (the front: nothing new comes in), then all the others
        together, each with its own signal; kill what has not stopped after ``stop_timeout``."""
        self.stopping = True
        running = [c for c in reversed(self.children) if c.process is not None and c.process.poll() is None]
        for batch in (running[:1], running[1:]):
            began = time.monotonic()
            for child in batch:
                with contextlib.suppress(ProcessLookupError):
                    child.process.send_signal(child.program.stop_signal)
            for child in batch:
                try:
                    child.process.wait(timeout=max(0.1, began + self.stop_timeout - time.monotonic()))
                except subprocess.TimeoutExpired:
                    logger.warning("%s không dừng sau %.0f giây: buộc dừng", child.program.name, self.stop_timeout)
                    child.process.kill()
                    child.process.wait(timeout=5)
                _kill_group(child.process.pid)
                logger.info("Đã dừng %s (%.1f giây)", child.program.name, time.monotonic() - began)
        for child in self.children:
            if self.pid_dir is not None:
                (self.pid_dir / f"{child.program.name}.pid").unlink(missing_ok=True)
            if child.log is not None:
                child.log.close()
                child.log = None
        if self.group is not None:
            self.group.remove()

    def pids(self) -> dict[str, int]:
        return {c.program.name: c.process.pid for c in self.children if c.process is not None}


def run_supervised(supervisor: Supervisor, *, stdout=None) -> None:
    """Start, supervise until SIGTERM/SIGINT/Ctrl+C, then stop everything in order."""
    stopping = {"now": False}

    def stop(*_args):
        stopping["now"] = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    supervisor.start()
    if stdout is not None:
        stdout.write(_("Đang giám sát: %s\n") % ", ".join(f"{n} ({p})" for n, p in supervisor.pids().items()))
    try:
        supervisor.run(should_stop=lambda: stopping["now"])
    except KeyboardInterrupt:
        pass
    finally:
        supervisor.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _kill_group(pgid: int) -> None:
    """Kill whatever is left of a program's process group (its leader has exited)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


class ProcfileError(ValueError):
    pass


def parse_procfile(text: str, *, stop_signals: dict[str, int] | None = None,
                   behind_readers: Sequence[str] = (), readers_first: Sequence[str] = ()) -> list[Program]:
    """``name: command`` lines (blank lines and ``#`` comments ignored); ``$VAR`` taken from the environment. The
    programs named in ``behind_readers`` run in the idle CPU group, those in ``readers_first`` (the front) at
    real-time priority; a name that is not in the file is refused."""
    programs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, command = line.partition(":")
        name = name.strip()
        if not sep or not name or not name.replace("-", "").replace("_", "").isalnum() or not command.strip():
            message = _("dòng %(number)d: cần dạng «tên: lệnh», nhận được «%(line)s»")
            raise ProcfileError(message % {"number": number, "line": raw})
        argv = [os.path.expandvars(part) for part in shlex.split(command)]
        programs.append(Program(name=name, argv=argv, stop_signal=(stop_signals or {}).get(name, signal.SIGTERM),
                                behind_readers=name in behind_readers, readers_first=name in readers_first))
    if not programs:
        raise ProcfileError(_("tệp không có tiến trình nào"))
    for option, names in (("--behind-readers", behind_readers), ("--readers-first", readers_first)):
        unknown = sorted(set(names) - {program.name for program in programs})
        if unknown:
            raise ProcfileError(_("không có tiến trình %(names)s (%(option)s)")
                                % {"names": ", ".join(unknown), "option": option})
    return programs
