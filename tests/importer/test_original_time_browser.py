"""«Thời gian đăng gốc» in Chromium (issue 21): the desk editor signs in, opens the story imported without a
publication time, types its original time (a time in the future is refused; 08/12 is the 8th of December; the
page list stops marking the draft «chưa có ngày giờ đăng»), and sends it for review; the editor-in-chief sees
the time as typed and approves it for publication; readers see that time in the dateline, not the moment of
publication.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.importer.test_undated import TITLE, UNDATED, page, run
from tests.importer.test_undated_browser import shot_path
from tests.journeys.test_newsroom_day import action_menu, messages, press_and_wait, type_datetime
from tests.newsroom.conftest import PASSWORD, login, newsroom  # noqa: F401 - the newsroom fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_desk_gives_the_undated_draft_its_original_time(chromium, live_server, newsroom, tmp_path):  # noqa: F811
    from toasoan.news.models import ArticlePage

    for role in ("desk_editor", "eic"):
        user = newsroom.user(role)
        user.set_password(PASSWORD)
        user.save()
    _out, err, error = run(page(tmp_path / "khong-ngay.txt", UNDATED), publish=True, section="thoi-su")
    assert error is None, err
    story = ArticlePage.objects.get(title=TITLE)
    year = timezone.localtime().year - 1
    early, late = datetime(year, 12, 8, 9, 15, tzinfo=VN), datetime(year, 12, 20, 15, 0, tzinfo=VN)
    edit = f"{live_server.url}/admin/pages/{story.pk}/edit/"

    context, browser = login(chromium, live_server, newsroom.user("desk_editor").username)
    context.set_default_timeout(90_000)
    try:
        browser.goto(edit)
        assert browser.get_by_text("Hãy điền «Thời gian đăng gốc» ngay dưới đây").is_visible()
        field = browser.get_by_role("textbox", name=re.compile("^Thời gian đăng gốc"))
        leave = browser.get_by_role("textbox", name=re.compile("^Tiêu đề"))

        # A time in the future is scheduling, not an original time: refused, said how to schedule.
        type_datetime(field, datetime(year + 2, 12, 20, 15, 0), leave=leave)
        press_and_wait(browser, browser.get_by_role("button", name="Lưu nháp"))
        assert "«Thời gian đăng gốc» không được ở tương lai" in browser.content()
        browser.get_by_role("textbox", name=re.compile("^Thời gian đăng gốc")).scroll_into_view_if_needed()
        browser.screenshot(path=str(shot_path("thoi-gian-goc-tuong-lai")), full_page=True)
        assert ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().original_published_at is None

        # 08/12 is the 8th of December (never 12 August), kept as typed when the form comes back.
        field = browser.get_by_role("textbox", name=re.compile("^Thời gian đăng gốc"))
        type_datetime(field, early, leave=leave)
        press_and_wait(browser, browser.get_by_role("button", name="Lưu nháp"))
        assert TITLE in messages(browser)
        assert ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().original_published_at == early
        field = browser.get_by_role("textbox", name=re.compile("^Thời gian đăng gốc"))
        assert field.input_value() == early.strftime("%d/%m/%Y %H:%M")
        # The section's page list no longer says the draft has no time (it said so before: test_undated_browser).
        browser.goto(f"{live_server.url}/admin/pages/{story.get_parent().pk}/")
        row = browser.get_by_role("row").filter(has_text=TITLE)
        assert "bản nháp" in row.inner_text().lower() and "chưa có ngày giờ đăng" not in row.inner_text()
        browser.goto(edit)
        field = browser.get_by_role("textbox", name=re.compile("^Thời gian đăng gốc"))

        # The right day after all (one that cannot be a month), then off to review.
        type_datetime(field, late, leave=leave)
        field.scroll_into_view_if_needed()
        browser.screenshot(path=str(shot_path("thoi-gian-goc-bien-tap")), full_page=True)
        press_and_wait(browser, action_menu(browser).get_by_role("button", name=re.compile("^Gửi duyệt")))
        assert TITLE in messages(browser)
    finally:
        context.close()
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.get_latest_revision_as_object().original_published_at == late and not story.live

    # The desk and the managing editor pass it on (their screens are tests/newsroom's and tests/journeys').
    for role in ("desk_editor", "managing_editor"):
        state = ArticlePage.objects.get(pk=story.pk).current_workflow_task_state
        state.task.specific.on_action(state, newsroom.user(role), "approve")

    context, browser = login(chromium, live_server, newsroom.user("eic").username)
    context.set_default_timeout(90_000)
    try:
        browser.goto(edit)
        field = browser.get_by_role("textbox", name=re.compile("^Thời gian đăng gốc"))
        assert field.input_value() == late.strftime("%d/%m/%Y %H:%M")  # what the desk typed, as typed
        field.scroll_into_view_if_needed()
        browser.screenshot(path=str(shot_path("thoi-gian-goc-tong-bien-tap")))
        press_and_wait(browser, action_menu(browser).get_by_role("button", name="Duyệt và đăng"))
        assert TITLE in messages(browser)
        story = ArticlePage.objects.get(pk=story.pk)
        assert story.live and story.first_published_at == late and story.published_at == late

        browser.goto(f"{live_server.url}{story.url}")
        dateline = browser.locator(".article__dateline time")
        assert dateline.inner_text() == f"15:00, 20/12/{year}"
        assert dateline.get_attribute("datetime").startswith(f"{year}-12-20T15:00")
        browser.screenshot(path=str(shot_path("thoi-gian-goc-ban-doc")), full_page=True)
    finally:
        context.close()
