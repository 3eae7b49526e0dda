"""Sign-ins, failures, lockouts, sign-outs and second-factor changes through the real forms, each with the address
it came from (as TrustedProxyMiddleware decided to believe it) and the browser; never a password or a code."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.audit.conftest import all_entries, origin
from tests.newsroom.conftest import totp_code

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/605.1 Tòa-Soạn-thử"


def test_sign_ins_failures_and_sign_out_with_their_address(client, newsroom):
    reporter = newsroom.user("reporter")
    reporter.set_password("mat-khau-dung-123")
    reporter.save()
    login = reverse("wagtailadmin_login")
    failed = client.post(login, {"username": "u_reporter", "password": "sai-🔑"}, REMOTE_ADDR="203.0.113.9",
                         HTTP_USER_AGENT=BROWSER)
    assert failed.status_code == 200
    client.post(login, {"username": "=HYPERLINK(\"x\")ngô-🔑", "password": "doan-mo"}, REMOTE_ADDR="203.0.113.9")
    # Through the trusted front (nginx on 127.0.0.1): its X-Real-IP is the reader's address.
    done = client.post(login, {"username": "u_reporter", "password": "mat-khau-dung-123"},
                       REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7", HTTP_USER_AGENT=BROWSER)
    assert done.status_code == 302
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7")

    entries = all_entries(action__in=["toasoan.login", "toasoan.login_failed", "toasoan.logout"])
    summary = [(e.action, e.label, e.user_id, origin(e).get("ip")) for e in entries]
    assert summary == [
        ("toasoan.login_failed", str(reporter), None, "203.0.113.9"),
        ("toasoan.login_failed", "«=HYPERLINK(\"x\")ngô-🔑» (không có tài khoản này)", None, "203.0.113.9"),
        ("toasoan.login", str(reporter), reporter.pk, "198.51.100.7"),
        ("toasoan.logout", str(reporter), reporter.pk, "198.51.100.7"),
    ]
    assert origin(entries[0])["user_agent"] == BROWSER
    assert all("sai-🔑" not in str(e.data) and "doan-mo" not in str(e.data) for e in entries)  # never a password


def test_a_forged_forwarding_header_from_outside_is_not_believed(client, newsroom):
    client.post(reverse("wagtailadmin_login"), {"username": "u_reporter", "password": "sai"},
                REMOTE_ADDR="192.0.2.44", HTTP_X_REAL_IP="10.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1")
    (entry,) = all_entries(action="toasoan.login_failed")
    assert origin(entry)["ip"] == "192.0.2.44"


def test_a_lockout_is_logged(client, newsroom, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _attempt in range(3):
        client.post(reverse("wagtailadmin_login"), {"username": "u_desk_editor", "password": "sai"},
                    REMOTE_ADDR="203.0.113.20")
    locked = all_entries(action="toasoan.login_locked")
    assert locked and locked[0].label == str(newsroom.user("desk_editor"))
    assert origin(locked[0])["ip"] == "203.0.113.20"


def test_second_factor_set_up_and_a_wrong_code_are_logged(client, newsroom, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.TOASOAN_REQUIRE_2FA = True
    editor = newsroom.user("desk_editor")
    editor.set_password("mat-khau-dung-456")
    editor.save()
    client.post(reverse("wagtailadmin_login"), {"username": "u_desk_editor", "password": "mat-khau-dung-456"},
                REMOTE_ADDR="203.0.113.30")
    setup = reverse("two_factor_setup")
    assert client.get(setup).status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    done = client.post(setup, {"code": totp_code(device.bin_key)}, REMOTE_ADDR="203.0.113.30")
    assert done.status_code == 200 and TOTPDevice.objects.get(pk=device.pk).confirmed
    mine = ModelLogEntry.objects.filter(object_id=str(editor.pk), action__startswith="toasoan.2fa")
    actions = [e.action for e in mine.order_by("timestamp", "pk")]
    assert actions == ["toasoan.2fa_enabled", "toasoan.2fa_recovery_codes"]

    client.post(reverse("wagtailadmin_logout"))
    client.post(reverse("wagtailadmin_login"), {"username": "u_desk_editor", "password": "mat-khau-dung-456"})
    wrong = client.post(reverse("two_factor_verify"), {"code": "000000"}, REMOTE_ADDR="203.0.113.31")
    assert wrong.status_code == 200
    (failed,) = all_entries(action="toasoan.2fa_failed")
    assert failed.user_id == editor.pk and origin(failed)["ip"] == "203.0.113.31"
    assert "000000" not in str(failed.data)
