"""Reading ahead (toasoan.importer.pipeline): a second process parses the sources and reads each story's people,
organisations and places while the command writes. What it reads is what the writer would have read; when it dies
or fails, the command reads on by itself from the first story it had not received, and nothing is lost or doubled."""

from __future__ import annotations

import contextlib
import os
import signal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.importer.test_bulk import _suggestions, write
from toasoan.entities.services import article_text
from toasoan.importer import pipeline
from toasoan.importer.bulk import Entry
from toasoan.importer.sources.common import detect_kind
from toasoan.news.models import ArticlePage
from toasoan.search.backends import Prepared
from toasoan.search.models import SearchEntry
from toasoan.search.services import row_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importer"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f29a639858279024.txt"


KEYS = ("title_f", "sapo_f", "body_f", "title_x", "sapo_x", "compounds")


def _import(folder, **options) -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_sources", str(folder), publish=True, stdout=out, stderr=err, **options)
    except CommandError as exc:
        raise AssertionError(f"{folder}: {exc}\n{err.getvalue()}") from exc
    return out.getvalue()


@pytest.mark.django_db
def test_the_text_read_ahead_is_the_stored_articles_text(site_structure, tmp_path):
    """For every kind of source (and the seed page when it is beside the repository), what the reading process makes
    of a story is what the writer makes of the stored article: the text people are read from (character for
    character, so the suggestions are the same), the sanitised paragraphs and the search keys."""
    wxr = {"uploads": FIXTURES / "wxr" / "uploads", "include_drafts": True}  # its drafts too
    sources = [(FIXTURES / "html" / "bai-cau.html", {}), (FIXTURES / "wxr" / "export.xml", wxr),
               (FIXTURES / "feeds" / "tin-moi.rss", {}), (FIXTURES / "feeds" / "video.atom", {}),
               (FIXTURES / "wire" / "tin-newsml.xml", {}), (FIXTURES / "wire" / "tin-ttx.json", {}),
               *[(path, {}) for path in sorted(FIXTURES.glob("*.txt")) if not path.name.startswith("broken")]]
    if SEED.is_file():
        sources.append((SEED, {}))
    compared = searched = 0
    for path, options in sources:
        with contextlib.suppress(CommandError):  # the export's broken items are refused; the others compared
            call_command("import_sources", str(path), publish=True, workers=0, stdout=StringIO(), stderr=StringIO(),
                         **options)
        read_options = {"strict": False, "include_drafts": False, "uploads": None, **options}
        for entry in pipeline.entries([(path, detect_kind(path))], options=read_options):
            if not isinstance(entry, Entry):
                continue
            article = ArticlePage.objects.get(source_key=entry.item.key)
            text, paragraphs, search = pipeline.story_texts(entry.item)
            assert text == article_text(article=article), path
            stored = [block["value"] for block in article.body.raw_data if block["type"] == "paragraph"]
            assert list(paragraphs) == stored, path
            if search is not None:  # the keys the search index gets, as the writer would make them
                expected = Prepared.of(row_for(article))
                assert [getattr(search, name) for name in KEYS] == [getattr(expected, name) for name in KEYS], path
                searched += 1
            compared += 1
    assert compared >= 12 and searched >= 10


@pytest.mark.django_db  # the reader never needs the test's rows: it only asks for earlier imports, a hint
def test_a_killed_reader_loses_nothing_and_doubles_nothing(site_structure, tmp_path, monkeypatch):
    """The reading process is killed (SIGKILL, as the kernel's OOM killer does) after handing over two chunks: the
    command reads on by itself and every story is imported once, whole, with its suggestions."""
    monkeypatch.setattr(pipeline, "CHUNK", 4)
    real_read = pipeline._read
    sent = []

    def dying(chunk, **kwargs):  # runs in the reading process (forked after the patch)
        if len(sent) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        sent.append(len(chunk))
        return real_read(chunk, **kwargs)

    monkeypatch.setattr(pipeline, "_read", dying)
    titles = [f"Cầu Cửa Hội thông xe đợt {n}" for n in range(1, 19)]
    write(tmp_path / "kho", titles)
    out = _import(tmp_path / "kho", workers=1, batch=5)
    assert "Tổng: 18 tạo mới, 0 cập nhật, 0 không đổi, 0 xung đột, 0 bỏ qua vì đã gỡ, 0 lỗi" in out
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == sorted(titles)
    assert SearchEntry.objects.count() == 18
    found = _suggestions("Cầu Cửa Hội")
    assert len(found) == 18 and all(links for links, _positions in found.values())


@pytest.mark.django_db
def test_a_reader_that_fails_hands_over_to_the_writer(site_structure, tmp_path, monkeypatch, caplog):
    """An error in the reading process (here a broken word list) is logged and the command reads on by itself."""
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    real_read = pipeline._read
    calls = []

    def failing(chunk, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise MemoryError("hết bộ nhớ")
        return real_read(chunk, **kwargs)

    monkeypatch.setattr(pipeline, "_read", failing)
    write(tmp_path / "kho", [f"Chợ Vinh mở cửa lại đợt {n}" for n in range(1, 11)])
    with caplog.at_level("WARNING", logger="toasoan.importer.pipeline"):
        out = _import(tmp_path / "kho", workers=1, batch=4)
    assert "Tổng: 10 tạo mới" in out and "0 lỗi" in out
    assert ArticlePage.objects.count() == 10
    assert any("reading on in this one from story 4" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db(transaction=True)
def test_a_rerun_does_not_read_unchanged_stories_again(site_structure, tmp_path, monkeypatch):
    """After Ctrl-C the same command is run again: the stories already imported unchanged are not read for people
    again (the reading process asks the database), the changed one is."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the reading process cannot see the test's in-memory SQLite database (a file one it can)")
    from toasoan.entities import services as entity_services

    real_extract = entity_services.extract_entities
    texts = tmp_path / "read.txt"

    def noting(text):
        with texts.open("a", encoding="utf-8") as log:
            log.write(text.split("\n", 1)[0] + "\n")
        return real_extract(text)

    monkeypatch.setattr(entity_services, "extract_entities", noting)
    write(tmp_path / "kho", [f"Đèo Ngang mở rộng đợt {n}" for n in range(1, 7)])
    assert "Tổng: 6 tạo mới" in _import(tmp_path / "kho", workers=1)
    assert len(texts.read_text(encoding="utf-8").splitlines()) == 6
    texts.unlink()
    changed = tmp_path / "kho" / "2.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("13 km", "14 km"), encoding="utf-8")
    out = _import(tmp_path / "kho", workers=1)
    assert "Tổng: 0 tạo mới, 1 cập nhật, 5 không đổi" in out
    assert texts.read_text(encoding="utf-8").splitlines().count("Đèo Ngang mở rộng đợt 3") >= 1
    assert all(line == "Đèo Ngang mở rộng đợt 3" for line in texts.read_text(encoding="utf-8").splitlines())
