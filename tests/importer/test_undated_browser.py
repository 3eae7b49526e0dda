"""An editor signs in and finds the story imported without a publication time (Chromium): in the section's page
list, marked «⚠ chưa có ngày giờ đăng» and «Bản nháp», and on its edit screen, the notice saying why."""

from __future__ import annotations

import pytest

from tests.conftest import REPO_ROOT
from tests.importer.test_undated import TITLE, UNDATED, page, run
from tests.newsroom.conftest import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot_path(name: str):
    folder = REPO_ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder / f"importer-{name}.png"


def test_the_desk_sees_the_undated_draft(chromium, live_server, site_structure, django_user_model, tmp_path):
    from toasoan.news.models import ArticlePage

    django_user_model.objects.create_superuser("bientap", "bt@example.vn", PASSWORD)
    _out, err, error = run(page(tmp_path / "khong-ngay.txt", UNDATED), publish=True)
    assert error is None, err
    article = ArticlePage.objects.get(title=TITLE)
    context, browser_page = login(chromium, live_server, "bientap")
    try:
        browser_page.goto(f"{live_server.url}/admin/pages/{article.get_parent().pk}/")
        row = browser_page.locator("tr", has_text=TITLE)
        assert "⚠ chưa có ngày giờ đăng" in row.inner_text()
        assert "bản nháp" in row.inner_text().lower()  # Wagtail's status tag (shown in capitals)
        browser_page.screenshot(path=str(shot_path("bai-khong-ngay-danh-sach")), full_page=True)

        browser_page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
        notice = browser_page.get_by_text("nguồn không ghi ngày giờ đăng, nên được nhập làm bản nháp")
        assert notice.is_visible()
        browser_page.screenshot(path=str(shot_path("bai-khong-ngay-soan-thao")))
    finally:
        context.close()
