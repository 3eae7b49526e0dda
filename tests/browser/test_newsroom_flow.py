"""The review chain in Chromium: reporter writes and submits, desk editor forwards, managing editor forwards,
deputy editor-in-chief approves, the story is on the site. Screenshots of each step in ``screenshots/``."""

from __future__ import annotations

import os

import pytest

from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import (
    PASSWORD,
    login,
    newsroom,  # noqa: F401 - the newsroom fixture
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Thôn Đồng Tâm khánh thành cây cầu treo mới"
SAPO = "Cây cầu dài 86 m giúp học sinh ba thôn không còn phải lội suối mùa mưa."


@pytest.fixture
def accounts(newsroom):  # noqa: F811
    for user in [*newsroom.users.values()]:
        user.set_password(PASSWORD)
        user.save()
    return newsroom


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"newsroom-{name}.png"), full_page=False)


def open_action_menu(page) -> None:
    page.locator(".w-dropdown-button [data-w-dropdown-target='toggle']").last.click()


def workflow_action(page, label: str) -> None:
    """Open the action menu's dropdown and press the workflow button named ``label``."""
    open_action_menu(page)
    page.get_by_role("button", name=label, exact=True).first.click()
    page.wait_for_load_state("networkidle")


def test_story_goes_through_the_chain_and_appears_on_the_site(chromium, live_server, accounts):
    from toasoan.news.models import ArticlePage

    section = accounts.desk_section

    # 1. The reporter writes and submits.
    context, page = login(chromium, live_server, "u_reporter")
    page.goto(f"{live_server.url}/admin/pages/add/news/articlepage/{section.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_sapo", SAPO)
    shot(page, "1-phong-vien-viet-bai")
    open_action_menu(page)
    page.click("button[name='action-submit']")
    page.wait_for_load_state("networkidle")
    shot(page, "2-phong-vien-gui-duyet")
    context.close()
    article = ArticlePage.objects.get(title=TITLE)
    assert article.workflow_in_progress and not article.live

    # 2. The desk editor forwards, 3. the managing editor forwards, 4. the deputy EIC approves.
    for step, (username, label) in enumerate([
        ("u_desk_editor", "Chuyển thư ký tòa soạn"),
        ("u_managing_editor", "Duyệt"),
        ("u_deputy_eic", "Duyệt và đăng"),
    ], start=3):
        context, page = login(chromium, live_server, username)
        shot(page, f"{step}a-{username}-bang-dieu-khien")
        page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
        workflow_action(page, label)
        shot(page, f"{step}b-{username}-da-chuyen")
        context.close()
        article.refresh_from_db()
        expected = {3: "Thư ký tòa soạn", 4: "Duyệt đăng (phó tổng biên tập trực, tổng biên tập)", 5: None}[step]
        current = article.current_workflow_task
        assert (current.name if current else None) == expected, (username, current)

    article.refresh_from_db()
    assert article.live, "the approved story should be live"

    # 5. A reader finds it on the site.
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    response = page.goto(f"{live_server.url}/{article.slug}-{article.pk}.html")
    assert response.status == 200
    assert TITLE in page.content()
    shot(page, "6-ban-doc-thay-bai")
    context.close()
    assert os.path.exists(SCREENSHOTS / "newsroom-6-ban-doc-thay-bai.png")
