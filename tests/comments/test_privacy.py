"""Readers' personal data: export and erasure on request (admin screen and command), and the purge of what is
past its retention, run by the scheduler's passes."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.comments.conftest import READER, approve, post_comment
from tests.newsroom.conftest import refused
from toasoan.comments.models import Comment, CommentLike, Status

pytestmark = pytest.mark.django_db

DATA = "/admin/toa-soan/binh-luan/du-lieu-ban-doc/"


def test_export_and_erase_by_email_in_the_admin(client, desk_story, moderator, newsroom):
    post_comment(client, desk_story)
    post_comment(client, desk_story, body="Ý kiến thứ hai, số liệu 20/12/2026 chưa khớp.", ip="198.51.100.2")
    post_comment(client, desk_story, name="Người khác", email="khac@example.vn", body="Không liên quan")
    client.force_login(newsroom.user("desk_editor"))
    assert refused(client.post(DATA, {"email": READER["email"], "export": "1"}))
    client.force_login(moderator)
    export = client.post(DATA, {"email": "Hoa.Nguyen@Example.vn", "export": "1"})
    assert export["Content-Type"].startswith("application/json") and "attachment" in export["Content-Disposition"]
    data = json.loads(export.content)
    assert [c["body"] for c in data["comments"]] == [READER["body"], "Ý kiến thứ hai, số liệu 20/12/2026 chưa khớp."]
    assert data["comments"][1]["ip"] == "198.51.100.2" and data["comments"][0]["consent_version"]
    assert data["comments"][0]["article"]["title"] == desk_story.title

    unconfirmed = client.post(DATA, {"email": READER["email"], "erase": "1"})
    assert "Đánh dấu ô xác minh trước khi xóa." in unconfirmed.content.decode()
    assert Comment.objects.count() == 3
    erased = client.post(DATA, {"email": READER["email"], "erase": "1", "confirm": "on"}, follow=True)
    assert "Đã xóa 2 bình luận" in erased.content.decode()
    assert list(Comment.objects.values_list("email", flat=True)) == ["khac@example.vn"]


def test_requests_by_email_still_work_after_the_address_was_purged(client, story, settings):
    post_comment(client, story)
    comment = Comment.objects.get()
    approve(comment)
    reply_client = post_comment(client, story, name="An", email="an@example.vn", body="Trả lời chị Hoa",
                                parent=comment.pk)
    assert reply_client.status_code == 302
    Comment.objects.update(created_at=timezone.now() - timedelta(days=400))
    call_command("purge_comment_data", stdout=StringIO())
    comment.refresh_from_db()
    assert comment.email == "" and comment.ip is None and comment.contact_cleared_at is not None
    out = StringIO()
    call_command("comment_reader_data", READER["email"], "--export", stdout=out)
    assert json.loads(out.getvalue())["comments"][0]["body"] == READER["body"]
    out = StringIO()
    call_command("comment_reader_data", READER["email"], "--delete", stdout=out)
    assert "Đã xóa 1 bình luận" in out.getvalue()
    reply = Comment.objects.get()
    assert reply.name == "An" and reply.parent_id is None  # another reader's reply stays


def test_scheduler_pass_purges_expired_personal_data_once_an_hour(client, story, settings):
    from toasoan.newsroom.scheduler import run_due

    settings.TOASOAN_COMMENTS_IP_RETENTION_DAYS = 7
    settings.TOASOAN_COMMENTS_CONTACT_RETENTION_DAYS = 30
    settings.TOASOAN_COMMENTS_REJECTED_RETENTION_DAYS = 14
    now = timezone.now()
    for n in range(3):
        post_comment(client, story, body=f"Ý kiến {n}", email=f"r{n}@example.vn", ip=f"192.0.2.{n}")
    comments = list(Comment.objects.order_by("pk"))
    for comment, days in zip(comments, (3, 10, 40), strict=True):
        Comment.objects.filter(pk=comment.pk).update(created_at=now - timedelta(days=days), status=Status.APPROVED,
                                                    like_count=1)
        CommentLike.objects.create(comment=comment, client_hash=f"k{comment.pk}", created_at=now - timedelta(days=days))
    rejected = comments[1]
    Comment.objects.filter(pk=rejected.pk).update(status=Status.REJECTED, moderated_at=now - timedelta(days=15))

    run_due(now=now)
    fresh, older, oldest = (Comment.objects.filter(pk=c.pk).first() for c in comments)
    assert older is None  # rejected 15 days ago: deleted
    assert fresh.ip == "192.0.2.0" and fresh.email == "r0@example.vn"
    assert oldest.ip is None and oldest.email == "" and oldest.contact_cleared_at == now
    # like rows past the address retention go, the count stays
    assert list(CommentLike.objects.values_list("comment", flat=True)) == [fresh.pk] and oldest.like_count == 1

    post_comment(client, story, body="Mới gửi", email="moi@example.vn", ip="192.0.2.99")
    Comment.objects.filter(email="moi@example.vn").update(created_at=now - timedelta(days=8))
    run_due(now=now)  # within the hour: the purge does not run again
    assert Comment.objects.get(email="moi@example.vn").ip == "192.0.2.99"
