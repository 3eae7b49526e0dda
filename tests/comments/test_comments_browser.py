"""In Chromium: a reader writes a comment under a story (typing, ticking the consent box), sees it "Đang chờ
duyệt"; a moderator approves it from the queue with the keyboard; the reader's page then shows it. A hostile
comment (script, onerror) is rendered in the reader's and the moderator's browser and nothing runs. Screenshots
at 1440 and 375 px in ``screenshots/comments-*.png``."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = "Mong tỉnh công bố tiến độ từng đoạn đường ven biển, nhất là đoạn qua xã Tân Lập 🙏"
HOSTILE = ('<script>window.__xss=1</script><img src=x onerror="window.__xss=1;alert(1)">'
           '<svg onload="window.__xss=1"></svg> javascript:alert(1)')
XSS = "window.__xss === undefined"


def shot(page, name: str, selector: str | None = None) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    if selector:
        page.locator(selector).screenshot(path=str(SCREENSHOTS / f"comments-{name}.png"))
    else:
        page.screenshot(path=str(SCREENSHOTS / f"comments-{name}.png"), full_page=False)


def watch(page, dialogs: list[str], errors: list[str]) -> None:
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))


def write(reader, *, body: str, consent: bool = True) -> None:
    form = reader.locator("#binh-luan form")
    form.get_by_label("Bình luận của bạn").fill(body)
    form.get_by_label("Tên hiển thị").fill("Lê Thị Mai")
    form.get_by_label("Thư điện tử (không hiển thị)").fill("mai.le@example.vn")
    if consent:
        form.get_by_label("Tôi đồng ý để tòa soạn xử lý dữ liệu cá nhân").check()
    form.get_by_role("button", name="Gửi bình luận").click()


def test_comment_goes_from_reader_through_the_queue_to_the_page(chromium, live_server, moderator, desk_story):
    from toasoan.comments.models import Comment

    dialogs: list[str] = []
    errors: list[str] = []
    url = f"{live_server.url}{desk_story.canonical_path()}"
    wide = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    phone = chromium.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN", is_mobile=True)
    reader = wide.new_page()
    watch(reader, dialogs, errors)
    reader.goto(url)
    section = reader.locator("#binh-luan")
    section.get_by_text("Chưa có bình luận nào").wait_for()

    # Without the consent box ticked: refused, announced, and nothing typed is lost.
    write(reader, body=BODY, consent=False)
    alert = section.get_by_role("alert")
    alert.get_by_text("Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân").wait_for()
    assert section.get_by_label("Bình luận của bạn").input_value() == BODY
    assert section.get_by_label("Tôi đồng ý để tòa soạn").get_attribute("aria-invalid") == "true"
    assert not Comment.objects.exists()

    section.get_by_label("Tôi đồng ý để tòa soạn xử lý dữ liệu cá nhân").check()
    section.get_by_role("button", name="Gửi bình luận").click()
    section.get_by_text("Bình luận đang chờ duyệt").wait_for()
    mine = section.locator(".comment--pending")
    assert BODY in mine.inner_text() and "Đang chờ duyệt" in mine.inner_text()
    write(reader, body=HOSTILE)
    section.locator(".comment--pending").nth(1).wait_for()
    assert section.locator(".comment--pending").first.locator(".comment__body").inner_text() == HOSTILE
    reader.reload()  # the reader's own waiting comments stay on their page, to them alone
    section.locator(".comment--pending").nth(1).wait_for()
    assert reader.evaluate(XSS)
    shot(reader, "reader-pending-1440", "#binh-luan")

    small = phone.new_page()
    watch(small, dialogs, errors)
    small.goto(url)
    small.locator("#binh-luan").get_by_text("Chưa có bình luận nào").wait_for()  # nothing shown before approval
    small.locator("#binh-luan").scroll_into_view_if_needed()
    shot(small, "reader-375")
    assert small.evaluate("document.documentElement.scrollWidth <= 375")

    # The moderator: the queue, oldest first; "a" approves the selected comment, the next one is then selected.
    admin_context, queue = login(chromium, live_server, moderator.username, viewport={"width": 1440, "height": 900})
    watch(queue, dialogs, errors)
    queue.goto(f"{live_server.url}/admin/toa-soan/binh-luan/")
    items = queue.locator("[data-queue-item]")
    assert items.count() == 2 and BODY in items.first.inner_text()
    assert "mai.le@example.vn" in items.first.inner_text()
    shot(queue, "queue-1440")
    queue.keyboard.press("a")
    queue.get_by_text("Đã duyệt bình luận của Lê Thị Mai.").wait_for()
    assert queue.locator("[data-queue-item]").count() == 1
    assert HOSTILE in queue.locator("[data-queue-item]").first.inner_text()  # shown as text, nothing ran
    assert queue.evaluate(XSS)
    queue.set_viewport_size({"width": 375, "height": 740})
    shot(queue, "queue-375")
    queue.set_viewport_size({"width": 1440, "height": 900})
    queue.keyboard.press("a")
    queue.get_by_text("Không còn bình luận nào chờ duyệt.").wait_for()
    assert queue.evaluate(XSS)

    reader.reload()
    approved = section.locator(".comment:not(.comment--pending)")
    approved.first.wait_for()
    assert BODY in section.locator(".comments__list").inner_text()
    assert section.get_by_text("Đang chờ duyệt").count() == 0
    bodies = section.locator(".comment__body").all_inner_texts()
    assert HOSTILE in bodies  # approved, shown to every reader as text
    section.get_by_role("button", name="Thích").first.click()
    section.get_by_role("button", name="Đã thích").wait_for()
    shot(reader, "reader-approved-1440", "#binh-luan")
    assert reader.evaluate(XSS) and dialogs == [] and errors == []

    # The page for readers without JavaScript: the same approved comment, a form with labels.
    small.goto(f"{live_server.url}/binh-luan/{desk_story.pk}/")
    small.get_by_text(BODY).wait_for()
    assert small.get_by_label("Bình luận của bạn").is_visible()
    shot(small, "nojs-375")
    assert small.evaluate("document.documentElement.scrollWidth <= 375")
    for context in (wide, phone, admin_context):
        context.close()
