"""The schedule dialog of the page editor on the keyboard alone (Chromium).

Tab from «Giờ lên trang» goes to «Giờ gỡ bài» and then to «Lưu lịch đăng», and no calendar opens over the
dialog on the way (it covered the button); Enter on the button saves both times as typed. A click on a field
still opens its calendar.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.newsroom.conftest import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PICKER = ".xdsoft_datetimepicker:visible"
# Whether the element at the middle of the button is the button (or inside it): nothing is drawn over it.
UNCOVERED_JS = """(button) => {
  const box = button.getBoundingClientRect();
  const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return button === top || button.contains(top);
}"""


def test_schedule_dialog_is_filled_and_saved_with_the_keyboard(chromium, live_server, newsroom, at_step):
    from toasoan.news.models import ArticlePage

    eic = newsroom.user("eic")
    eic.set_password(PASSWORD)
    eic.save()
    story = at_step(2, title="Khai mạc lễ hội hoa ban")
    year = timezone.localtime().year + 1
    go_live, expiry = datetime(year, 12, 20, 15, 0), datetime(year, 12, 27, 8, 30)
    context, page = login(chromium, live_server, eic.username)
    try:
        page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
        page.get_by_role("button", name="Mở hoặc đóng bảng trạng thái").click()
        page.locator("[data-side-panel='status']").get_by_role("button", name="Hẹn giờ").click()
        dialog = page.get_by_role("dialog")
        field = dialog.get_by_role("textbox", name="Giờ lên trang")
        field.click()
        page.locator(PICKER).wait_for()  # a click opens the calendar, as before
        field.press("Control+a")
        field.press_sequentially(go_live.strftime("%d/%m/%Y %H:%M"))
        page.keyboard.press("Tab")
        expire_field = dialog.get_by_role("textbox", name="Giờ gỡ bài")
        assert expire_field.evaluate("(el) => el === document.activeElement")
        page.keyboard.type(expiry.strftime("%d/%m/%Y %H:%M"))
        page.wait_for_timeout(300)  # the picker opened 100 ms after focus
        assert page.locator(PICKER).count() == 0, "a calendar opened on keyboard focus"
        button = dialog.get_by_role("button", name="Lưu lịch đăng")
        assert button.evaluate(UNCOVERED_JS)
        page.keyboard.press("Tab")
        assert button.evaluate("(el) => el === document.activeElement")
        page.screenshot(path=str(shot_path("lich-dang-ban-phim")))
        with page.expect_navigation():
            page.keyboard.press("Enter")
    finally:
        context.close()
    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    assert (saved.go_live_at, saved.expire_at) == (go_live.replace(tzinfo=hanoi), expiry.replace(tzinfo=hanoi))


def shot_path(name: str):
    from tests.conftest import REPO_ROOT

    folder = REPO_ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder / f"newsroom-{name}.png"
