"""Backup and restore: an archive restored into an empty database brings back every page, revision, image,
upload and table count; a damaged or missing archive gets a clear Vietnamese refusal, never a traceback."""

from __future__ import annotations

import hashlib
import io
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tests.seo.conftest import make_image
from toasoan.ops.backup import table_counts

REPO = Path(__file__).resolve().parents[2]
COMPARED_TABLES = ("wagtailcore_page", "wagtailcore_revision", "images_newsimage", "news_articlepage")


def _rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608 - fixed names
        return [tuple(str(value) for value in row) for row in cursor.fetchall()]


def _media(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _empty_the_database() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            while tables := connection.introspection.table_names(cursor):  # a virtual table drops its shadows
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(tables[0])}")
    assert connection.introspection.table_names() == []


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_brings_everything_back(make_article, tmp_path):
    image = make_image(title="Ảnh hồ Hoàn Kiếm 🌅")
    image.get_rendition("fill-320x200")  # a rendition file and row too
    first = make_article(title="Khánh thành cầu mới qua sông Lam", cover_image=image)
    second = make_article(title="Mưa lớn ở 12 tỉnh phía Bắc")
    second.title = "Mưa lớn kéo dài ở 12 tỉnh phía Bắc"
    second.save_revision().publish()  # a second revision
    assert first.pk
    rows = {table: _rows(table) for table in COMPARED_TABLES}
    counts = table_counts()
    media = _media(Path(settings.MEDIA_ROOT))
    assert counts["wagtailcore.Revision"] >= 3 and counts["images.NewsImage"] == 1 and len(media) >= 2

    call_command("backup", output=str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("toasoan-backup-*.tar"))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # holds the secret key

    _empty_the_database()
    restored_media = tmp_path / "restored-media"
    call_command("restore", str(archive), yes=True, media_root=str(restored_media),
                 secrets_to=str(tmp_path / "secrets.env"))

    assert {table: _rows(table) for table in COMPARED_TABLES} == rows
    assert table_counts() == counts
    assert _media(restored_media) == media
    secrets = tmp_path / "secrets.env"
    assert secrets.read_text() == f"SECRET_KEY={settings.SECRET_KEY}\n"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    from toasoan.news.models import ArticlePage

    assert ArticlePage.objects.get(pk=second.pk).title == "Mưa lớn kéo dài ở 12 tỉnh phía Bắc"


@pytest.fixture
def archive(transactional_db, make_article, tmp_path):
    make_article(title="Bài để sao lưu")
    call_command("backup", output=str(tmp_path))
    return next(tmp_path.glob("toasoan-backup-*.tar"))


def test_check_accepts_a_good_archive(archive, capsys):
    out = io.StringIO()
    call_command("restore", str(archive), check=True, stdout=out)
    assert "Tệp sao lưu nguyên vẹn" in out.getvalue()


def test_a_changed_byte_is_found_before_anything_is_restored(archive, make_article):
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("database"))
    data[member.offset_data + member.size // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    kept = make_article(title="Bài viết sau lúc sao lưu")
    with pytest.raises(CommandError, match=r"Tệp sao lưu hỏng: «database.* không khớp tổng kiểm tra"):
        call_command("restore", str(archive), yes=True)
    from toasoan.news.models import ArticlePage

    assert ArticlePage.objects.filter(pk=kept.pk).exists()  # nothing was touched


@pytest.mark.parametrize(("damage", "message"), [
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "cắt cụt hoặc hỏng|thiếu"),
    (lambda p: p.write_bytes(b"not a tar file at all" * 100), "không phải tệp sao lưu hợp lệ"),
    (lambda p: p.unlink(), "Không có tệp sao lưu"),
])
def test_damaged_or_missing_archives_get_a_clear_message(archive, damage, message):
    damage(archive)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), yes=True)


def test_restore_without_confirmation_changes_nothing(archive):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), interactive=False)


def test_the_command_line_prints_the_message_not_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "toasoan.cli", "restore", str(tmp_path / "khong-co.tar"),
                             "--check"], cwd=REPO, capture_output=True, text=True,
                            env={"DJANGO_SETTINGS_MODULE": "toasoan.settings.test", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "Không có tệp sao lưu" in result.stderr
    assert "Traceback" not in result.stderr
