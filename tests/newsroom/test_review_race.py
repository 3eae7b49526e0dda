"""A review action pressed twice on one story (a double click, a second tab, a browser sending the form again, two
editors of the same step): the first one acts, the second one is told the story has left that step — never a
server error, never the action done twice."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connections
from django.test import Client
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from tests.newsroom.test_feedback import act

STALE = "Thao tác duyệt vừa bấm không được thực hiện"


@pytest.mark.django_db
def test_an_action_from_a_second_tab_after_the_story_moved_on_says_so(client, newsroom, at_step):
    page = at_step(0, title="Bến phà Cát Lái thêm chuyến đêm")
    client.force_login(newsroom.user("desk_editor"))
    # Two tabs hold the same form; the first sends the story back to its writer, the second then forwards it.
    response, messages = act(client, page, "reject", comment="Thiếu giờ chạy chuyến cuối.")
    assert response.status_code == 302 and not any(STALE in m for m in messages), messages
    response, messages = act(client, page, "approve")
    assert response.status_code == 302
    assert any(m.startswith(f"{STALE}: bài «Bến phà Cát Lái thêm chuyến đêm» đã rời bước đó") for m in messages)
    assert not any(m.startswith("Đã chuyển") for m in messages), messages  # nothing claims it was forwarded
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES  # still with its writer, not with the next step
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_presses_at_once_act_once_and_the_second_is_told(newsroom, at_step, monkeypatch):
    page = at_step(0, title="Trường làng có thêm phòng máy tính")
    user = newsroom.user("desk_editor")
    reject = TaskState.reject
    entered = threading.Event()

    def slow_reject(self, *args, **kwargs):  # the first press is still being written when the second arrives
        entered.set()
        time.sleep(1.0)
        return reject(self, *args, **kwargs)

    monkeypatch.setattr(TaskState, "reject", slow_reject)
    results: dict[str, tuple[int, list[str]]] = {}

    def press(name: str) -> None:
        try:
            browser = Client()
            browser.force_login(user)
            response, messages = act(browser, page, "reject", comment="Ảnh thiếu tên tác giả.")
            results[name] = (response.status_code, messages)
        finally:
            connections.close_all()

    first = threading.Thread(target=press, args=("first",))
    first.start()
    assert entered.wait(timeout=60)
    second = threading.Thread(target=press, args=("second",))
    second.start()
    first.join(timeout=120)
    second.join(timeout=120)
    assert results["first"][0] == 302 and results["second"][0] == 302, results
    assert any(m.startswith("Đã trả «Trường làng có thêm phòng máy tính» lại cho") for m in results["first"][1])
    assert any(m.startswith(STALE) for m in results["second"][1]), results["second"]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").count() == 1
