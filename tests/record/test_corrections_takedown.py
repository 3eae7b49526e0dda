"""Corrections and takedowns through the admin forms, as the newsroom's roles do them, and what readers get."""

from __future__ import annotations

import json
import re

import pytest

from tests.newsroom.conftest import refused
from toasoan.record.models import Correction, DepositRecord, Takedown

pytestmark = pytest.mark.django_db

WRONG = "Cầu dài 1.200 m <script>alert('x')</script>"
RIGHT = "Cầu dài 1.020 m, thông xe ngày 25/12 🌉"


@pytest.fixture
def live_story(newsroom, draft, deposit_on, django_capture_on_commit_callbacks):
    page = draft(owner=newsroom.user("reporter"), title="Khánh thành cầu Bến Thủy 3")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=newsroom.user("administrator")).publish(user=newsroom.user("administrator"))
    page.refresh_from_db()
    return page


def _json_ld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_an_editor_attaches_a_correction_readers_see_it_everywhere(
        client, newsroom, live_story, django_capture_on_commit_callbacks):
    editor = newsroom.user("desk_editor")
    client.force_login(editor)
    form_url = f"/admin/luu-chieu/bai/{live_story.pk}/cai-chinh/"
    edit = client.get(f"/admin/pages/{live_story.pk}/edit/").content.decode()
    assert form_url in edit  # the "Cải chính" button of the editor's header
    # Empty or whitespace-only: a Vietnamese message, nothing stored.
    refused = client.post(form_url, {"wrong": "   ", "right": ""})
    assert refused.status_code == 200 and "Hãy ghi nội dung sai" in refused.content.decode()
    assert "Hãy ghi thông tin đúng" in refused.content.decode()
    assert not Correction.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(form_url, {"wrong": WRONG, "right": RIGHT, "apology": "Báo xin lỗi bạn đọc."})
    assert done.status_code == 302
    client.logout()

    story = client.get(live_story.url).content.decode()
    assert "correction-note" in story and "Cầu dài 1.020 m" in story
    assert "<script>alert" not in story and "&lt;script&gt;alert" in story
    corrections = next(node for node in _json_ld(story) if node.get("@type") == "NewsArticle")["correction"]
    assert corrections[0]["@type"] == "CorrectionComment" and "1.020 m" in corrections[0]["text"]

    listing = client.get("/cai-chinh/").content.decode()
    assert "Thông tin cải chính, xin lỗi" in listing
    for part in ("Khánh thành cầu Bến Thủy 3", "Thời sự", "Nội dung sai", "Thông tin đúng", "Báo xin lỗi bạn đọc."):
        assert part in listing
    assert "<script>alert" not in listing
    feed = client.get("/cai-chinh/rss/")
    assert feed.status_code == 200
    assert "Thông tin cải chính, xin lỗi: Khánh thành cầu Bến Thủy 3" in feed.content.decode()

    versions = list(DepositRecord.objects.filter(page_id=live_story.pk).order_by("seq"))
    assert [v.reason for v in versions] == ["publish", "correction"]
    assert "correction-note" not in bytes(versions[0].body).decode()
    assert "Cầu dài 1.020 m" in bytes(versions[1].body).decode()
    assert versions[1].actor == "desk_editor (u_desk_editor)"


@pytest.mark.parametrize("role", ["reporter"])
def test_a_reporter_can_neither_correct_nor_take_down(client, newsroom, live_story, role):
    client.force_login(newsroom.user(role))
    for url in (f"/admin/luu-chieu/bai/{live_story.pk}/cai-chinh/", f"/admin/luu-chieu/bai/{live_story.pk}/go-bai/"):
        assert refused(client.get(url))
        assert refused(client.post(url, {"wrong": "a", "right": "b", "reason": "c"}))
    assert not Correction.objects.exists() and not Takedown.objects.exists()


def test_a_desk_editor_cannot_take_down_nor_correct_another_desk(client, newsroom, live_story, draft):
    client.force_login(newsroom.user("desk_editor"))
    assert refused(client.post(f"/admin/luu-chieu/bai/{live_story.pk}/go-bai/", {"reason": "x"}))
    other = draft(owner=newsroom.outsider, section=newsroom.other_section, title="Giá xăng giảm")
    other.save_revision().publish()
    assert refused(client.post(f"/admin/luu-chieu/bai/{other.pk}/cai-chinh/", {"wrong": "a", "right": "b"}))
    assert not Takedown.objects.exists() and not Correction.objects.exists()


def test_takedown_without_deletion_then_restore(client, newsroom, live_story, django_capture_on_commit_callbacks):
    chief = newsroom.user("eic")
    url = live_story.url
    assert client.get("/moi-nhat/").content.decode().count("Khánh thành cầu Bến Thủy 3") >= 1
    client.force_login(chief)
    form_url = f"/admin/luu-chieu/bai/{live_story.pk}/go-bai/"
    assert "Hãy ghi lý do gỡ bài" in client.post(form_url, {"reason": " \t\x0b "}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_url, {"reason": "Thông tin chưa được kiểm chứng"}).status_code == 302
    assert "Khôi phục bài đã gỡ" in client.get(f"/admin/pages/{live_story.pk}/edit/").content.decode()
    client.logout()

    gone = client.get(url)
    assert gone.status_code == 410
    notice = gone.content.decode()
    assert "Bài viết đã được gỡ" in notice and "Bến Thủy" not in notice
    for listing in ("/moi-nhat/", "/", "/thoi-su/", "/rss/", "/sitemap.xml"):
        response = client.get(listing)
        assert "Khánh thành cầu Bến Thủy 3" not in response.content.decode(), listing
    takedown = Takedown.objects.get()
    assert takedown.taken_by == chief and takedown.reason == "Thông tin chưa được kiểm chứng"
    records = list(DepositRecord.objects.filter(page_id=live_story.pk).order_by("seq"))
    assert [(r.reason, r.status_code) for r in records] == [("publish", 200), ("takedown", 410)]
    assert records[1].note == "Thông tin chưa được kiểm chứng"

    # The inspector still reads the story as it was published.
    from toasoan.record.roles import ensure_record_roles

    inspector = newsroom.users["reporter"].__class__.objects.create_user("thanh_tra", password="x")
    inspector.groups.add(ensure_record_roles())
    client.force_login(inspector)
    assert "Khánh thành cầu Bến Thủy 3" in client.get(f"/admin/luu-chieu/{records[0].seq}/ban-luu/").content.decode()

    client.force_login(chief)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/luu-chieu/bai/{live_story.pk}/khoi-phuc/").status_code == 302
    client.logout()
    assert client.get(url).status_code == 200
    assert DepositRecord.objects.filter(page_id=live_story.pk).latest("seq").reason == "restore"
    from wagtail.models import PageLogEntry

    actions = list(PageLogEntry.objects.filter(page_id=live_story.pk).values_list("action", flat=True))
    assert "toasoan.takedown" in actions and "toasoan.restore" in actions


def test_takedown_answers_404_when_the_paper_prefers(client, newsroom, live_story, settings):
    from toasoan.record.actions import take_down

    settings.TOASOAN_TAKEDOWN_STATUS = 404
    take_down(page=live_story, user=newsroom.user("eic"), reason="Sai sự thật")
    response = client.get(live_story.url)
    assert response.status_code == 404 and "Bài viết đã được gỡ" in response.content.decode()
