"""In Chromium: the editor-in-chief edits the comment word list and the ban list in the admin, then opens
Báo cáo → Nhật ký thao tác and reads what changed (before → after), with no reader's email or name on the screen;
a desk editor who types the report's address is turned away. Screenshots in ``screenshots/audit-*.png``."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import PASSWORD, login, newsroom  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPORT = "/admin/reports/site-history/"


def save(page) -> None:
    """The form's own submit button ("Tạo" on a new item, "Lưu" on an edit), as a person clicks it."""
    with page.expect_navigation():
        page.locator("footer.footer button[type=submit]").first.click()


def test_the_chief_edits_the_word_and_ban_lists_and_reads_the_changes(chromium, live_server, newsroom):  # noqa: F811
    from playwright.sync_api import expect

    from toasoan.comments.models import Ban, BlockedWord

    chief, desk_editor = newsroom.user("eic"), newsroom.user("desk_editor")
    for user in (chief, desk_editor):
        user.set_password(PASSWORD)
        user.save()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = login(chromium, live_server, chief.username, viewport={"width": 1440, "height": 900})

    page.goto(f"{live_server.url}/admin/toa-soan/binh-luan/tu-can-loc/new/")
    page.get_by_label("Từ hoặc cụm từ").fill("abc")
    save(page)
    word = BlockedWord.objects.get(phrase="abc")
    page.goto(f"{live_server.url}/admin/toa-soan/binh-luan/tu-can-loc/edit/{word.pk}/")
    page.get_by_label("Từ hoặc cụm từ").fill("xyz")
    page.get_by_label("Ghi chú").fill("lừa đảo <b>đậm</b>")
    save(page)
    assert BlockedWord.objects.get(pk=word.pk).phrase == "xyz"

    page.goto(f"{live_server.url}/admin/toa-soan/binh-luan/chan/new/")
    page.get_by_label("Chặn theo").select_option("email")
    page.get_by_label("Thư điện tử hoặc địa chỉ IP").fill("ke.xau@example.vn")
    page.get_by_label("Nhận diện").fill("Nguyễn Văn Xấu")
    page.get_by_label("Lý do").fill("Quảng cáo")
    save(page)
    ban = Ban.objects.get()
    page.goto(f"{live_server.url}/admin/toa-soan/binh-luan/chan/edit/{ban.pk}/")
    page.get_by_label("Lý do").fill("Công kích cá nhân")
    save(page)
    assert Ban.objects.get(pk=ban.pk).reason == "Công kích cá nhân"

    page.goto(f"{live_server.url}{REPORT}")
    table = page.locator(".audit-table-wrap")
    expect(table.get_by_text("Danh sách từ cần lọc: thêm «xyz», bỏ «abc» — ghi chú: — → «lừa đảo <b>đậm</b>»",
                             exact=True)).to_be_visible()
    expect(table.get_by_text("Danh sách từ cần lọc: thêm «abc»", exact=True)).to_be_visible()
    expect(table.get_by_text(f"Lệnh chặn bình luận: «Lệnh chặn bình luận #{ban.pk}» — lý do: «Quảng cáo» → "
                             "«Công kích cá nhân»", exact=True)).to_be_visible()
    created_ban = table.get_by_text(f"Lệnh chặn bình luận: thêm «Lệnh chặn bình luận #{ban.pk}»")
    expect(created_ban).to_contain_text("nhận diện: (không ghi nội dung)")
    assert page.locator("b", has_text="đậm").count() == 0  # the note is text, not markup
    html = page.content()
    assert "ke.xau" not in html and "Nguyễn Văn Xấu" not in html and ban.value_hash not in html
    page.screenshot(path=str(SCREENSHOTS / "audit-setting-changes-1440.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "audit-setting-changes-375.png"), full_page=True)
    context.close()

    context, page = login(chromium, live_server, desk_editor.username)
    page.goto(f"{live_server.url}{REPORT}")
    assert page.url.rstrip("/").endswith("/admin")  # turned back to the dashboard
    assert page.locator(".audit-table-wrap").count() == 0
    assert "Xấu" not in page.content() and "thêm «xyz»" not in page.content()
    page.screenshot(path=str(SCREENSHOTS / "audit-setting-changes-refused.png"))
    context.close()
