"""Sign-ins and failures in the one action log, readable and exportable (CSV) by the system admin."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db


def test_sign_ins_and_failures_are_logged_with_their_address(client, newsroom):
    reporter = newsroom.user("reporter")
    reporter.set_password("mat-khau-dung-123")
    reporter.save()
    failed = client.post("/admin/login/", {"username": "u_reporter", "password": "sai-🔑"}, REMOTE_ADDR="203.0.113.9")
    assert failed.status_code == 200
    client.post("/admin/login/", {"username": "khong-ton-tai", "password": "x"}, REMOTE_ADDR="203.0.113.9")
    done = client.post("/admin/login/", {"username": "u_reporter", "password": "mat-khau-dung-123"},
                       REMOTE_ADDR="198.51.100.7")
    assert done.status_code == 302
    entries = list(ModelLogEntry.objects.filter(action__startswith="toasoan.login").order_by("timestamp"))
    assert [(e.action, e.data.get("ip")) for e in entries] == [
        ("toasoan.login_failed", "203.0.113.9"), ("toasoan.login", "198.51.100.7")]
    assert "sai" not in str(entries[0].data)  # never the password

    client.logout()
    # Wagtail shows a log entry to whoever may view its object: sign-ins (user accounts) to the system admin.
    client.force_login(newsroom.user("administrator"))
    history = client.get("/admin/reports/site-history/", {"action": "toasoan.login_failed"})
    assert history.status_code == 200 and "Đăng nhập thất bại" in history.content.decode()
    export = client.get("/admin/reports/site-history/", {"export": "csv"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert "Đăng nhập thất bại".encode() in content
