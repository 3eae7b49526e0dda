"""``toasoan import`` in batches: each story as whole as one written by hand (tree, revision, history, search,
suggestions), nothing queued, and a batch that fails is written story by story so one bad story fails alone."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry

from toasoan.entities.models import ArticleEntity
from toasoan.importer.models import ImportRecord
from toasoan.news.models import ArticlePage
from toasoan.search.services import search

pytestmark = pytest.mark.django_db


def write(folder, titles: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for i, title in enumerate(titles):
        (folder / f"{i}.txt").write_text(
            f"{title}\n08:{i:02d}, 17/11/2024\n"
            "Ông Trần Văn Khải, Chủ tịch UBND huyện Quỳnh Lưu, cho biết huyện đã giải phóng mặt bằng.\n"
            f"Tuyến đường ven biển số {i} dài 13 km, nối ba xã bãi ngang.\nHồ Lam\n", encoding="utf-8")


def run(folder, **options):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_sources", str(folder), publish=True, stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_a_batch_gives_whole_stories_and_queues_nothing(client, site_structure, tmp_path, monkeypatch, settings,
                                                        django_capture_on_commit_callbacks):
    settings.TOASOAN_DEPOSIT_ENABLED = True
    from django_tasks.base import Task

    from toasoan.core import queue

    queued = []
    real_placement = queue.placement
    monkeypatch.setattr(queue, "placement", lambda **kw: queued.append(kw) or real_placement(**kw))
    enqueued = []  # any task at all, Wagtail's own included (reference index, admin search of a new author)
    real_enqueue = Task.enqueue
    monkeypatch.setattr(Task, "enqueue",
                        lambda task, *a, **kw: enqueued.append(task.name) or real_enqueue(task, *a, **kw))
    write(tmp_path / "kho", [f"Đường ven biển Quỳnh Lưu thông xe đoạn {n} 🚧" for n in range(1, 8)])
    with django_capture_on_commit_callbacks(execute=True):
        out, err, error = run(tmp_path / "kho", batch=3)  # three batches: 3 + 3 + 1
    assert error is None, err
    assert "Tổng: 7 tạo mới" in out
    assert queued == [] and enqueued == []  # nothing left for a worker: the batches did the side work
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from toasoan.people.models import Author

    byline = Author.objects.get(name="Hồ Lam")  # new: in the admin's search index now, not after a worker ran
    assert IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Author),
                                     object_id=str(byline.pk)).exists()

    articles = list(ArticlePage.objects.order_by("title"))
    section = articles[0].get_parent()
    assert Page.find_problems() == ([], [], [], [], [])  # the tree is consistent (paths, depth, numchild)
    assert section.get_children().count() == 7 == Page.objects.get(pk=section.pk).numchild
    assert len({a.slug for a in articles}) == 7
    for article in articles:
        assert article.live and article.live_revision_id == article.latest_revision_id
        assert article.get_latest_revision_as_object().title == article.title
        assert article.byline == ["Hồ Lam"] and article.section_id == section.pk
        assert article.url_path == f"{section.url_path}{article.slug}/"
        assert {e.action for e in PageLogEntry.objects.filter(page=article)} == {"wagtail.create", "wagtail.publish"}
        assert ImportRecord.objects.get(article=article).revision_id == article.latest_revision_id
        kinds = set(ArticleEntity.objects.filter(article=article).values_list("kind", flat=True))
        assert {"person", "place"} <= kinds  # Trần Văn Khải, Quỳnh Lưu: suggested for the editor

    # The legal deposit: one request per story gone live, written by the deposit's retry, not left open.
    from toasoan.record.models import DepositRecord, DepositRequest
    from toasoan.record.selectors import open_request_count, verify_chain
    from toasoan.record.services import retry_open_requests

    assert set(DepositRequest.objects.values_list("page_id", flat=True)) == {a.pk for a in articles}
    assert retry_open_requests() == (7, 0) and open_request_count() == 0
    assert set(DepositRecord.objects.values_list("page_id", flat=True)) == {a.pk for a in articles}
    assert verify_chain().ok

    found = search(query="quỳnh lưu thông xe")
    assert {hit.article.pk for hit in found.hits} >= {a.pk for a in articles}
    page = client.get(articles[0].canonical_path())
    assert page.status_code == 200 and "Đường ven biển Quỳnh Lưu" in page.content.decode()

    # The same folder again, with one story added: it alone is created.
    write(tmp_path / "kho", [f"Đường ven biển Quỳnh Lưu thông xe đoạn {n} 🚧" for n in range(1, 9)])
    out, _err, _error = run(tmp_path / "kho", batch=3)
    assert "Tổng: 1 tạo mới, 0 cập nhật, 7 không đổi" in out


def test_a_story_that_breaks_its_batch_fails_alone(site_structure, tmp_path, monkeypatch):
    original = ArticlePage.serializable_data

    def breaking(self):
        if "HỎNG" in self.title:
            raise RuntimeError("ổ đĩa đầy")
        return original(self)

    monkeypatch.setattr(ArticlePage, "serializable_data", breaking)
    write(tmp_path / "kho", ["Cầu Cửa Hội thông xe", "Bài HỎNG giữa lô", "Chợ Vinh mở cửa lại"])
    out, err, error = run(tmp_path / "kho", report=str(tmp_path / "bao-cao.json"))
    assert error is not None and error.returncode == 1
    assert "Tổng: 2 tạo mới, 0 cập nhật, 0 không đổi, 0 xung đột, 0 bỏ qua vì đã gỡ, 1 lỗi" in out
    assert "1.txt" in err and "RuntimeError: ổ đĩa đầy" in err
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Cầu Cửa Hội thông xe", "Chợ Vinh mở cửa lại"}
    assert not Page.objects.filter(title__contains="HỎNG").exists()  # nothing half-written
    assert Page.find_problems() == ([], [], [], [], [])


def _suggestions(prefix: str) -> dict[str, list]:
    """Each story's suggested people, organisations and places, and the positions read, by the title's last word."""
    from toasoan.entities.models import Position

    found = {}
    for article in ArticlePage.objects.filter(title__startswith=prefix):
        links = sorted((link.kind, str(link.person or link.organisation or link.place), link.state, link.context)
                       for link in ArticleEntity.objects.filter(article=article))
        positions = sorted((str(p.person), p.title, str(p.organisation))
                           for p in Position.objects.filter(article=article))
        found[article.title.rsplit(" ", 1)[1]] = [links, positions]
    return found


def test_worker_processes_suggest_what_one_process_does(site_structure, tmp_path, monkeypatch):
    """``--workers 2``: a process reads the sources ahead and hands the texts to one more while the pages are
    written. The same suggestions as one process makes (``--workers 0``); drafts point to their revision; a text
    that breaks the reading loses its suggestions only."""
    from toasoan.entities import services as entity_services

    real_extract = entity_services.extract_entities
    readers = tmp_path / "readers.txt"  # the processes that read texts

    def breaking(text):
        with readers.open("a") as log:
            log.write(f"{os.getpid()}\n")
        if "HỎNG" in text:
            raise RuntimeError("bộ đọc tên hỏng")
        return real_extract(text)

    monkeypatch.setattr(entity_services, "extract_entities", breaking)  # before the processes fork: theirs too
    write(tmp_path / "mot", [f"Cầu Cửa Hội thông xe đợt {n}" for n in range(1, 6)])
    write(tmp_path / "hai", [f"Chợ Vinh mở cửa lại đợt {n}" for n in range(1, 6)] + ["Chợ Vinh HỎNG đợt 6"])
    out, err, error = run(tmp_path / "mot", batch=3, workers=0)
    assert error is None, err
    assert set(readers.read_text().split()) == {str(os.getpid())}
    readers.unlink()
    out = StringIO()
    call_command("import_sources", str(tmp_path / "hai"), batch=3, workers=2, stdout=out, stderr=StringIO())
    assert "Tổng: 6 tạo mới" in out.getvalue()
    assert str(os.getpid()) not in readers.read_text().split()  # read by the worker processes, not this one

    one, two = _suggestions("Cầu Cửa Hội"), _suggestions("Chợ Vinh")
    assert set(one) == {"1", "2", "3", "4", "5"} and all(links for links, _positions in one.values())
    assert {key: value for key, value in two.items() if key != "6"} == one
    assert two["6"] == [[], []]  # its text could not be read: the story is imported, without suggestions
    assert Page.find_problems() == ([], [], [], [], [])
    for article in ArticlePage.objects.filter(title__startswith="Chợ Vinh"):
        assert not article.live and article.live_revision_id is None and article.has_unpublished_changes
        assert ImportRecord.objects.get(article=article).revision_id == article.latest_revision_id
        assert article.get_latest_revision_as_object().title == article.title


def test_postgresql_batches_commit_without_waiting_for_the_disk_and_the_session_is_put_back(site_structure, tmp_path,
                                                                                             monkeypatch):
    """On PostgreSQL the import's session commits its batches with ``synchronous_commit = off`` (docs/importing.md);
    after the command the connection has the server's setting again. Elsewhere nothing is set."""
    from django.db import connection

    from toasoan.importer import bulk

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL session setting")

    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    before = setting()
    during = []
    real_flush = bulk.BulkImporter.flush
    monkeypatch.setattr(bulk.BulkImporter, "flush", lambda self: during.append(setting()) or real_flush(self))
    write(tmp_path / "kho", [f"Cảng cá Lạch Quèn mở rộng giai đoạn {n}" for n in range(1, 5)])
    out, err, error = run(tmp_path / "kho", batch=2)
    assert error is None, err
    assert "Tổng: 4 tạo mới" in out
    assert during and set(during) == {"off"}
    assert setting() == before
    assert ArticlePage.objects.filter(title__startswith="Cảng cá Lạch Quèn", live=True).count() == 4
