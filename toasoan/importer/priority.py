"""The import's place behind readers on a machine it shares with the site.

Nice is not enough (see :mod:`toasoan.core.cpugroup`): the import's PostgreSQL server process, doing its writes, is in
the database's own group, out of reach of any nice the command sets. So the command, when the system lets it (root),
puts itself in the idle CPU group :data:`GROUP_NAME` (the reading process it starts afterwards follows it) and the
server process of its database connection too (:mod:`.session`), and may then carry on as the site's own system user
(:func:`run_as`). Without that right it only lowers its nice value.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pwd

from toasoan.core.cpugroup import IdleGroup, idle_group

GROUP_NAME = "toasoan-import"


def step_behind_readers(*, nice: int) -> IdleGroup | None:
    """Lower this process by ``nice`` and put it in the idle group when allowed; returns the group (None: only nice).
    To be called before the command starts other processes, which then inherit both."""
    with contextlib.suppress(OSError):
        os.nice(nice)
    for _attempt in range(2):  # another import that just ended may have removed the group in between: once more
        group = idle_group(GROUP_NAME)
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
