"""In Chromium: an editor corrects a live story, the editor-in-chief takes another down, the inspector reads the
deposit, the editor-in-chief finds the takedown in the audit trail.
Screenshots at 375 and 1440 px in ``screenshots/`` (record-*.png)."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"375": {"width": 375, "height": 812}, "1440": {"width": 1440, "height": 900}}


def shots(page, name: str, *, selector: str | None = None) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(400)  # let the page (and the deposit's frame) lay out at the new width
        if selector:
            page.locator(selector).first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"record-{name}-{label}.png"), full_page=False)


@pytest.fixture
def accounts(newsroom, deposit_on, django_user_model):
    from toasoan.record.roles import ensure_record_roles

    for user in newsroom.users.values():
        user.set_password(PASSWORD)
        user.save()
    inspector = django_user_model.objects.create_user("thanh_tra", password=PASSWORD, display_name="Thanh tra Sở")
    inspector.groups.add(ensure_record_roles())
    return newsroom


def test_correction_takedown_and_inspector_in_the_browser(chromium, live_server, accounts, draft):
    from toasoan.record.models import DepositRecord

    admin = accounts.user("administrator")
    story = draft(owner=accounts.user("reporter"), title="Tỉnh khánh thành cầu Bến Thủy 3 dài 1.200 m",
                  sapo="Cây cầu nối hai bờ sông Lam thông xe sáng 25/12.")
    story.save_revision(user=admin).publish(user=admin)
    false_item = draft(owner=accounts.user("reporter"), title="Tin đồn nâng giá điện từ tháng sau",
                       sapo="Một nguồn tin chưa kiểm chứng.")
    false_item.save_revision(user=admin).publish(user=admin)
    story.refresh_from_db()
    false_item.refresh_from_db()

    # The desk editor corrects the live story from its editor header.
    context, page = login(chromium, live_server, "u_desk_editor")
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.goto(f"{live_server.url}/admin/luu-chieu/bai/{story.pk}/cai-chinh/")
    page.get_by_role("button", name="Đăng cải chính").click()
    page.get_by_text("Hãy ghi nội dung sai cần cải chính.").wait_for(timeout=15000)
    page.fill("#id_wrong", "Cầu dài 1.200 m")
    page.fill("#id_right", "Cầu dài 1.020 m")
    page.fill("#id_apology", "Tòa soạn xin lỗi bạn đọc và ban quản lý dự án.")
    page.get_by_role("button", name="Đăng cải chính").click()
    page.wait_for_load_state("networkidle")
    context.close()

    reader = chromium.new_context(locale="vi-VN")
    page = reader.new_page()
    page.goto(f"{live_server.url}{story.url}")
    page.locator(".correction-note").wait_for(timeout=15000)
    shots(page, "cai-chinh-tren-bai", selector=".correction-note")
    page.goto(f"{live_server.url}/cai-chinh/")
    page.get_by_role("heading", name="Thông tin cải chính, xin lỗi").first.wait_for(timeout=15000)
    shots(page, "muc-cai-chinh")

    # The editor-in-chief takes the false item down.
    chief_context, chief = login(chromium, live_server, "u_eic")
    chief.goto(f"{live_server.url}/admin/pages/{false_item.pk}/edit/")
    chief.goto(f"{live_server.url}/admin/luu-chieu/bai/{false_item.pk}/go-bai/")
    chief.fill("#id_reason", "Thông tin chưa được kiểm chứng")
    chief.get_by_role("button", name="Gỡ bài khỏi trang").click()
    chief.wait_for_load_state("networkidle")
    chief_context.close()
    response = page.goto(f"{live_server.url}{false_item.url}")
    assert response.status == 410
    page.get_by_role("heading", name="Bài viết đã được gỡ").wait_for(timeout=15000)
    shots(page, "go-bai")
    reader.close()

    # The inspector reads the false item as it was published, sandboxed.
    context, page = login(chromium, live_server, "thanh_tra")
    first = DepositRecord.objects.filter(page_id=false_item.pk).order_by("seq").first()
    page.goto(f"{live_server.url}/admin/luu-chieu/")
    page.get_by_role("link", name="Tin đồn nâng giá điện từ tháng sau").first.wait_for(timeout=15000)
    shots(page, "thanh-tra-danh-sach")
    page.goto(f"{live_server.url}/admin/luu-chieu/{first.seq}/")
    frame = page.frame_locator("iframe.record-frame")
    frame.get_by_role("heading", name="Tin đồn nâng giá điện từ tháng sau").wait_for(timeout=15000)
    page.locator("iframe.record-frame").scroll_into_view_if_needed()
    shots(page, "thanh-tra-ban-luu", selector="iframe.record-frame")
    context.close()

    # The editor-in-chief reads the takedown in the audit trail (Báo cáo → Nhật ký thao tác), filtered to today.
    from django.utils import timezone

    today = timezone.localdate().strftime("%d/%m/%Y")
    context, page = login(chromium, live_server, "u_eic")
    page.goto(f"{live_server.url}/admin/reports/site-history/?action=toasoan.takedown&timestamp_from={today}"
              f"&timestamp_to={today}")
    row = page.locator("table.listing tbody tr").filter(has_text="Tin đồn nâng giá điện từ tháng sau").first
    row.wait_for(timeout=15000)
    assert "127.0.0.1" in row.inner_text() and "Đã gỡ bài" in row.inner_text()
    shots(page, "nhat-ky-thao-tac", selector="table.listing")
    context.close()
