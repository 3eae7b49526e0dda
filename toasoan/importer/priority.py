"""The import's place behind readers on a machine it shares with the site: a CPU control group of the idle class.

While an import runs on the web server's machine, a reader's request wakes nginx (and the reader's own connection)
on a core that the import keeps busy. Linux's fair scheduler lets the busy process finish its slice first, up to a
scheduler tick (4 ms at 250 Hz), whatever its nice value, and nice only weighs inside the process's own group (its
login session's autogroup, its systemd service): the import's PostgreSQL server process is in the database's group,
out of reach of any nice the command sets. A CPU control group whose ``cpu.idle`` is 1 is the exception: a process
outside it that wakes takes the core at once, and the group runs on what readers leave.

So the command, when the system lets it (root), puts itself in such a group (:data:`GROUP_NAME`; the reading process
it starts afterwards follows it), and the server process of its database connection too (:mod:`.session`), and may
then carry on as the site's own system user (:func:`run_as`). Without that right it only lowers its nice value.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pwd
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
GROUP_NAME = "toasoan-import"


@dataclasses.dataclass(frozen=True)
class IdleGroup:
    """The idle CPU group in one cgroup hierarchy: v1's ``cpu`` controller or the v2 unified tree."""

    hierarchy: Path
    version: int
    previous: str | None = None  # where this process was before step_behind_readers

    @property
    def path(self) -> Path:
        return self.hierarchy / GROUP_NAME

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
        """Remove the group if nothing runs in it any more (another import may still be there: then it stays)."""
        with contextlib.suppress(OSError):
            self.path.rmdir()

    def leave(self) -> None:
        """This process goes back where :func:`step_behind_readers` found it and the group is removed if empty; when
        the process no longer may (it became another user), both stay until it ends: an empty group is harmless
        and the next import uses it again."""
        if self.previous is None:
            return
        with contextlib.suppress(OSError):
            self.put_back(os.getpid(), self.previous)
            self.remove()


def idle_group(*, root: Path = CGROUP_ROOT) -> IdleGroup | None:
    """The idle group, made if it is not there, or None when this system or this user cannot have one."""
    if (root / "cpu" / "cpu.shares").exists():
        group = IdleGroup(root / "cpu", 1)
    else:
        try:
            controllers = (root / "cgroup.subtree_control").read_text(encoding="ascii").split()
        except OSError:
            return None
        if "cpu" not in controllers:
            return None
        group = IdleGroup(root, 2)
    try:
        group.path.mkdir(exist_ok=True)
        idle = group.path / "cpu.idle"
        if idle.exists():  # Linux 5.15 and later
            idle.write_text("1", encoding="ascii")
        else:  # the smallest share instead: readers still come first by far
            name, value = ("cpu.shares", "2") if group.version == 1 else ("cpu.weight", "1")
            (group.path / name).write_text(value, encoding="ascii")
    except OSError:
        return None
    return group


def step_behind_readers(*, nice: int) -> IdleGroup | None:
    """Lower this process by ``nice`` and put it in the idle group when allowed; returns the group (None: only nice).
    To be called before the command starts other processes, which then inherit both."""
    with contextlib.suppress(OSError):
        os.nice(nice)
    for _attempt in range(2):  # another import that just ended may have removed the group in between: once more
        group = idle_group()
        if group is None:
            return None
        try:
            previous = group.add(os.getpid())
        except FileNotFoundError:
            continue
        except OSError:
            return None
        return dataclasses.replace(group, previous=previous)
    return None


class NoSuchUserError(ValueError):
    """``run_as`` named a user this system does not have."""


def system_user(name: str) -> pwd.struct_passwd:
    """The system user ``name`` this process may become: NoSuchUserError when there is none, PermissionError when the
    process is not root (naming the user it already is is fine)."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise NoSuchUserError(name) from None
    if entry.pw_uid != os.geteuid() and os.geteuid() != 0:
        raise PermissionError(name)
    return entry


def run_as(entry: pwd.struct_passwd) -> None:
    """Carry on as the system user ``entry`` (from :func:`system_user`): files the import writes then belong to the
    site, not to root."""
    if entry.pw_uid == os.geteuid():
        return
    os.setgroups(os.getgrouplist(entry.pw_name, entry.pw_gid))
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
