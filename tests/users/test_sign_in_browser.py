"""Signing in as a person does, in Chromium: first sign-in sets up the authenticator (the code typed is computed
from the key the screen shows, as a phone app would), the next sign-in asks the code, wrong passwords lock
the account with a Vietnamese page. Screenshots at 375 and 1440 px under ``screenshots/``."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from tests.browser.test_pages import SCREENSHOTS
from tests.newsroom.conftest import PASSWORD, login, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"375": {"width": 375, "height": 812}, "1440": {"width": 1440, "height": 900}}


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in_with_password(browser, live_server, username: str, viewport: dict, password: str = PASSWORD):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    return context, page


@pytest.mark.parametrize("width", list(WIDTHS))
def test_first_sign_in_sets_up_two_factor_then_asks_the_code(chromium, live_server, site_structure, width):
    from toasoan.newsroom.roles import ensure_newsroom

    username = f"phongvien_{width}"
    user = get_user_model().objects.create_user(username, password=PASSWORD, display_name="Lê Thu Hà")
    user.groups.add(next(iter(ensure_newsroom().groups.values())))
    context, page = sign_in_with_password(chromium, live_server, username, WIDTHS[width])
    try:
        shoot(page, f"dang-nhap-{width}")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/xac-thuc-hai-buoc/thiet-lap/**")
        assert page.locator(".two-factor-qr svg").is_visible()
        shoot(page, f"xac-thuc-thiet-lap-{width}")
        secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")
        key = b32decode(secret + "=" * (-len(secret) % 8))
        page.fill("#id_code", totp_code(key))
        page.click("button[type=submit]")
        page.wait_for_selector(".two-factor-codes code")
        codes = page.locator(".two-factor-codes code").all_inner_texts()
        assert len(codes) == 10
        shoot(page, f"xac-thuc-ma-du-phong-{width}")
        page.get_by_role("link", name="Tôi đã cất mã, vào trang quản trị").click()
        page.wait_for_url(f"{live_server.url}/admin/")
    finally:
        context.close()
    # The next sign-in goes through the code form (the shared helper every browser test uses).
    context, page = login(chromium, live_server, username, viewport=WIDTHS[width])
    try:
        assert page.url == f"{live_server.url}/admin/"
    finally:
        context.close()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_passwords_lock_the_account_with_a_vietnamese_page(chromium, live_server, site_structure):
    get_user_model().objects.create_user("bientap_khoa", password=PASSWORD)
    for attempts, (width, viewport) in zip((3, 1), WIDTHS.items(), strict=True):
        # The second browser (another width) is refused at its first try: the account stays locked.
        context, page = sign_in_with_password(chromium, live_server, "bientap_khoa", viewport, password="sai")
        try:
            for _attempt in range(attempts):
                page.fill("#id_password", "sai-mat-khau")
                page.click("button[type=submit]")
                page.wait_for_load_state()
            text = page.locator("main").inner_text()
            assert "Đăng nhập bị tạm khóa" in text and "3 lần" in text
            shoot(page, f"khoa-dang-nhap-{width}")
        finally:
            context.close()
