"""The import's database session (toasoan.importer.session): on PostgreSQL on this machine its server process steps
behind readers as far as ``--nice`` says, and gets its priority back; elsewhere nothing is touched."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from tests.importer.test_bulk import write
from toasoan.importer import session
from toasoan.importer.session import bulk_session

pytestmark = pytest.mark.django_db


def backend_priority() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return os.getpriority(os.PRIO_PROCESS, cursor.fetchone()[0])


@pytest.fixture
def local_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL server process")
    host = connection.settings_dict.get("HOST") or ""
    if host not in ("", "localhost", "127.0.0.1", "::1") and not host.startswith("/"):
        pytest.skip("the test database's server is not on this machine")
    if os.geteuid() != 0:
        pytest.skip("putting a process's priority back up needs root (CI runs as root)")


def test_the_session_steps_behind_readers_and_comes_back(local_postgresql):
    before = backend_priority()
    with bulk_session(nice=7):
        assert backend_priority() == min(19, before + 7)
    assert backend_priority() == before


def test_a_server_elsewhere_is_left_alone(local_postgresql, monkeypatch):
    before = backend_priority()
    monkeypatch.setitem(connection.settings_dict, "HOST", "csdl.toasoan.example")
    with bulk_session(nice=7):
        assert backend_priority() == before


def test_a_caller_keeps_its_own_session_priority(local_postgresql, site_structure, tmp_path):
    """``call_command`` (a caller's process and connection, not the shell): neither is lowered."""
    before, own = backend_priority(), os.getpriority(os.PRIO_PROCESS, 0)
    write(tmp_path / "kho", ["Bến phà Cửa Hội có cầu mới"])
    call_command("import_sources", str(tmp_path / "kho"), publish=True, nice=10, stdout=StringIO(), stderr=StringIO())
    assert backend_priority() == before and os.getpriority(os.PRIO_PROCESS, 0) == own


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_the_session_starts_no_parallel_workers_and_puts_the_setting_back():
    """PostgreSQL starts parallel workers as server processes of its own, outside the import's idle CPU group and at
    the readers' priority: the import's session has none, and the setting is put back after it."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL session setting")
    before = setting("max_parallel_workers_per_gather")
    with bulk_session() as tables:
        assert setting("max_parallel_workers_per_gather") == "0" and setting("synchronous_commit") == "off"
        assert tables.enabled
    assert setting("max_parallel_workers_per_gather") == before


@pytest.mark.django_db(transaction=True)
def test_tables_the_import_grows_get_fresh_statistics_while_it_runs(site_structure, tmp_path, monkeypatch):
    """A table never analysed looks to the planner as if a batch's keys matched most of it (a whole-table read per
    batch): once the stories written pass the threshold, the grown tables are analysed during the import."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    monkeypatch.setattr(session, "FIRST_ANALYZE", 3)
    monkeypatch.setattr(session, "CHECK_EVERY", 4)
    analysed = []
    real = session.analyze_grown_tables
    monkeypatch.setattr(session, "analyze_grown_tables", lambda: analysed.extend(real()) or analysed)
    write(tmp_path / "kho", [f"Chợ đêm Vinh mở thêm dãy hàng số {n}" for n in range(1, 9)])
    call_command("import_sources", str(tmp_path / "kho"), publish=True, batch=4, stdout=StringIO(), stderr=StringIO())
    assert {"news_articlepage", "importer_importrecord"} <= set(analysed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'news_articlepage'")
        assert cursor.fetchone()[0]
