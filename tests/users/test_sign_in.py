"""Signing in to the newsroom through the real forms: lockout, the second factor, idle expiry, the secret key."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse

from tests.newsroom.conftest import totp_code
from toasoan.settings.secret_key import refuse_weak_secret_key, weak_secret_key_reason

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-🔑-2026"
LOGIN = "/admin/login/"


@pytest.fixture
def reporter(db):
    from toasoan.home.services import ensure_site_structure

    ensure_site_structure()
    from toasoan.newsroom.roles import ensure_newsroom

    user = get_user_model().objects.create_user("phongvien_ha", password=PASSWORD)
    user.groups.add(next(iter(ensure_newsroom().groups.values())))
    return user


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_per_account_and_per_address_with_a_vietnamese_page(reporter):
    client = Client()
    for _attempt in range(2):
        wrong = sign_in(client, reporter.username, "sai-mat-khau")
        assert wrong.status_code == 200 and "tạm khóa" not in wrong.content.decode()
    locked = sign_in(client, reporter.username, "sai-mat-khau")  # the third wrong password locks
    assert locked.status_code == 429
    locked = sign_in(client, reporter.username, PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Đăng nhập bị tạm khóa" in text and "3 lần" in text and "15 phút" in text
    # The account is locked from another address too, even with the right password ...
    assert sign_in(Client(), reporter.username, PASSWORD, address="10.9.9.9").status_code == 429
    # ... and the address is locked for every account.
    get_user_model().objects.create_user("bientap_bao", password=PASSWORD)
    assert sign_in(Client(), "bientap_bao", PASSWORD).status_code == 429
    # Another account from another address still signs in.
    assert sign_in(Client(), "bientap_bao", PASSWORD, address="10.0.0.2").status_code == 302


def test_first_sign_in_sets_up_the_authenticator_then_every_sign_in_asks_a_code(reporter):
    client = Client()
    assert sign_in(client, reporter.username, PASSWORD).status_code == 302
    # The password alone opens nothing of the admin: first the authenticator is set up.
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor_setup"))
    page = client.get(response.url).content.decode()
    assert "<svg" in page and "Thiết lập xác thực hai bước" in page
    secret = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", page).group(1).replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    wrong = client.post(reverse("two_factor_setup"), {"code": "000000" if totp_code(key) != "000000" else "111111"})
    assert "Mã không đúng" in wrong.content.decode()
    time.sleep(1.1)  # django-otp makes a person wait 1 s after a wrong code (2 s after two, ...)
    done = client.post(reverse("two_factor_setup"), {"code": totp_code(key), "next": "/admin/pages/"})
    codes = re.findall(r"<code>(\d{4}-\d{4})</code>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200

    # Next sign-in: the code form; a wrong code is refused in Vietnamese; a recovery code works once.
    second = Client()
    sign_in(second, reporter.username, PASSWORD)
    response = second.get("/admin/")
    assert response.url.startswith(reverse("two_factor_verify"))
    refused = second.post(reverse("two_factor_verify"), {"code": "12345678"})
    assert "Mã không đúng hoặc đã dùng rồi" in refused.content.decode()
    time.sleep(1.1)
    assert second.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert second.get("/admin/").status_code == 200
    third = Client()
    sign_in(third, reporter.username, PASSWORD)
    assert third.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 200  # used up
    # A password alone cannot register another authenticator on this account.
    assert third.get(reverse("two_factor_setup")).url == reverse("two_factor_verify")


@override_settings(TOASOAN_IDLE_TIMEOUT_MINUTES=30)
def test_idle_session_is_signed_out(reporter):
    client = Client()
    client.force_login(reporter)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["toasoan_last_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert "không hoạt động quá 30 phút" in client.get(response.url).content.decode()
    assert client.get("/admin/").status_code == 302  # signed out for good, not just redirected once


@pytest.mark.parametrize("key", ["", "test-only-not-secret", "django-insecure-" + "k" * 50, "a" * 50,
                                 "ab" * 30, "short-but-random-Zx81"])
def test_production_refuses_weak_secret_keys(key):
    assert weak_secret_key_reason(key)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        refuse_weak_secret_key(key)


def test_production_accepts_a_generated_key():
    import secrets

    assert weak_secret_key_reason(secrets.token_urlsafe(50)) is None
