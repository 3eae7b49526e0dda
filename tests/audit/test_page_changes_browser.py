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


EDITOR_HEADER = "HTTP_X_TOASOAN_TEST"


def test_an_edit_saved_while_another_request_rolls_back_keeps_its_revision_and_summary(
        chromium, live_server, newsroom, story):  # noqa: F811
    """The live server answers requests in threads, as production does. On SQLite every thread must have its own
    connection: an in-memory test database gave them all the test's one connection, so a request whose
    transaction began first held the editor's save inside it, and its rollback took the saved revision and its
    log entry with it (CI: "no such savepoint", then the revision "is not a valid choice"). Here a reader's
    request opens a transaction, waits while the desk editor saves a story with a photo, then fails."""
    import contextlib
    import threading
    import urllib.request

    from django.core.signals import request_finished, request_started
    from django.db import transaction
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import PageLogEntry

    from toasoan.images.models import NewsImage
    from toasoan.news.models import ArticlePage

    desk_editor = newsroom.user("desk_editor")
    desk_editor.set_password(PASSWORD)
    desk_editor.save()
    photo = NewsImage.objects.create(title="Hồ bơi di động", credit="Ảnh: Minh Khôi", file=get_test_image_file())
    page = ArticlePage.objects.get(pk=story.pk)
    page.body = [*((block.block_type, block.value) for block in story.body),
                 ("figure", {"image": photo, "caption": "Hồ bơi ở sân nhà văn hóa", "credit": "",
                             "original_source": ""})]
    page.save_revision(user=page.owner)

    holding, saving, saved = threading.Event(), threading.Event(), threading.Event()
    edit_path = f"/admin/pages/{story.pk}/edit/"

    class RefusedError(Exception):
        pass

    def on_started(sender, environ, **kwargs):
        if environ.get(EDITOR_HEADER) == "hold":  # the other request: a transaction that ends in a failure
            with transaction.atomic():
                NewsImage.objects.filter(pk=photo.pk).update(source="giữ khóa ghi")
                holding.set()
                saving.wait(20)
                saved.wait(3)  # on a shared connection the save ends inside this transaction
                raise RefusedError
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == edit_path:
            saving.set()

    def on_finished(sender, **kwargs):
        if saving.is_set():
            saved.set()

    def other_request():
        request = urllib.request.Request(f"{live_server.url}/", headers={"X-Toasoan-Test": "hold"})  # noqa: S310
        with contextlib.suppress(OSError):  # its error page (500): it failed, as meant
            urllib.request.urlopen(request, timeout=30)  # noqa: S310 - the test's own server

    request_started.connect(on_started, dispatch_uid="test_hold")
    request_finished.connect(on_finished, dispatch_uid="test_hold")
    context, browser_page = login(chromium, live_server, desk_editor.username)
    other = threading.Thread(target=other_request)
    try:
        browser_page.goto(f"{live_server.url}{edit_path}")
        browser_page.locator("#id_title").fill("Lớp bơi mở thêm ca chiều")
        other.start()
        assert holding.wait(20)
        with browser_page.expect_navigation(timeout=60_000):
            browser_page.get_by_role("button", name="Lưu nháp").click()
        other.join(40)
    finally:
        request_started.disconnect(dispatch_uid="test_hold")
        request_finished.disconnect(dispatch_uid="test_hold")
        context.close()

    latest = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert latest.title == "Lớp bơi mở thêm ca chiều"
    assert latest.body[2].value["image"] == photo
    entry = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=desk_editor).get()
    # a story without a cover takes its first photo as the cover when it is saved (news.models)
    assert entry.message == (f"Đã lưu nháp: tiêu đề: «{OLD_TITLE}» → «Lớp bơi mở thêm ca chiều»; "
                             "ảnh đại diện: — → «Hồ bơi di động»")
    assert NewsImage.objects.get(pk=photo.pk).source == ""  # the failed request's write was undone, not kept
