"""``toasoan import-text``: batches, failures, exit codes, publishing."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from toasoan.importer.models import ImportRecord
from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importer"
GOOD = ["pipe_menu_source_prefix.txt", "dateline_before_title.txt", "date_first_end_mark.txt"]


def run(*args, **options) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_text", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def batch(tmp_path) -> Path:
    for name in [*GOOD, "broken_latin1.txt", "broken_no_title.txt"]:
        shutil.copy(FIXTURES / name, tmp_path / name)
    shutil.copy(FIXTURES / "broken_binary.bin", tmp_path / "broken_binary.txt")
    return tmp_path


def test_broken_files_in_a_batch_are_reported_and_the_rest_imported(site_structure, batch):
    out, err, error = run(batch, publish=True)
    assert error is not None and error.returncode == 1
    assert "3/6" in str(error), err
    created = [line for line in out.splitlines() if line.startswith("Đã tạo")]
    assert len(created) == 3
    for line in err.splitlines():
        assert line.startswith("LỖI ")
    assert f"LỖI {batch / 'broken_binary.txt'}: tệp nhị phân" in err
    assert f"LỖI {batch / 'broken_latin1.txt'}: tệp không phải UTF-8" in err
    assert f"LỖI {batch / 'broken_no_title.txt'}: không tìm thấy tiêu đề" in err
    assert ArticlePage.objects.count() == 3
    assert set(ImportRecord.objects.values_list("file_name", flat=True)) == set(GOOD)
    # Identity is the story (title and time), not the file's name.
    keys = ArticlePage.objects.values_list("source_key", flat=True)
    assert all(key.startswith("text:") and len(key) == 45 for key in keys)


def test_exit_code_through_the_toasoan_console_command(site_structure, batch, capsys, monkeypatch):
    from django.db import connections

    from toasoan.cli import main

    # run_from_argv closes every connection when a command ends; that would end this test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    assert main(["import-text", str(batch / "broken_latin1.txt")]) == 1
    assert "LỖI" in capsys.readouterr().err
    assert main(["import-text", str(batch / GOOD[0])]) == 0
    assert "Đã tạo" in capsys.readouterr().out


def test_a_save_failure_rolls_back_that_article_only(site_structure, batch, monkeypatch):
    original = ArticlePage.save_revision

    def flaky(self, *args, **kwargs):
        if self.title.startswith("Trường làng"):
            raise RuntimeError("lỗi ghi giả lập")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "save_revision", flaky)
    _out, err, error = run(*(batch / name for name in GOOD), publish=True)
    assert error is not None and error.returncode == 1
    assert "lỗi ghi giả lập" in err and "dateline_before_title.txt" in err
    assert ArticlePage.objects.count() == 2
    assert not ArticlePage.objects.filter(title__startswith="Trường làng").exists()


def test_reimport_prints_updated_and_does_not_duplicate(site_structure, batch):
    run(batch / GOOD[0], publish=True)
    revisions = ArticlePage.objects.get().revisions.count()
    out, _err, error = run(batch / GOOD[0], publish=True)
    assert error is None
    article = ArticlePage.objects.get()
    # The same source again: nothing written, nothing republished.
    assert out.strip() == f"Không đổi {batch / GOOD[0]} → {article.url}: nguồn không đổi từ lần nhập trước"
    assert article.revisions.count() == revisions

    source = batch / GOOD[0]
    source.write_text(source.read_text(encoding="utf-8").replace("dài 86 m", "dài 88 m"), encoding="utf-8")
    out, _err, error = run(source, publish=True)
    assert error is None
    first, *warnings = out.strip().splitlines()
    assert first == f"Đã cập nhật {batch / GOOD[0]} → {article.url}"
    # The parser's doubts are printed under the article they concern.
    assert warnings == ["  CẢNH BÁO: «Chiếc cầu treo mới của bản Khe Nứa.» có thể là chú thích ảnh "
                        "(không có tên tác giả ảnh): giữ làm đoạn văn"]
    assert ArticlePage.objects.get().revisions.count() == revisions + 1


def test_publish_makes_it_live_at_its_canonical_url(client, site_structure, batch):
    out, _err, error = run(batch / GOOD[0], publish=True)
    assert error is None
    article = ArticlePage.objects.get()
    assert article.url == f"/{article.slug}-{article.pk}.html" and article.url in out
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Khánh thành cầu treo bản Khe Nứa" in response.content.decode()


def test_without_publish_it_is_a_draft_readers_cannot_see(client, site_structure, batch):
    out, _err, error = run(batch / GOOD[0])
    assert error is None and "bản nháp" in out
    article = ArticlePage.objects.get()
    assert not article.live
    assert client.get(article.url).status_code == 404


def test_section_option(site_structure, batch):
    from toasoan.home.services import ensure_section

    ensure_section(title="Kinh tế", slug="kinh-te")
    _out, _err, error = run(batch / GOOD[0], section="kinh-te", publish=True)
    assert error is None
    assert ArticlePage.objects.get().section.slug == "kinh-te"


def test_unknown_section_stops_before_importing_anything(site_structure, batch):
    _out, _err, error = run(batch, section="khong-co", publish=True)
    assert error is not None and "khong-co" in str(error)
    assert ArticlePage.objects.count() == 0


def test_globs_missing_paths_and_empty_directories(site_structure, batch, tmp_path_factory):
    empty = tmp_path_factory.mktemp("rong")
    out, err, error = run(str(batch / "date_*.txt"), batch / "khong-co.txt", str(batch / "*.md"), empty, publish=True)
    assert error is not None and error.returncode == 1
    assert out.count("Đã tạo") == 1 and "date_first_end_mark.txt" in out
    assert f"LỖI {batch / 'khong-co.txt'}: không tìm thấy tệp" in err
    assert f"LỖI {batch / '*.md'}: không có tệp nào khớp" in err
    assert f"LỖI {empty}: thư mục không có tệp .txt nào" in err


def test_same_file_named_twice_is_imported_once(site_structure, batch):
    out, _err, error = run(batch / GOOD[0], str(batch / "pipe_*.txt"), publish=True)
    assert error is None
    assert out.count("Đã tạo") == 1 and "Đã cập nhật" not in out


@pytest.fixture
def same_named(tmp_path) -> tuple[Path, Path]:
    """Two different stories, each in a file called bai.txt in its own folder."""
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, name in ((first, GOOD[0]), (second, GOOD[1])):
        folder.mkdir()
        shutil.copy(FIXTURES / name, folder / "bai.txt")
    return first, second


def test_two_unrelated_files_with_the_same_name_and_dateline_are_two_articles(site_structure, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    text = (FIXTURES / GOOD[0]).read_text(encoding="utf-8")
    (first / "bai.txt").write_text(text, encoding="utf-8")
    other = text.replace("Khánh thành cầu treo bản Khe Nứa sau ba tháng thi công", "Bản Khe Nứa đón điện lưới quốc gia")
    (second / "bai.txt").write_text(other, encoding="utf-8")
    run(first / "bai.txt", publish=True)
    original = ArticlePage.objects.get()

    out, err, error = run(second / "bai.txt", publish=True)

    assert error is None, err
    assert ArticlePage.objects.count() == 2
    kept = ArticlePage.objects.get(pk=original.pk)
    assert (kept.title, kept.live) == (original.title, True)
    assert ArticlePage.objects.exclude(pk=original.pk).get().title == "Bản Khe Nứa đón điện lưới quốc gia"
    assert "tệp cùng tên bai.txt đã được nhập thành bài khác" in out  # reported, not silent


def test_an_article_of_an_older_version_keyed_by_file_name_is_adopted(site_structure, tmp_path):
    from toasoan.importer.parsers.plaintext import parse_plain_text, read_text_file
    from toasoan.importer.services import import_text_page

    source = tmp_path / "bai.txt"
    shutil.copy(FIXTURES / GOOD[0], source)
    legacy = import_text_page(parsed=parse_plain_text(read_text_file(source)), source_key="text:bai.txt",
                              section=None, publish=True).article
    ImportRecord.objects.all().delete()  # older versions kept no record

    out, err, error = run(source, publish=True)

    assert error is None, err
    assert ArticlePage.objects.get().pk == legacy.pk and "Đã cập nhật" in out


def test_a_corrected_copy_with_the_same_title_updates_quietly(site_structure, tmp_path):
    source = tmp_path / "bai.txt"
    shutil.copy(FIXTURES / GOOD[0], source)
    run(source, publish=True)
    original = ArticlePage.objects.get()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(original.sapo[:20], original.sapo[:20] + " (đã sửa)"), encoding="utf-8")

    _out, err, error = run(source, publish=True)

    assert error is None, err
    assert ArticlePage.objects.get().pk == original.pk
