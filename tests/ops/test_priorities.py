"""Publication work is picked before bulk work, however much bulk work is queued (issue 19, point 7)."""

from __future__ import annotations

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.ops.worker_tasks import noop
from toasoan.core.queue import BULK, NORMAL, URGENT, bulk_work, enqueue, placement

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "publication"]}}
SEARCH_TASK = "toasoan.search.tasks.update_article_index"


def _worker(queues: list[str], *, max_tasks: int | None = None, batch: bool = False) -> Worker:
    return Worker(queue_names=queues, interval=0, batch=batch, backend_name="default", startup_delay=False,
                  max_tasks=max_tasks, worker_id="test", excluded_queue_names=[])


def test_placement():
    assert placement(urgent=True) == ("publication", URGENT)
    assert placement(urgent=False) == ("default", NORMAL)
    with bulk_work():
        assert placement(urgent=True) == ("default", BULK)  # a bulk import's publications are bulk too
    assert placement(urgent=True) == ("publication", URGENT)


@pytest.fixture
def db_tasks(settings, monkeypatch):
    settings.TASKS = DB_TASKS
    # The worker closes stale connections between tasks; here it shares the test's transaction, so it must not.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def test_a_story_published_behind_queued_bulk_work_is_indexed_first(db_tasks, make_article, section,
                                                                    django_capture_on_commit_callbacks):
    from toasoan.news.models import ArticlePage

    with bulk_work():
        for number in range(300):
            enqueue(noop, number, urgent=True)
    draft = make_article(title="Bão số 9 đổ bộ Quảng Ngãi", live=False)
    DBTaskResult.objects.exclude(task_path=noop.module_path).delete()  # only the publication below counts
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=draft.pk).save_revision().publish()
    urgent = DBTaskResult.objects.filter(queue_name="publication")
    assert set(urgent.values_list("task_path", flat=True)) >= {SEARCH_TASK}

    _worker(["*"], max_tasks=urgent.count()).run()  # a worker of every queue: as many tasks as are urgent

    ran = DBTaskResult.objects.exclude(status="READY")
    assert set(ran.values_list("queue_name", flat=True)) == {"publication"}
    assert DBTaskResult.objects.filter(task_path=noop.module_path, status="READY").count() == 300
    from toasoan.search import services

    assert draft.pk in [hit.article.pk for hit in services.search(query="bão Quảng Ngãi").hits]


def test_the_publisher_worker_runs_publication_work_only(db, db_tasks):
    with bulk_work():
        enqueue(noop, 1, urgent=True)
    enqueue(noop, 2)
    urgent = enqueue(noop, 3, urgent=True)
    _worker(["publication"], batch=True).run()
    done = DBTaskResult.objects.get(pk=urgent.id)
    assert done.status == "SUCCESSFUL" and done.return_value == 3
    assert DBTaskResult.objects.filter(status="READY").count() == 2
