"""The report (Báo cáo → Nhật ký thao tác): the editor-in-chief and the system administrator filter and download
the whole log; nobody else reads it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from tests.audit.conftest import csv_rows, download
from tests.newsroom.conftest import refused

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REPORT = "/admin/reports/site-history/"


@pytest.fixture
def history(newsroom):
    """Entries on both sides of a Vietnam midnight (15/03/2026 23:30 is 16:30 UTC; 16/03 00:30 is 17:30 UTC)."""
    from toasoan.audit.origin import acting_from

    reporter, desk = newsroom.user("reporter"), newsroom.user("desk_editor")
    late = ModelLogEntry.objects.log_action(
        reporter, "toasoan.login", user=reporter, timestamp=datetime(2026, 3, 15, 23, 30, tzinfo=VN),
        data={"origin": {"via": "web", "ip": "203.0.113.5", "user_agent": "Chrome/140"}})
    early = ModelLogEntry.objects.log_action(
        desk, "toasoan.login", user=desk, timestamp=datetime(2026, 3, 16, 0, 30, tzinfo=VN),
        data={"origin": {"via": "web", "ip": "198.51.100.9", "user_agent": "Safari"}})
    with acting_from({"via": "web", "ip": "192.0.2.1", "user_agent": "=cmd|' /C calc'!A0"}):
        hostile = ModelLogEntry.objects.log_action(
            desk, "toasoan.login_failed", title="=HYPERLINK(\"http://x\")", timestamp=datetime(2026, 3, 20, 9, 0,
                                                                                            tzinfo=VN))
    return late, early, hostile


def test_the_chief_filters_by_day_person_action_object_and_address(client, newsroom, history):
    late, early, _hostile = history
    client.force_login(newsroom.user("eic"))
    page = client.get(REPORT, {"timestamp_from": "15/03/2026", "timestamp_to": "31/03/2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nhật ký thao tác" in html and "203.0.113.5" in html
    # The browser's own string is data for the downloads (column "Trình duyệt"), not English on the screen.
    assert "qua trình duyệt" in html and "Chrome/140" not in html
    results = reverse("wagtailadmin_reports:site_history_results")

    def labels(**params) -> list[str]:
        response = client.get(results, params)
        assert response.status_code == 200
        return [entry.pk for entry in response.context["object_list"]]

    assert labels(timestamp_from="15/03/2026", timestamp_to="15/03/2026") == [late.pk]
    assert labels(timestamp_from="16/03/2026", timestamp_to="16/03/2026") == [early.pk]
    assert labels(user=newsroom.user("desk_editor").pk, action="toasoan.login") == [early.pk]
    assert labels(address="198.51.100") == [early.pk]
    assert labels(object_id=str(newsroom.user("reporter").pk), action="toasoan.login") == [late.pk]
    # A date written month-first (month 15) is refused with a message, not read as another day.
    bad = client.get(REPORT, {"timestamp_from": "03/15/2026"})
    assert bad.status_code == 200 and "timestamp" in bad.context["filters"].errors


def test_csv_for_excel_with_vietnamese_headings_and_safe_cells(client, newsroom, history):
    client.force_login(newsroom.user("administrator"))
    response = client.get(REPORT, {"export": "csv", "timestamp_from": "15/03/2026", "timestamp_to": "20/03/2026"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="nhat-ky-thao-tac-' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert list(rows[0]) == ["Thời điểm (giờ Việt Nam)", "Người thực hiện", "Thao tác", "Nội dung", "Đối tượng",
                             "Loại đối tượng", "Mã đối tượng", "Địa chỉ IP", "Trình duyệt", "Qua",
                             "Chi tiết thay đổi"]
    by_time = {row["Thời điểm (giờ Việt Nam)"]: row for row in rows}
    first = by_time["15/03/2026 23:30:00"]
    assert first["Thao tác"] == "Đăng nhập" and first["Địa chỉ IP"] == "203.0.113.5"
    assert first["Mã đối tượng"] == str(newsroom.user("reporter").pk) and first["Trình duyệt"] == "Chrome/140"
    hostile = by_time["20/03/2026 09:00:00"]
    assert hostile["Đối tượng"] == "'=HYPERLINK(\"http://x\")"  # Excel shows it as text, never runs it
    assert hostile["Trình duyệt"].startswith("'=cmd")
    assert hostile["Thao tác"] == "Đăng nhập thất bại"
    xlsx = client.get(REPORT, {"export": "xlsx"})
    assert xlsx.status_code == 200 and download(xlsx)[:2] == b"PK"


@pytest.mark.parametrize("role", ["reporter", "desk_editor", "managing_editor", "deputy_eic"])
def test_other_roles_cannot_read_or_download_the_log(client, newsroom, history, role):
    client.force_login(newsroom.user(role))
    assert refused(client.get(REPORT))
    assert refused(client.get(reverse("wagtailadmin_reports:site_history_results")))
    export = client.get(REPORT, {"export": "csv"})
    assert refused(export) and b"203.0.113.5" not in download(export)
    menu = client.get("/admin/").content.decode()
    assert REPORT not in menu


def test_the_chief_sees_the_menu_item(client, newsroom):
    client.force_login(newsroom.user("eic"))
    assert REPORT in client.get("/admin/").content.decode()


def test_every_action_has_a_vietnamese_label():
    from django.utils import translation

    with translation.override("vi"):  # every Vietnamese label has at least one letter with a diacritic
        missing = [action for action, label in registry.get_choices() if str(label).isascii()]
    assert missing == []
