"""The import's place behind readers (toasoan.importer.priority): an idle CPU group for the command, its reading
process and its database session when the system allows it (root), nice otherwise, said in Vietnamese; and carrying
on as the site's system user (``--system-user``)."""

from __future__ import annotations

import contextlib
import os
import pwd

import pytest
from django.db import connection, connections

from tests.core.test_cpugroup import real_idle_group
from tests.importer.test_bulk import write
from toasoan.cli import main
from toasoan.importer import priority
from toasoan.importer.management.commands import import_sources
from toasoan.importer.priority import GROUP_NAME, NoSuchUserError, run_as, system_user
from toasoan.importer.session import bulk_session


@pytest.fixture
def real_group():
    return real_idle_group(GROUP_NAME)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_database_session_joins_the_group_and_goes_back(real_group):
    if connection.vendor != "postgresql" or (connection.settings_dict.get("HOST") or "localhost") not in (
            "localhost", "127.0.0.1", "::1"):
        pytest.skip("a PostgreSQL server on this machine")
    pid = backend_pid()
    before = real_group.where(pid)
    with bulk_session(nice=3, group=real_group):
        assert real_group.where(pid) == f"/{GROUP_NAME}"
    assert backend_pid() == pid and real_group.where(pid) == before
    real_group.remove()


@pytest.fixture
def shell_import(monkeypatch, site_structure, tmp_path):
    """``toasoan import`` as typed in a shell (run_from_argv), in this process: its nice is not applied to the test
    run, its connection is not closed at the end (that would end the test's transaction)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)
    monkeypatch.setattr(os, "nice", lambda increment: 0)
    write(tmp_path / "kho", ["Cảng Cửa Lò đón tàu khách", "Lúa hè thu được mùa"])
    return tmp_path / "kho"


@pytest.mark.django_db(transaction=True)
def test_from_the_shell_the_command_and_its_session_work_in_the_idle_group(shell_import, real_group, monkeypatch,
                                                                           capsys):
    seen = []
    reading = import_sources.read_entries

    def spy(*args, **kwargs):  # what the command and its session are in while the stories are read and written
        backend = backend_pid() if connection.vendor == "postgresql" else None
        seen.append((real_group.where(os.getpid()), backend and real_group.where(backend)))
        return reading(*args, **kwargs)

    monkeypatch.setattr(import_sources, "read_entries", spy)
    before = real_group.where(os.getpid())
    assert main(["import", str(shell_import), "--publish"]) == 0
    captured = capsys.readouterr()
    assert "Tổng: 2 tạo mới" in captured.out and "Lưu ý" not in captured.err
    own, session = seen[0]
    assert own == f"/{GROUP_NAME}"
    if connection.vendor == "postgresql":
        assert session == f"/{GROUP_NAME}"
    assert real_group.where(os.getpid()) == before  # back where it was, the group removed when nobody else uses it


@pytest.mark.django_db(transaction=True)
def test_without_the_right_it_says_so_in_vietnamese_and_imports_all(shell_import, monkeypatch, capsys):
    monkeypatch.setattr(priority, "idle_group", lambda *args, **kwargs: None)
    assert main(["import", str(shell_import), "--publish"]) == 0
    captured = capsys.readouterr()
    assert "Tổng: 2 tạo mới" in captured.out
    assert "không vào được nhóm CPU nhàn rỗi" in captured.err and "root" in captured.err
    assert main(["import", str(shell_import), "--publish", "--nice", "0"]) == 0  # nothing asked: nothing said
    assert "Lưu ý" not in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_an_unknown_system_user_stops_before_anything(shell_import, capsys):
    assert main(["import", str(shell_import), "--publish", "--system-user", "khong-co-ai"]) == 1
    assert "Không có người dùng hệ thống «khong-co-ai»" in capsys.readouterr().err
    from toasoan.news.models import ArticlePage

    assert not ArticlePage.objects.filter(title__startswith="Cảng Cửa Lò").exists()


def in_child(check) -> int:
    """Run ``check`` in a forked child (it may change user: this test run must not) and return its exit code."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        with contextlib.suppress(BaseException):
            code = 0 if check() else 2
        os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_root_carries_on_as_the_system_user_and_a_user_cannot_become_another():
    if os.geteuid() != 0:
        pytest.skip("changing user needs root (CI runs as root)")
    nobody = pwd.getpwnam("nobody")

    def becomes_nobody() -> bool:
        run_as(system_user("nobody"))
        return (os.getuid(), os.geteuid(), os.getgid()) == (nobody.pw_uid, nobody.pw_uid, nobody.pw_gid) and (
            0 not in os.getgroups())

    def cannot_go_back() -> bool:
        run_as(system_user("nobody"))
        try:
            system_user("root")
        except PermissionError:
            run_as(system_user("nobody"))  # naming the user it already is: nothing to do
            return True
        return False

    assert in_child(becomes_nobody) == 0
    assert in_child(cannot_go_back) == 0
    with pytest.raises(NoSuchUserError):
        system_user("khong-co-ai")
