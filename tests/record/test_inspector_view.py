"""The deposit view through HTTP as each person uses it: the inspector reads, nobody changes or deletes."""

from __future__ import annotations

import re

import pytest

from tests.newsroom.conftest import refused
from toasoan.record.models import DepositRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspector(django_user_model, site_structure):
    from toasoan.record.roles import ensure_record_roles

    group = ensure_record_roles()
    user = django_user_model.objects.create_user("thanh_tra", password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def deposited(publish):
    return publish(title="Giá lúa tăng <script>alert('x')</script> kỷ lục")


def test_inspector_lists_and_opens_a_version_sandboxed(client, inspector, deposited):
    client.force_login(inspector)
    listing = client.get("/admin/luu-chieu/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Giá lúa tăng &lt;script&gt;" in html and "<script>alert" not in html
    record = DepositRecord.objects.get(page_id=deposited.pk)
    detail = client.get(f"/admin/luu-chieu/{record.seq}/")
    assert detail.status_code == 200
    assert record.record_hash in detail.content.decode()
    assert re.search(r'<iframe[^>]+sandbox', detail.content.decode())
    raw = client.get(f"/admin/luu-chieu/{record.seq}/ban-luu/")
    assert raw.status_code == 200
    assert raw["Content-Security-Policy"].startswith("sandbox;")
    assert "script-src" not in raw["Content-Security-Policy"]  # default-src 'none': no script runs
    assert raw["X-Frame-Options"] == "SAMEORIGIN"
    body = raw.content.decode()
    assert deposited.title.replace("<", "&lt;").split("&lt;")[0] in body
    # The stylesheet is the stored copy, through a signed link that works without the admin's cookie.
    stored_css = re.search(r'<link rel="stylesheet" href="(/luu-chieu/tep/[^"]+)"', body).group(1)
    client.logout()
    css = client.get(stored_css)
    assert css.status_code == 200 and "css" in css["Content-Type"]
    assert client.get(stored_css.replace(":", ";", 1)).status_code == 404
    assert client.get("/luu-chieu/tep/1:abc:forged/").status_code == 404


def test_bad_filters_get_a_vietnamese_message(client, inspector, deposited):
    client.force_login(inspector)
    response = client.get("/admin/luu-chieu/", {"tu": "2026-13-45", "trang": "abc", "q": "🌊" * 300})
    assert response.status_code == 200
    assert "Ngày “từ” không hợp lệ" in response.content.decode()
    found = client.get("/admin/luu-chieu/", {"tu": "01/01/2020", "den": "31/12/2099", "trang": str(deposited.pk)})
    assert "Giá lúa tăng" in found.content.decode()


def test_only_the_chief_the_admin_and_the_inspector_read_the_deposit(client, newsroom, deposited):
    record = DepositRecord.objects.get(page_id=deposited.pk)
    urls = ("/admin/luu-chieu/", f"/admin/luu-chieu/{record.seq}/", f"/admin/luu-chieu/{record.seq}/ban-luu/")
    for role in ("reporter", "desk_editor", "managing_editor", "deputy_eic"):
        client.force_login(newsroom.user(role))
        for url in urls:
            response = client.get(url)
            assert refused(response), (role, url)
            assert b"Gi\xc3\xa1 l\xc3\xbaa" not in response.content
    for role in ("eic", "administrator"):
        client.force_login(newsroom.user(role))
        assert all(client.get(url).status_code == 200 for url in urls), role


def test_the_superuser_cannot_delete_or_change_a_record_through_the_admin(client, django_user_model, deposited):
    admin = django_user_model.objects.create_superuser("sep", password="x")
    client.force_login(admin)
    record = DepositRecord.objects.get(page_id=deposited.pk)
    assert client.get(f"/admin/luu-chieu/{record.seq}/").status_code == 200
    for url in (f"/admin/luu-chieu/{record.seq}/", f"/admin/luu-chieu/{record.seq}/ban-luu/", "/admin/luu-chieu/"):
        assert client.post(url, {"title": "Sửa"}).status_code == 405
    assert client.post(f"/admin/luu-chieu/{record.seq}/xoa/").status_code == 404
    assert client.get(f"/admin/snippets/record/depositrecord/delete/{record.pk}/").status_code == 404
    assert DepositRecord.objects.get(seq=record.seq).record_hash == record.record_hash


def test_missing_record_alert_on_the_dashboard(client, inspector, deposit_on, make_article):
    from datetime import timedelta

    from django.utils import timezone

    from toasoan.record.models import DepositRequest

    make_article(title="Chưa kịp lưu")  # not committed in this test: its request stays open
    DepositRequest.objects.update(requested_at=timezone.now() - timedelta(minutes=5), last_error="OSError: disk full")
    client.force_login(inspector)
    html = client.get("/admin/").content.decode()
    assert "Thiếu bản lưu chiểu" in html and "disk full" in html
    from toasoan.record.services import retry_open_requests

    waiting = DepositRequest.objects.filter(done_at__isnull=True).count()
    assert waiting >= 1 and retry_open_requests() == (waiting, 0)
    assert "Thiếu bản lưu chiểu" not in client.get("/admin/").content.decode()
