"""The desk editor has a story open in two tabs (Chromium): sends it back to its writer in the first, then presses
"Trả lại phóng viên" again in the second, which still shows the old step. The second tab's dialog says the story
already left that step and offers to reload — before, the dialog never opened and the press seemed to do nothing;
no server error, the story sent back once. (Two presses that reach the server at once: test_review_race.py.)

The second tab asks the server every few seconds whether the story was saved elsewhere (Wagtail's editing
sessions). Once it knows, the press first meets Wagtail's own warning ("Bạn đã lưu một phiên bản mới ở cửa sổ
khác"), and the editor goes on with the action it names. Both orders are tried, each made certain by the asking
interval (before, the test raced the ten-second interval and failed when the asking came first)."""

from __future__ import annotations

import pytest
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from tests.newsroom.conftest import PASSWORD, login
from tests.newsroom.test_schedule_keyboard import shot_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Đò ngang bến Vạn Phúc chạy thêm chuyến chiều 🚣"


def send_back(page, comment: str) -> None:
    page.get_by_role("button", name="Thao tác khác").click()
    page.locator("footer").get_by_role("button", name="Trả lại phóng viên").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Bình luận").fill(comment)
    with page.expect_navigation():
        dialog.get_by_role("button", name="Trả lại phóng viên").click()


@pytest.mark.parametrize("knows", [False, True], ids=["before the second tab knows", "after the second tab knows"])
def test_sending_back_from_a_second_tab_after_the_first_says_so(chromium, live_server, newsroom, at_step, settings,
                                                                 knows):
    from playwright.sync_api import expect

    from toasoan.news.models import ArticleAuthor

    # ms between the second tab's askings: 300, or 10 minutes (it asks once, on opening, not again in the test)
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 300 if knows else 600_000
    editor = newsroom.user("desk_editor")
    editor.set_password(PASSWORD)
    editor.save()
    story = at_step(0, title=TITLE, body=[("paragraph", RichText("<p>Mỗi chiều thêm hai chuyến đò.</p>"))])
    ArticleAuthor.objects.create(article=story, author=story.owner.author, sort_order=0)
    story.save_revision(user=story.owner)
    context, first = login(chromium, live_server, editor.username, viewport={"width": 375, "height": 812})
    errors: list[str] = []
    context.on("response", lambda r: errors.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500
               else None)
    try:
        url = f"{live_server.url}/admin/pages/{story.pk}/edit/"
        first.goto(url)
        second = context.new_page()
        second.goto(url)
        if knows:  # the first tab saves a new version as it sends back
            first.get_by_role("textbox", name="Sapo*").press("Control+End")
            first.get_by_role("textbox", name="Sapo*").type(" Chuyến cuối rời bến lúc 18 giờ.")
        send_back(first, "Thiếu giờ chuyến cuối.")
        assert "lại cho" in " ".join(first.locator(".messages").all_inner_texts())
        if knows:
            second.bring_to_front()  # the editor goes back to the second tab: it asks at once
            expect(second.get_by_role("button", name="Bạn đã lưu một phiên bản mới ở cửa sổ khác")).to_be_visible()
        second.get_by_role("button", name="Thao tác khác").click()
        second.locator("footer").get_by_role("button", name="Trả lại phóng viên").click()
        dialog = second.get_by_role("dialog")
        if knows:
            expect(dialog).to_contain_text("Nếu tiếp tục, những thay đổi ở cửa sổ kia sẽ bị ghi đè.")
            second.screenshot(path=str(shot_path("tra-lai-o-the-thu-hai-canh-bao-phien-ban-moi")))
            dialog.get_by_role("button", name="Trả lại phóng viên").click()  # Wagtail's warning goes on with it
        expect(dialog.get_by_role("banner")).to_contain_text("Bài đã rời bước này", timeout=30_000)
        expect(dialog).to_contain_text(f"Bài «{TITLE}» không còn chờ thao tác này")
        second.wait_for_timeout(500)  # the dialog's fade-in
        second.screenshot(path=str(shot_path(f"tra-lai-o-the-thu-hai-{'da-biet' if knows else 'chua-biet'}")))
        with second.expect_navigation():
            dialog.get_by_role("link", name="Tải lại trang").click()
        expect(second.locator(".messages")).to_contain_text("Bài bị trả lại ở bước Ban biên tập, bởi desk_editor")
    finally:
        context.close()
    assert errors == []
    assert PageLogEntry.objects.filter(page=story, action="wagtail.workflow.reject").count() == 1
    if knows:  # Wagtail warned of overwriting: the second tab wrote nothing
        story.refresh_from_db()
        assert story.get_latest_revision_as_object().sapo.endswith(" Chuyến cuối rời bến lúc 18 giờ.")
