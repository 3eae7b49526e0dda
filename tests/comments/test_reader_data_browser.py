"""In Chromium: a moderator carries out a reader's erasure request on **Bình luận → Dữ liệu bạn đọc** — types the
address, is stopped until the verification box is ticked, confirms, and reads the Vietnamese result; the reader
account is gone and its comment stays on the story as «Bạn đọc». A reporter sees no such menu and is refused at
the address. Screenshots in ``screenshots/comments-reader-data-*.png``."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.comments.conftest import approve
from tests.comments.test_comments_browser import shot, watch
from tests.newsroom.conftest import PASSWORD, login
from tests.readers.conftest import sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SETTLED = "() => document.getAnimations().every(animation => animation.playState !== 'running')"
BODY = "Đề nghị tỉnh công khai tiến độ từng gói thầu đường ven biển."
DONE = ("Đã xóa dữ liệu cá nhân trong 1 bình luận của Minh.Anh@Example.vn; nội dung bình luận được giữ lại, ẩn danh. "
        "Đã xóa tài khoản bạn đọc của địa chỉ này cùng lịch sử đăng nhập và số điện thoại.")


def test_moderator_erases_a_reader_account_from_the_admin_screen(chromium, live_server, moderator, newsroom,
                                                                  desk_story, django_user_model):
    from toasoan.comments.models import Comment
    from toasoan.readers.models import Reader

    reader = Client()  # set-up through the reader's real forms: an account and a comment sent with it
    assert sign_up(reader).status_code == 302
    assert reader.post(f"/binh-luan/{desk_story.pk}/", {"body": BODY}, REMOTE_ADDR="203.0.113.20").status_code == 302
    approve(Comment.objects.get())
    reporter = django_user_model.objects.create_user("u_phong_vien", password=PASSWORD)
    reporter.groups.add(newsroom.newsroom.desk_groups["Thời sự"]["reporter"])

    dialogs: list[str] = []
    errors: list[str] = []
    context, page = login(chromium, live_server, moderator.username, viewport={"width": 1440, "height": 900})
    watch(page, dialogs, errors)
    page.get_by_role("button", name="Bình luận").click()
    page.get_by_role("link", name="Dữ liệu bạn đọc").click()
    page.wait_for_url("**/toa-soan/binh-luan/du-lieu-ban-doc/")
    page.get_by_label("Thư điện tử của bạn đọc").fill("Minh.Anh@Example.vn")
    page.get_by_role("button", name="Xóa dữ liệu của địa chỉ này").click()
    page.get_by_text("Đánh dấu ô xác minh trước khi xóa.").wait_for()  # not without the verification box
    assert Reader.objects.exists()
    assert page.get_by_label("Thư điện tử của bạn đọc").input_value() == "Minh.Anh@Example.vn"
    page.get_by_label("Tôi đã xác minh yêu cầu này là của chính bạn đọc").check()
    page.get_by_role("button", name="Xóa dữ liệu của địa chỉ này").click()
    page.get_by_text(DONE).wait_for()
    page.wait_for_function(SETTLED)  # the message slides in: the screenshot waits for it to stand still
    shot(page, "reader-data-erased-1440")
    page.set_viewport_size({"width": 375, "height": 740})
    page.wait_for_function(SETTLED)
    shot(page, "reader-data-erased-375")
    assert not Reader.objects.exists()
    comment = Comment.objects.get()
    assert comment.name == "Bạn đọc" and comment.email == "" and comment.body == BODY
    context.close()

    story = chromium.new_page(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    story.goto(f"{live_server.url}{desk_story.canonical_path()}")
    shown = story.locator("#binh-luan .comment").first
    shown.wait_for()
    assert BODY in shown.inner_text() and "Bạn đọc" in shown.inner_text() and "Minh Anh" not in shown.inner_text()
    story.close()

    context, page = login(chromium, live_server, reporter.username)
    watch(page, dialogs, errors)
    assert page.get_by_role("link", name="Dữ liệu bạn đọc").count() == 0
    assert page.get_by_role("button", name="Bình luận").count() == 0
    refused = page.goto(f"{live_server.url}/admin/toa-soan/binh-luan/du-lieu-ban-doc/")
    assert refused.url.endswith("/admin/") and page.url.endswith("/admin/")  # sent back to the dashboard
    page.get_by_text("Bạn không có quyền truy cập vào khu vực này.").wait_for()
    assert page.get_by_label("Thư điện tử của bạn đọc").count() == 0
    shot(page, "reader-data-refused-reporter")
    context.close()
    assert dialogs == [] and errors == []
