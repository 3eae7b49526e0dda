"""Verify and export through the `toasoan deposit` command, as the person running the paper types it."""

from __future__ import annotations

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from toasoan.record.models import DepositRecord, RecordProtectedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_versions(publish, django_capture_on_commit_callbacks):
    article = publish(title="Khánh thành trường học vùng cao ngày 13/11")
    article.title = "Khánh thành trường học vùng cao ngày 13/11 (cập nhật)"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    other = publish(title="Giá lúa tăng <script>alert(1)</script> “kỷ lục” 🌊")
    return article, other


def _verify() -> tuple[str, str | None]:
    out = StringIO()
    try:
        call_command("deposit", "verify", stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def _raw_update(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the trigger refuses; someone with the tables' keys disables it
            cursor.execute("ALTER TABLE record_depositrecord DISABLE TRIGGER record_depositrecord_immutable")
        cursor.execute(sql, params)


def test_chain_verifies_then_reports_an_altered_record_with_its_position(three_versions):
    out, error = _verify()
    assert error is None and "3 bản lưu" in out
    second = DepositRecord.objects.get(seq=2)
    tampered = bytes(second.body).replace("cập nhật".encode(), "đã sửa lén".encode())
    _raw_update("UPDATE record_depositrecord SET body = %s WHERE seq = 2", [tampered])
    out, error = _verify()
    assert "vị trí 2 (bản lưu số 2)" in out and "nội dung trang không khớp" in out
    assert error is not None and "1 chỗ đứt gãy" in error


def test_a_removed_record_or_rewritten_metadata_breaks_the_chain(three_versions):
    _raw_update("UPDATE record_depositrecord SET title = %s WHERE seq = 1", ["Tiêu đề khác"])
    out, _error = _verify()
    assert "vị trí 1 (bản lưu số 1)" in out and "thông tin bản lưu đã bị sửa" in out
    _raw_update("UPDATE record_depositrequest SET record_id = NULL", [])
    _raw_update("DELETE FROM record_depositrecord WHERE seq = 2", [])
    out, _error = _verify()
    assert "vị trí 2 (bản lưu số 3)" in out and "thiếu bản lưu trước đó" in out


def test_no_code_path_alters_or_deletes_a_record(three_versions):
    record = DepositRecord.objects.get(seq=1)
    record.title = "Sửa"
    with pytest.raises(RecordProtectedError):
        record.save()
    with pytest.raises(RecordProtectedError):
        record.delete()
    with pytest.raises(RecordProtectedError):
        DepositRecord.objects.all().delete()
    with pytest.raises(RecordProtectedError):
        DepositRecord.objects.filter(seq=1).update(title="Sửa")
    assert DepositRecord.objects.count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the refusing trigger is PostgreSQL's")
def test_the_database_refuses_sql_that_changes_a_record(three_versions):
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM record_depositrecord")
    assert DepositRecord.objects.count() == 3


def test_export_writes_a_warc_that_replays_the_exact_bytes(three_versions, tmp_path, client):
    from warcio.archiveiterator import ArchiveIterator

    article, other = three_versions
    out = StringIO()
    call_command("deposit", "export", "--from", "01/01/2020", "--to", "31/12/2099", "--output", str(tmp_path),
                 stdout=out)
    assert "Đã xuất 3 bản lưu chiểu" in out.getvalue()
    warc = next(tmp_path.glob("*.warc.gz"))
    responses = []
    with warc.open("rb") as stream:
        for item in ArchiveIterator(stream):
            if item.rec_type == "response":
                responses.append((item.rec_headers.get_header("WARC-Target-URI"), item.http_headers.get_statuscode(),
                                  item.content_stream().read()))
    pages = [r for r in responses if r[0].endswith(".html")]
    assert [p[0] for p in pages] == [f"http://localhost{article.url}"] * 2 + [f"http://localhost{other.url}"]
    served = client.get(other.url, HTTP_HOST="localhost").content
    assert pages[2][2] == served and pages[2][1] == "200"
    assert any(r[0].endswith(".css") for r in responses)
    manifest = json.loads(next(tmp_path.glob("*.json")).read_text())["records"]
    assert [row["seq"] for row in manifest] == [1, 2, 3]
    assert manifest[2]["title"].startswith("Giá lúa tăng <script>")
    with next(tmp_path.glob("*.csv")).open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[1]["content_sha256"] == DepositRecord.objects.get(seq=2).content_sha256


def test_export_bad_dates_are_refused_in_vietnamese(tmp_path):
    with pytest.raises(CommandError, match="ngày/tháng/năm"):
        call_command("deposit", "export", "--from", "2026-12-25", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="ngày/tháng/năm"):
        call_command("deposit", "export", "--from", "31/02/2026", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="trước ngày kết thúc"):
        call_command("deposit", "export", "--from", "25/12/2026", "--to", "13/12/2026", "--output", str(tmp_path))


def test_export_window_uses_vietnam_days(three_versions, tmp_path):
    out = StringIO()
    call_command("deposit", "export", "--to", "01/01/2020", "--output", str(tmp_path), stdout=out)
    assert "Đã xuất 0 bản" in out.getvalue()


def test_retention_below_twelve_months_refuses_to_start(settings):
    from django.core.exceptions import ImproperlyConfigured

    from toasoan.record.conf import check_retention

    settings.TOASOAN_DEPOSIT_RETENTION_MONTHS = 11
    with pytest.raises(ImproperlyConfigured, match="ít nhất 12 tháng"):
        check_retention()
    settings.TOASOAN_DEPOSIT_RETENTION_MONTHS = "mười hai"
    with pytest.raises(ImproperlyConfigured):
        check_retention()
    settings.TOASOAN_DEPOSIT_RETENTION_MONTHS = 12
    check_retention()
