"""CPU control groups of the idle class: where work that readers must not wait for runs on a shared machine.

On a machine that serves readers, a process doing bulk work (an archive import, the task worker draining what an
import or ``setup --demo`` queued) delays the nginx process that a reader's request wakes: Linux's fair scheduler
lets the busy process finish its slice first, up to a scheduler tick (4 ms at 250 Hz), whatever its nice value, and
nice only weighs inside the process's own group (its login session's autogroup, its systemd service). A CPU control
group whose ``cpu.idle`` is 1 is the exception: a process outside it that wakes takes the core at once, and the
group runs on what the others leave. Making such a group and moving processes into it needs root (or a delegated
hierarchy); without that, :func:`idle_group` returns None and callers fall back to what they can do.

Used by ``toasoan import`` (:mod:`toasoan.importer.priority`) and by the supervisor for the task worker
(:mod:`toasoan.ops.supervisor`). On a systemd server the worker's unit says ``CPUWeight=idle`` instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


@dataclasses.dataclass(frozen=True)
class IdleGroup:
    """The idle CPU group in one cgroup hierarchy: v1's ``cpu`` controller or the v2 unified tree."""

    hierarchy: Path
    version: int
    name: str
    previous: str | None = None  # where this process was before it joined (see leave)

    @property
    def path(self) -> Path:
        return self.hierarchy / self.name

    def where(self, pid: int, *, proc: Path = Path("/proc")) -> str | None:
        """The group ``pid`` is in within this hierarchy ("/system.slice/postgresql.service"), from /proc."""
        try:
            lines = (proc / str(pid) / "cgroup").read_text(encoding="ascii").splitlines()
        except OSError:
            return None
        for line in lines:
            _number, controllers, path = line.split(":", 2)
            if (self.version == 2 and controllers == "") or (self.version == 1 and "cpu" in controllers.split(",")):
                return path
        return None

    def add(self, pid: int) -> str | None:
        """Move the process ``pid`` (all its threads) into the group; returns the group it was in, to put it back.
        Raises OSError when the system does not allow it."""
        previous = self.where(pid)
        (self.path / "cgroup.procs").write_text(str(pid), encoding="ascii")
        return previous

    def put_back(self, pid: int, previous: str) -> None:
        """Move ``pid`` back to the group it came from (OSError when it cannot be done)."""
        (self.hierarchy / previous.lstrip("/") / "cgroup.procs").write_text(str(pid), encoding="ascii")

    def remove(self) -> None:
        """Remove the group if nothing runs in it any more (another process may still be there: then it stays)."""
        with contextlib.suppress(OSError):
            self.path.rmdir()

    def leave(self) -> None:
        """This process goes back to ``previous`` (where it was before joining) and the group is removed if empty; when
        the process no longer may (it became another user), both stay until it ends: an empty group is harmless
        and whoever comes next uses it again."""
        if self.previous is None:
            return
        with contextlib.suppress(OSError):
            self.put_back(os.getpid(), self.previous)
            self.remove()


def idle_group(name: str, *, root: Path = CGROUP_ROOT) -> IdleGroup | None:
    """The idle group ``name`` at the top of the cpu hierarchy, made if it is not there, or None when this system or
    this user cannot have one."""
    if (root / "cpu" / "cpu.shares").exists():
        group = IdleGroup(root / "cpu", 1, name)
    else:
        try:
            controllers = (root / "cgroup.subtree_control").read_text(encoding="ascii").split()
        except OSError:
            return None
        if "cpu" not in controllers:
            return None
        group = IdleGroup(root, 2, name)
    try:
        group.path.mkdir(exist_ok=True)
        idle = group.path / "cpu.idle"
        if idle.exists():  # Linux 5.15 and later
            idle.write_text("1", encoding="ascii")
        else:  # the smallest share instead: readers still come first by far
            setting, value = ("cpu.shares", "2") if group.version == 1 else ("cpu.weight", "1")
            (group.path / setting).write_text(value, encoding="ascii")
    except OSError:
        return None
    return group


# The front (nginx) as the opposite of the idle group: the lowest real-time priority, so that a reader's request
# runs as soon as it wakes nginx, ahead of every ordinary process (the database's own, the kernel's workers), not
# only ahead of the idle group. nginx's work per request is small; Linux still keeps 5 % of each second for ordinary
# processes (kernel.sched_rt_runtime_us), so a runaway front cannot lock the machine.
FRONT_PRIORITY = 1


def put_ahead(pid: int) -> None:
    """Give the process ``pid`` real-time priority :data:`FRONT_PRIORITY` (SCHED_FIFO); the processes it starts
    afterwards inherit it. Raises OSError when the system does not allow it (not root)."""
    os.sched_setscheduler(pid, os.SCHED_FIFO, os.sched_param(FRONT_PRIORITY))


def is_ahead(pid: int) -> bool:
    try:
        return os.sched_getscheduler(pid) == os.SCHED_FIFO
    except OSError:
        return False


def process_group(pgid: int, *, proc: Path = Path("/proc")) -> list[int]:
    """The processes of the process group ``pgid`` (those listed in /proc)."""
    members = []
    for entry in proc.iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(ProcessLookupError):  # ended meanwhile
                if os.getpgid(int(entry.name)) == pgid:
                    members.append(int(entry.name))
    return members
