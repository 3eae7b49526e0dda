"""In Chromium: a reader opens a live story, signs up from the comment section (a taken address in other letters
is refused; the name carries an emoji and markup), comments as the account, the comment waits "Đang chờ duyệt",
a moderator approves it from the queue, and it turns up on the reader's open page by itself, marked as theirs;
the account cannot open the admin; its page says the address is not confirmed yet;
the reader downloads their data and deletes the account, then finds "Quên mật khẩu?" on the sign-in page.
Nothing a reader typed runs anywhere. Screenshots in ``screenshots/readers-*.png``."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tests.browser.test_pages import SCREENSHOTS
from tests.comments.test_comments_browser import XSS, watch
from tests.newsroom.conftest import login
from tests.readers.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = 'Minh Anh 🌿 <img src=x onerror="window.__xss=1">'
BODY = "Đề nghị tỉnh công khai tiến độ từng gói thầu đường ven biển 👍"


def shot(page, name: str, selector: str | None = None) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    target = page.locator(selector) if selector else page
    target.screenshot(path=str(SCREENSHOTS / f"readers-{name}.png"))


def fill_sign_up(page, *, email: str) -> None:
    page.get_by_label("Thư điện tử", exact=True).fill(email)
    page.get_by_label("Tên hiển thị", exact=True).fill(NAME)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_label("Tôi đồng ý để tòa soạn xử lý dữ liệu cá nhân").check()
    page.get_by_role("button", name="Đăng ký").click()


def test_reader_signs_up_comments_through_the_queue_and_sees_it_as_theirs(chromium, live_server, moderator,
                                                                          newsroom, desk_story, settings, tmp_path):
    from toasoan.comments.models import Comment
    from toasoan.live import services as live
    from toasoan.readers.models import Reader

    settings.TOASOAN_COMMENTS_LIVE_POLL_SECONDS = 1
    live.start_coverage(article=desk_story, user=newsroom.user("administrator"))

    earlier = Reader(email="mai.le@example.vn", display_name="Lê Mai", created_at=timezone.now(),
                     consent_at=timezone.now(), consent_version="2026-01-tk")
    earlier.set_password(PASSWORD)
    earlier.save()  # set-up: an account somebody opened before
    dialogs: list[str] = []
    errors: list[str] = []
    story_url = f"{live_server.url}{desk_story.canonical_path()}"
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN", accept_downloads=True)
    reader = context.new_page()
    watch(reader, dialogs, errors)
    reader.goto(story_url)
    section = reader.locator("#binh-luan")
    section.get_by_text("Có tài khoản bạn đọc?").wait_for()
    section.get_by_role("link", name="đăng ký").click()

    reader.wait_for_url("**/binh-luan/tai-khoan/dang-ky/**")
    fill_sign_up(reader, email="MAI.LE@Example.VN")  # the same address in other letters
    reader.get_by_text("Địa chỉ thư điện tử này đã có tài khoản").wait_for()
    assert reader.get_by_label("Tên hiển thị", exact=True).input_value() == NAME  # what was typed stays
    reader.set_viewport_size({"width": 375, "height": 740})
    shot(reader, "sign-up-refused-375")
    assert reader.evaluate("document.documentElement.scrollWidth <= 375")
    reader.set_viewport_size({"width": 1440, "height": 900})
    fill_sign_up(reader, email="minh.anh@example.vn")

    reader.wait_for_url(f"{story_url}#binh-luan")
    box = section.locator("[data-account-box]")
    box.get_by_text("Bạn đang bình luận bằng tài khoản").wait_for()
    assert box.locator("[data-account-name]").inner_text() == NAME  # as text: the markup never ran
    name = section.get_by_label("Tên hiển thị", exact=True)
    assert name.input_value() == NAME and name.get_attribute("readonly") is not None
    assert not section.get_by_label("Thư điện tử (không hiển thị)").is_visible()
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["toasoan_bandoc"]["path"] == "/binh-luan/" and cookies["toasoan_bandoc"]["httpOnly"]
    assert "sessionid" not in cookies  # the story page stays cacheable for this reader

    section.get_by_label("Bình luận của bạn").fill(BODY)
    section.get_by_role("button", name="Gửi bình luận").click()
    section.get_by_text("Bình luận đang chờ duyệt").wait_for()
    pending = section.locator(".comment--pending")
    assert BODY in pending.inner_text() and "Bình luận của bạn" in pending.inner_text()
    reader.reload()  # the account's waiting comment comes back from the server, not from this browser's storage
    section.locator(".comment--pending.comment--mine").wait_for()
    shot(reader, "pending-1440", "#binh-luan")
    assert Comment.objects.get().reader.email == "minh.anh@example.vn"

    admin_context, queue = login(chromium, live_server, moderator.username, viewport={"width": 1440, "height": 900})
    watch(queue, dialogs, errors)
    queue.goto(f"{live_server.url}/admin/toa-soan/binh-luan/")
    item = queue.locator("[data-queue-item]")
    assert item.count() == 1 and BODY in item.inner_text() and NAME in item.inner_text()
    assert "gửi từ tài khoản bạn đọc" in item.inner_text() and "minh.anh@example.vn" in item.inner_text()
    queue.keyboard.press("a")
    queue.get_by_text("Không còn bình luận nào chờ duyệt.").wait_for()
    assert queue.evaluate(XSS)
    admin_context.close()

    reader.evaluate("window.__notReloaded = true")
    mine = section.locator(".comment.comment--mine:not(.comment--pending)")
    mine.wait_for(timeout=15_000)  # the live story's page asks for newly shown comments every second here
    assert reader.evaluate("window.__notReloaded === true")
    assert BODY in mine.inner_text() and "Bình luận của bạn" in mine.inner_text()
    assert section.get_by_text("Đang chờ duyệt").count() == 0
    reader.reload()
    mine.wait_for()
    assert section.locator(".comment").count() == 1 and "Bình luận của bạn" in mine.inner_text()
    small = chromium.new_context(viewport={"width": 375, "height": 740}, locale="vi-VN", is_mobile=True)
    other = small.new_page()
    watch(other, dialogs, errors)
    other.goto(story_url)
    other.locator("#binh-luan").get_by_text(BODY).wait_for()  # everyone sees it; only its writer as theirs
    assert other.locator("#binh-luan .comment--mine").count() == 0
    reader.set_viewport_size({"width": 375, "height": 740})
    section.scroll_into_view_if_needed()
    shot(reader, "approved-375")
    assert reader.evaluate("document.documentElement.scrollWidth <= 375")
    reader.set_viewport_size({"width": 1440, "height": 900})

    # The account is no newsroom login: /admin/ sends it to the newsroom's sign-in, which refuses its password.
    reader.goto(f"{live_server.url}/admin/")
    reader.wait_for_url("**/admin/login/**")
    reader.fill("#id_username", "minh.anh@example.vn")
    reader.fill("#id_password", PASSWORD)
    reader.click("button[type=submit]")
    reader.wait_for_load_state()
    assert "/admin/login/" in reader.url
    reader.goto(f"{live_server.url}/admin/pages/")
    assert "/admin/login/" in reader.url

    # The account page: the comment and its status, the data download, deleting everything.
    reader.goto(f"{live_server.url}/binh-luan/tai-khoan/")
    listed = reader.locator(".reader-account__comments .comment")
    assert BODY in listed.inner_text() and "Đã duyệt" in listed.inner_text()
    reader.get_by_role("heading", name="Bạn chưa xác nhận địa chỉ thư điện tử").wait_for()
    assert reader.get_by_role("button", name="Gửi lại thư xác nhận").is_visible()
    shot(reader, "account-1440")
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Tải dữ liệu của tôi (JSON)").click()
    path = tmp_path / "du-lieu.json"
    download.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["account"]["display_name"] == NAME and [c["body"] for c in data["comments"]] == [BODY]
    reader.get_by_label("Mật khẩu hiện tại").fill(PASSWORD)
    reader.get_by_label("Tôi hiểu rằng tài khoản và mọi bình luận của tôi sẽ bị xóa hẳn").check()
    reader.get_by_role("button", name="Xóa tài khoản và bình luận").click()
    reader.get_by_text("Tài khoản của bạn và 1 bình luận đã được xóa.").wait_for()
    reader.goto(story_url)
    section.get_by_text("Có tài khoản bạn đọc?").wait_for()
    section.get_by_text("Chưa có bình luận nào").wait_for()
    assert not Reader.objects.filter(email="minh.anh@example.vn").exists()
    reader.goto(f"{live_server.url}/binh-luan/tai-khoan/dang-nhap/")
    reader.get_by_role("link", name="Quên mật khẩu?").click()
    reader.get_by_label("Thư điện tử", exact=True).fill("minh.anh@example.vn")  # no account any more
    reader.get_by_role("button", name="Gửi đường dẫn đặt lại mật khẩu").click()
    reader.get_by_text("Nếu địa chỉ này có tài khoản bạn đọc, tòa soạn vừa gửi").wait_for()
    reader.set_viewport_size({"width": 375, "height": 740})
    shot(reader, "forgot-sent-375")
    assert reader.evaluate(XSS) and other.evaluate(XSS) and dialogs == [] and errors == []
    for each in (context, small):
        each.close()
