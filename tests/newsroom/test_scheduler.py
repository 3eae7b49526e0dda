"""Publishing on time: embargo, go-live, expiry, catch-up after downtime, exactly once with two workers."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from toasoan.news.models import ArticlePage
from toasoan.newsroom.scheduler import run_due, run_forever
from toasoan.newsroom.services import reschedule


def approve_all(page, newsroom):
    """Walk ``page`` (already submitted) through the remaining steps as the people entitled to."""
    approvers = {"Ban biên tập": "desk_editor", "Thư ký tòa soạn": "managing_editor"}
    while True:
        page = ArticlePage.objects.get(pk=page.pk)
        state = page.current_workflow_task_state
        if state is None:
            return page
        role = approvers.get(state.task.name, "deputy_eic")
        state.task.specific.on_action(state, newsroom.user(role), "approve")


@pytest.fixture
def scheduled(newsroom, at_step):
    def make(*, go_live_at, title="Cầu Bến Lức mới thông xe sáng nay", **fields):
        page = at_step(2, title=title, go_live_at=go_live_at, **fields)
        return approve_all(page, newsroom)

    return make


def reader_sees(client, page, newsroom) -> dict[str, bool]:
    """Where a reader finds the story: its page, the home page, its section, Mới nhất, its event."""
    marker = page.title
    return {
        "page": client.get(f"/{page.slug}-{page.pk}.html").status_code == 200,
        "home": marker in client.get("/").content.decode(),
        "section": marker in client.get(newsroom.desk_section.url).content.decode(),
        "latest": marker in client.get("/moi-nhat/").content.decode(),
    }


def minute(delta: timedelta):
    return (timezone.now() + delta).replace(microsecond=0)


def time_passes(page, newsroom, *, to):
    """Move the approved go-live time (as the scheduler's clock would reach it)."""
    reschedule(page=page, go_live_at=to, user=newsroom.user("eic"))


@pytest.mark.django_db
def test_embargoed_story_is_invisible_until_its_time_then_published_once(
        client, newsroom, scheduled, django_capture_on_commit_callbacks):
    from toasoan.events.models import EventPage
    from toasoan.home.models import FrontSlot

    event = newsroom.events_index.add_child(instance=EventPage(title="Giao thông cửa ngõ phía tây"))
    event.save_revision().publish()
    go_live = minute(timedelta(minutes=30))
    page = scheduled(go_live_at=go_live, events=[event])
    FrontSlot.objects.create(front=newsroom.home, kind="lead", article=page)
    assert not page.live
    assert page.revisions.filter(approved_go_live_at=go_live).count() == 1
    assert reader_sees(client, page, newsroom) == dict.fromkeys(["page", "home", "section", "latest"], False)
    assert page.title not in client.get(event.url).content.decode()

    assert not run_due()  # not yet
    assert not ArticlePage.objects.get(pk=page.pk).live

    time_passes(page, newsroom, to=minute(timedelta(seconds=-1)))
    with django_capture_on_commit_callbacks(execute=True):
        run = run_due()
    assert run.published == [page.pk]
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.published_at is not None
    assert not run_due()  # exactly once
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert reader_sees(client, page, newsroom) == dict.fromkeys(["page", "home", "section", "latest"], True)
    assert page.title in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_story_url_is_not_stuck_on_a_cached_404_after_going_live(
        client, newsroom, scheduled, django_capture_on_commit_callbacks):
    page = scheduled(go_live_at=minute(timedelta(minutes=30)))
    assert client.get(f"/{page.slug}-{page.pk}.html").status_code == 404
    time_passes(page, newsroom, to=minute(timedelta(seconds=-1)))
    with django_capture_on_commit_callbacks(execute=True):
        run_due()
    assert client.get(f"/{page.slug}-{page.pk}.html").status_code == 200


@pytest.mark.django_db
def test_time_passed_while_down_is_honoured_once_at_start(client, newsroom, scheduled):
    page = scheduled(go_live_at=minute(timedelta(minutes=5)))
    # The site was down three hours past the go-live time: the first pass at start publishes the story, once.
    time_passes(page, newsroom, to=minute(timedelta(hours=-3)))
    assert run_due().published == [page.pk]
    assert run_due().published == []
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert client.get(f"/{page.slug}-{page.pk}.html").status_code == 200


@pytest.mark.django_db
def test_expiring_story_goes_offline(client, newsroom, scheduled, django_capture_on_commit_callbacks):
    page = scheduled(go_live_at=None, expire_at=minute(timedelta(minutes=10)))
    assert page.live
    assert client.get(f"/{page.slug}-{page.pk}.html").status_code == 200
    assert not run_due().expired
    with django_capture_on_commit_callbacks(execute=True):
        run = run_due(now=timezone.now() + timedelta(minutes=11))
    assert run.expired == [page.pk]
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert client.get(f"/{page.slug}-{page.pk}.html").status_code == 404
    assert not run_due(now=timezone.now() + timedelta(minutes=12)).expired
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_running_loop_publishes_within_seconds_of_go_live(newsroom, scheduled):
    """The loop ``toasoan serve`` runs: a story due in 2 s is live a few seconds later, with no cron."""
    # The loop's thread has its own connection: what this test writes must be committed for it to see.
    assert not connection.in_atomic_block, "a transaction left open by an earlier test"
    # Approved for an hour ahead, then moved to 2 s from now: approving through three steps can take longer than
    # 2 s on a loaded machine, and an approval after its go-live time publishes at once (no loop needed).
    page = scheduled(go_live_at=timezone.now() + timedelta(hours=1))
    assert not ArticlePage.objects.get(pk=page.pk).live
    go_live = timezone.now() + timedelta(seconds=2)
    time_passes(page, newsroom, to=go_live)
    stop, done = threading.Event(), threading.Event()
    published_at: dict[int, object] = {}

    def on_run(run):
        for pk in run.published:
            published_at[pk] = timezone.now()
        if page.pk in published_at:
            done.set()

    def loop():
        try:
            run_forever(interval=0.5, should_stop=stop.is_set, on_run=on_run)
        finally:
            connections.close_all()

    worker = threading.Thread(target=loop, daemon=True)
    worker.start()
    try:
        done.wait(timeout=60)  # the test only waits; the loop alone touches the database meanwhile
    finally:
        stop.set()
        worker.join(timeout=10)
    # If it fails: still due (this loop never took it), or published by something else (another scheduler)?
    due = list(Revision.objects.filter(approved_go_live_at__isnull=False)
               .values_list("object_id", "approved_go_live_at"))
    logged = list(PageLogEntry.objects.filter(page=page).values_list("action", "timestamp"))
    assert page.pk in published_at, f"the running scheduler did not publish the story (due {due}, log {logged}, " \
                                    f"at {timezone.now()})"
    assert published_at[page.pk] - go_live < timedelta(seconds=60)
    assert ArticlePage.objects.get(pk=page.pk).live


def test_a_pass_that_fails_is_tried_again_at_once_not_a_tick_later(monkeypatch):
    """The fault bench: a story due during a database restart went live a whole tick after the database was
    back. After a failed pass the loop tries again after RETRY_AFTER_FAILURE, then keeps its interval."""
    from django.db import OperationalError

    from toasoan.newsroom import scheduler

    calls: list[float] = []

    def flaky_run_due(**_kwargs):
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return scheduler.SchedulerRun(now=timezone.now())

    monkeypatch.setattr(scheduler, "run_due", flaky_run_due)
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)  # no database in this test
    runs: list = []
    started = time.monotonic()
    scheduler.run_forever(interval=60, should_stop=lambda: bool(runs), on_run=runs.append)
    assert len(calls) == 2 and len(runs) == 1  # the failed pass is not reported as a run
    assert calls[1] - calls[0] < 5  # not the 60-s interval
    assert time.monotonic() - started < 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SELECT … FOR UPDATE SKIP LOCKED needs PostgreSQL (set DATABASE_URL=postgres://…)")
def test_two_workers_publish_each_story_exactly_once(newsroom, scheduled):
    pages = [scheduled(go_live_at=minute(timedelta(minutes=1)), title=f"Bản tin giao thông số {i}")
             for i in range(8)]
    for page in pages:
        time_passes(page, newsroom, to=minute(timedelta(seconds=-5)))
    barrier = threading.Barrier(2)
    results: list = []

    def worker():
        try:
            barrier.wait()
            results.append(run_due())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    published = [pk for run in results for pk in run.published]
    assert sorted(published) == sorted(p.pk for p in pages)  # every story, none twice
    for page in pages:
        assert ArticlePage.objects.get(pk=page.pk).live
        assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish.scheduled").count() == 1


def test_serve_starts_the_scheduler_beside_web_and_worker():
    from toasoan.core.management.commands.serve import serve_programs

    programs = {p.name: p.argv for p in serve_programs(host="127.0.0.1", port=8123, workers=1)}
    assert "run_scheduler" in programs["scheduler"] and "db_worker" in programs["worker"]
    interval = float(programs["scheduler"][programs["scheduler"].index("--interval") + 1])
    assert interval <= 30  # leaves time to publish within 60 s of the go-live time
