"""Idle CPU groups (toasoan.core.cpugroup): made where the system has a cpu controller and allows it, with the
smallest share on kernels without ``cpu.idle``; none otherwise; a process moved in and back on this machine's kernel."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from toasoan.core.cpugroup import IdleGroup, idle_group

NAME = "toasoan-test"


def fake_v1(root: Path) -> Path:
    (root / "cpu").mkdir(parents=True)
    (root / "cpu" / "cpu.shares").write_text("1024")
    return root


def test_v1_hierarchy_gets_an_idle_group(tmp_path):
    fake_v1(tmp_path)
    (tmp_path / "cpu" / NAME).mkdir()
    (tmp_path / "cpu" / NAME / "cpu.idle").write_text("0")  # what the kernel puts in a new group
    group = idle_group(NAME, root=tmp_path)
    assert group == IdleGroup(tmp_path / "cpu", 1, NAME)
    assert (group.path / "cpu.idle").read_text() == "1"


def test_without_cpu_idle_the_group_gets_the_smallest_share(tmp_path):
    """Kernels before 5.15 have no cpu.idle: the smallest weight instead (v1 shares, v2 weight)."""
    group = idle_group(NAME, root=fake_v1(tmp_path / "v1"))
    assert (group.path / "cpu.shares").read_text() == "2"
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "cgroup.subtree_control").write_text("cpuset cpu io memory pids\n")
    group = idle_group(NAME, root=tmp_path / "v2")
    assert group == IdleGroup(tmp_path / "v2", 2, NAME) and (group.path / "cpu.weight").read_text() == "1"


def test_no_cpu_controller_or_no_right_means_no_group(tmp_path):
    assert idle_group(NAME, root=tmp_path / "absent") is None
    (tmp_path / "cgroup.subtree_control").write_text("memory pids\n")
    assert idle_group(NAME, root=tmp_path) is None  # v2 without the cpu controller
    fake_v1(tmp_path / "locked")
    (tmp_path / "locked" / "cpu" / NAME).write_text("a file where the group would go")
    assert idle_group(NAME, root=tmp_path / "locked") is None


def test_where_a_process_is(tmp_path):
    (tmp_path / "41").mkdir()
    (tmp_path / "41" / "cgroup").write_text(
        "9:name=systemd:/\n4:memory:/x\n3:cpu,cpuacct:/system.slice/postgresql.service\n0::/user.slice\n")
    assert IdleGroup(Path("/sys/fs/cgroup/cpu"), 1, NAME).where(41, proc=tmp_path) == "/system.slice/postgresql.service"
    assert IdleGroup(Path("/sys/fs/cgroup"), 2, NAME).where(41, proc=tmp_path) == "/user.slice"
    assert IdleGroup(Path("/sys/fs/cgroup"), 2, NAME).where(42, proc=tmp_path) is None  # gone


def real_idle_group(name: str) -> IdleGroup:
    """The idle group ``name`` on this machine's kernel, or the test is skipped: only as root with a cpu controller
    (CI on the project's machines)."""
    if os.geteuid() != 0:
        pytest.skip("moving processes between CPU groups needs root (CI runs as root)")
    group = idle_group(name)
    if group is None:
        pytest.skip("this system has no writable cpu controller (cgroup v1 cpu or v2 with +cpu)")
    probe = subprocess.Popen(["sleep", "5"])  # the group can be made; can a process be moved into it here?
    try:
        previous = group.add(probe.pid)
        group.put_back(probe.pid, previous)
    except (OSError, TypeError) as exc:  # a container may let the group be made but not be entered
        pytest.skip(f"processes cannot be moved into {group.path} here ({exc})")
    finally:
        probe.kill()
        probe.wait()
    return group


@pytest.fixture
def real_group():
    return real_idle_group(NAME)


def test_a_process_joins_the_idle_group_and_goes_back(real_group):
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        before = real_group.where(sleeper.pid)
        assert real_group.add(sleeper.pid) == before
        assert real_group.where(sleeper.pid) == f"/{NAME}"
        if (real_group.path / "cpu.idle").exists():
            assert (real_group.path / "cpu.idle").read_text().strip() == "1"
        real_group.put_back(sleeper.pid, before)
        assert real_group.where(sleeper.pid) == before
    finally:
        sleeper.kill()
        sleeper.wait()
    real_group.remove()
