"""In Chromium: a desk editor types a new title (an emoji and a ``<b>``) into a story's edit form and saves; the
editor-in-chief reads in Báo cáo → Nhật ký thao tác what changed, as text; the desk editor is turned away from
the report. Screenshots in ``screenshots/audit-page-changes-*.png``."""

from __future__ import annotations

import pytest

from tests.audit.test_page_changes import OLD_TITLE, story  # noqa: F401 - fixture
from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import PASSWORD, draft, login, newsroom  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPORT = "/admin/reports/site-history/"
NEW_TITLE = "Lớp bơi 🏊 mở thêm <b>ca chiều</b>"


def test_the_desk_editor_retitles_a_story_and_the_chief_reads_the_change(chromium, live_server, newsroom,  # noqa: F811
                                                                         story):  # noqa: F811
    from playwright.sync_api import expect
    from wagtail.models import PageLogEntry

    chief, desk_editor = newsroom.user("eic"), newsroom.user("desk_editor")
    for user in (chief, desk_editor):
        user.set_password(PASSWORD)
        user.save()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    context, page = login(chromium, live_server, desk_editor.username)
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    title = page.locator("#id_title")
    title.fill("")
    title.press_sequentially(NEW_TITLE)
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu nháp").click()
    entry = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=desk_editor).get()
    assert entry.data["page_changes"]["fields"][0]["after"] == NEW_TITLE
    page.goto(f"{live_server.url}{REPORT}")
    assert page.url.rstrip("/").endswith("/admin")  # the desk editor is turned back to the dashboard
    assert page.locator(".audit-table-wrap").count() == 0
    context.close()

    context, page = login(chromium, live_server, chief.username, viewport={"width": 1440, "height": 900})
    page.goto(f"{live_server.url}{REPORT}")
    table = page.locator(".audit-table-wrap")
    expect(table.get_by_text(f"Đã lưu nháp: tiêu đề: «{OLD_TITLE}» → «{NEW_TITLE}»", exact=True)).to_be_visible()
    assert table.locator("b", has_text="ca chiều").count() == 0  # the title is text, not markup
    page.screenshot(path=str(SCREENSHOTS / "audit-page-changes-1440.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "audit-page-changes-375.png"), full_page=True)
    context.close()
