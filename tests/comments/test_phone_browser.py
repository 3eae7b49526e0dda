"""In Chromium, with phone verification on (an SMS adapter that keeps the codes it was given): a reader opens a
story, signs up from the comment section, types a number in an odd format, presses «Gửi mã xác thực», is refused a
wrong code, sends the comment with the right one; from then on the form says the account's number is verified
(masked) and asks no code, after a reload too. A commenter without an account is still asked for a number.
Screenshots in ``screenshots/comments-phone-*.png``."""

from __future__ import annotations

import pytest

from tests.comments.test_comments_browser import XSS, shot, watch
from tests.readers.test_readers_browser import fill_sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SENT: list[tuple[str, str]] = []
SETTLED = "() => document.getAnimations().every(animation => animation.playState !== 'running')"


class RecordingVerifier:
    """The SMS provider of this test: keeps what it would have sent."""

    def send_code(self, *, phone: str, code: str) -> None:
        SENT.append((phone, code))


def test_reader_account_verifies_its_phone_once_through_the_form(chromium, live_server, desk_story, settings):
    from toasoan.comments.models import Comment
    from toasoan.readers.models import Reader

    settings.TOASOAN_COMMENTS_PHONE_VERIFIER = f"{__name__}.RecordingVerifier"
    settings.TOASOAN_COMMENTS_RATE_CLIENT = "50/600"
    SENT.clear()
    dialogs: list[str] = []
    errors: list[str] = []
    story_url = f"{live_server.url}{desk_story.canonical_path()}"
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    watch(page, dialogs, errors)
    page.goto(story_url)
    section = page.locator("#binh-luan")
    section.get_by_text("Có tài khoản bạn đọc?").wait_for()
    section.get_by_role("link", name="đăng ký").click()
    page.wait_for_url("**/binh-luan/tai-khoan/dang-ky/**")
    fill_sign_up(page, email="minh.anh@example.vn")
    page.wait_for_url(f"{story_url}#binh-luan")
    section.get_by_text("Bạn đang bình luận bằng tài khoản").wait_for()

    form = section.locator("form[data-comment-form]")
    number = form.get_by_label("Số điện thoại di động (không hiển thị)")
    code = form.get_by_label("Mã xác thực (6 chữ số)")
    assert number.is_visible() and code.is_visible()
    assert not form.get_by_text("Số điện thoại của tài khoản đã được xác thực").is_visible()
    form.get_by_label("Bình luận của bạn").fill("Đề nghị công khai tiến độ từng gói thầu 👍")
    number.fill("+84 912 345 678")
    form.get_by_role("button", name="Gửi mã xác thực").click()
    form.get_by_text("Đã gửi mã xác thực đến số 0912345678.").wait_for()
    assert [phone for phone, _code in SENT] == ["0912345678"]
    right = SENT[0][1]

    code.fill(f"{(int(right) + 1) % 1_000_000:06d}")
    form.get_by_role("button", name="Gửi bình luận").click()
    form.get_by_text("Mã xác thực không đúng hoặc đã hết hạn.").first.wait_for()
    assert code.get_attribute("aria-invalid") == "true" and not Comment.objects.exists()
    shot(page, "phone-wrong-code-1440", "#binh-luan form[data-comment-form]")

    code.fill(right)
    form.get_by_role("button", name="Gửi bình luận").click()
    section.get_by_text("Bình luận đang chờ duyệt").wait_for()
    verified = form.get_by_text("Số điện thoại của tài khoản đã được xác thực")
    verified.wait_for()
    assert "09•••••678" in verified.inner_text()
    assert not number.is_visible() and not code.is_visible()
    assert Reader.objects.get().phone == "0912345678"

    page.reload()  # from the feed: the account's number is verified, no code asked
    section.get_by_text("Bạn đang bình luận bằng tài khoản").wait_for()
    verified.wait_for()
    assert not number.is_visible() and not form.get_by_role("button", name="Gửi mã xác thực").is_visible()
    form.get_by_label("Bình luận của bạn").fill("Ý kiến thứ hai, không cần mã mới.")
    form.get_by_role("button", name="Gửi bình luận").click()
    section.locator(".comment--pending").nth(1).wait_for()
    assert Comment.objects.count() == 2 and set(Comment.objects.values_list("phone", "phone_verified")) == {
        ("0912345678", True)}
    assert len(SENT) == 1  # one SMS for both comments
    page.wait_for_function(SETTLED)
    shot(page, "phone-verified-1440", "#binh-luan")
    page.set_viewport_size({"width": 375, "height": 740})
    verified.scroll_into_view_if_needed()
    shot(page, "phone-verified-375")
    assert page.evaluate("document.documentElement.scrollWidth <= 375")
    assert page.evaluate(XSS)

    # Someone without an account, in another browser: asked for a number as before.
    other = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN").new_page()
    watch(other, dialogs, errors)
    other.goto(story_url)
    other_form = other.locator("#binh-luan form[data-comment-form]")
    other_form.get_by_label("Số điện thoại di động (không hiển thị)").wait_for()
    assert not other_form.get_by_text("Số điện thoại của tài khoản đã được xác thực").is_visible()
    context.close()
    other.context.close()
    assert dialogs == [] and errors == []
