"""Ctrl-C in the middle of ``toasoan import``: a real process gets SIGINT, every story it committed is whole
(page, revision, import record, search entry), the report says it stopped, and a rerun continues where it
stopped: the committed stories are "không đổi", the rest are created, none twice."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PAGES = 240
BATCH = 20
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)  # Linux


def write_pages(folder: Path) -> None:
    folder.mkdir()
    for i in range(PAGES):
        (folder / f"{i:03d}.txt").write_text(
            f"Bản tin số {i} về mùa nước nổi ở Đồng Tháp 🌾\n07:{i % 60:02d}, {i % 28 + 1:02d}/12/2023\n"
            f"Nước lũ về sớm, người dân xã Tân Hồng chuẩn bị ghe xuồng từ ngày {i % 28 + 1}.\n"
            f"Mùa này cá linh về nhiều, giá bán khoảng {i + 30} nghìn đồng mỗi ký.\nTrần Hậu - Lê Vy\n",
            encoding="utf-8")


class Database:
    """The test database as another process sees it: a copy of SQLite's in-memory one, or PostgreSQL's itself."""

    def __init__(self, tmp_path: Path):
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.file = tmp_path / "nhap.sqlite3"
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.file}"
        else:
            self.file = None
            password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
            self.url = (f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
                        f"{settings['PORT'] or 5432}/{settings['NAME']}")

    def one(self, sql: str) -> int:
        if self.file is not None:
            with sqlite3.connect(self.file) as db:
                return db.execute(sql).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]


def start_import(database: Database, folder: Path, report: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database.url, "DJANGO_SETTINGS_MODULE": "toasoan.settings.test",
           "PYTHONPATH": str(ROOT),
           "PYTHONUNBUFFERED": "1"}  # each "Đã tạo" line as it is written, not when a pipe buffer fills
    env.pop("REDIS_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "django", "import_sources", str(folder), "--publish", "--batch", str(BATCH),
         "--nice", "0", "--report", str(report)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        # Ctrl-C as in a terminal: a job a script starts in the background (CI's two passes) inherits SIGINT
        # ignored, and Python then installs no KeyboardInterrupt handler, so the import would never stop.
        preexec_fn=_default_ctrl_c)


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


WHOLE = """SELECT COUNT(*) FROM news_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id
           JOIN importer_importrecord r ON r.article_id = a.page_ptr_id AND r.revision_id = p.latest_revision_id
           JOIN toasoan_search_searchentry s ON s.article_id = a.page_ptr_id
           WHERE p.live AND p.live_revision_id = p.latest_revision_id"""


def test_sigint_mid_run_leaves_whole_stories_and_a_rerun_finishes_the_job(site_structure, tmp_path):
    folder = tmp_path / "kho"
    write_pages(folder)
    database = Database(tmp_path)

    first = start_import(database, folder, tmp_path / "lan-1.json")
    # A one-page pipe: the importer blocks on its report lines once ~40 are unread, so a test process starved
    # of CPU (CI runs two suites on two cores) cannot let it finish all the stories before the signal.
    fcntl.fcntl(first.stdout.fileno(), F_SETPIPE_SZ, 4096)
    created_lines = 0
    for line in first.stdout:  # stop it once two batches are committed and reported
        created_lines += line.startswith("Đã tạo")
        if created_lines >= 2 * BATCH:
            first.send_signal(signal.SIGINT)
            break
    out, err = first.communicate(timeout=120)
    assert first.returncode == 130, err
    assert "Đã dừng giữa chừng" in err and "chạy lại cùng lệnh" in err
    committed = database.one("SELECT COUNT(*) FROM news_articlepage")
    assert 2 * BATCH <= committed < PAGES
    assert database.one(WHOLE) == committed  # each one live, with its revision, record and search entry
    report = json.loads((tmp_path / "lan-1.json").read_text(encoding="utf-8"))
    assert report["interrupted"] is True and report["counts"]["failed"] == 0
    assert report["counts"]["created"] <= committed

    second = start_import(database, folder, tmp_path / "lan-2.json")
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert (f"Tổng: {PAGES - committed} tạo mới, 0 cập nhật, {committed} không đổi, 0 xung đột, "
            "0 bỏ qua vì đã gỡ, 0 lỗi") in out
    assert database.one("SELECT COUNT(*) FROM news_articlepage") == PAGES
    assert database.one("SELECT COUNT(DISTINCT source_key) FROM news_articlepage") == PAGES
    assert database.one(WHOLE) == PAGES
    report = json.loads((tmp_path / "lan-2.json").read_text(encoding="utf-8"))
    assert report["counts"]["skipped"] == committed and report["interrupted"] is False
    assert {item["outcome"] for item in report["items"]} == {"created", "unchanged"}
