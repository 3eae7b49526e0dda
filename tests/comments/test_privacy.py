"""Readers' personal data: export and erasure on request (admin screen and command: the reader account goes too,
the comments' text stays anonymised unless the reader asks for it to go), and the purge of what is past its
retention, run by the scheduler's passes."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.comments.conftest import READER, approve, post_comment
from tests.newsroom.conftest import refused
from tests.readers.conftest import PASSWORD, sign_in, sign_up
from toasoan.comments.models import Ban, Comment, CommentLike, Status
from toasoan.readers.models import Reader

pytestmark = pytest.mark.django_db

DATA = "/admin/toa-soan/binh-luan/du-lieu-ban-doc/"


ACCOUNT_EMAIL = "minh.anh@example.vn"
ACCOUNT_BODY = "Đề nghị tỉnh công khai tiến độ từng gói thầu."
PERSONAL = (ACCOUNT_EMAIL, "Minh Anh", "203.0.113.20", "198.51.100.9", "0912345678")


def _reader_with_history(client, story) -> Client:
    """Through the real forms: a reader account (Minh Anh) that signed in, then failed a sign-in once, commented as
    the account, and earlier commented without it from the same address; another reader commented too."""
    reader = Client()
    assert sign_up(reader).status_code == 302
    assert sign_in(reader, ACCOUNT_EMAIL, PASSWORD).status_code == 302
    assert sign_in(Client(), ACCOUNT_EMAIL, "sai-mat-khau", ip="198.51.100.9").status_code == 400
    posted = reader.post(f"/binh-luan/{story.pk}/", {"body": ACCOUNT_BODY}, REMOTE_ADDR="203.0.113.20",
                         HTTP_ACCEPT="application/json")
    assert posted.status_code == 201
    post_comment(Client(), story, name="Minh Anh", email="MINH.ANH@example.vn", ip="198.51.100.9")
    post_comment(Client(), story, name="Người khác", email="khac@example.vn", body="Không liên quan",
                 ip="192.0.2.50")
    return reader


def test_moderator_exports_and_erases_a_reader_account_and_its_comments_in_the_admin(client, desk_story,
                                                                                     moderator, newsroom):
    reader = _reader_with_history(client, desk_story)
    account = Reader.objects.get()
    Reader.objects.filter(pk=account.pk).update(phone="0912345678", phone_verified_at=timezone.now())
    mine = list(Comment.objects.filter(email=ACCOUNT_EMAIL).order_by("pk"))
    for comment in mine:
        approve(comment)
    reply = post_comment(Client(), desk_story, name="An", email="an@example.vn", body="Đồng ý với bạn Minh Anh",
                         parent=mine[0].pk, ip="192.0.2.60")
    assert reply.status_code == 302
    # A moderator bans the address of the account's comment: the ban's label holds the reader's name.
    client.force_login(moderator)
    client.post(f"/admin/toa-soan/binh-luan/{mine[1].pk}/chan/", {"reason": "Thử chặn"})
    assert Ban.objects.filter(label="Minh Anh").exists()

    # Reporters and desk editors: refused, nothing exported or erased.
    for role in ("reporter", "desk_editor"):
        client.force_login(newsroom.user(role))
        assert refused(client.post(DATA, {"email": ACCOUNT_EMAIL, "export": "1"})), role
        assert refused(client.post(DATA, {"email": ACCOUNT_EMAIL, "erase": "1", "confirm": "on"})), role
    assert Reader.objects.filter(pk=account.pk).exists() and Comment.objects.filter(email=ACCOUNT_EMAIL).count() == 2

    client.force_login(moderator)
    export = client.post(DATA, {"email": "Minh.Anh@Example.vn", "export": "1"})
    assert export["Content-Type"].startswith("application/json") and "attachment" in export["Content-Disposition"]
    assert "no-store" in export["Cache-Control"]
    data = json.loads(export.content)
    assert data["account"]["email"] == ACCOUNT_EMAIL and data["account"]["display_name"] == "Minh Anh 🌿"
    assert data["account"]["phone"] == "0912345678" and data["account"]["phone_verified_at"]
    assert [row["ip"] for row in data["account"]["failures_counted"]] == ["198.51.100.9"]
    assert data["account"]["last_sign_in_at"] and data["account"]["consent_version"]
    assert sorted(c["body"] for c in data["comments"]) == sorted([ACCOUNT_BODY, READER["body"]])
    assert {c["reader_account"] for c in data["comments"]} == {True, False}

    unconfirmed = client.post(DATA, {"email": ACCOUNT_EMAIL, "erase": "1"})
    assert "Đánh dấu ô xác minh trước khi xóa." in unconfirmed.content.decode()
    assert Reader.objects.exists()
    erased = client.post(DATA, {"email": "MINH.ANH@example.vn", "erase": "1", "confirm": "on"}, follow=True)
    text = erased.content.decode()
    assert "Đã xóa dữ liệu cá nhân trong 2 bình luận của MINH.ANH@example.vn" in text
    assert "Đã xóa tài khoản bạn đọc của địa chỉ này cùng lịch sử đăng nhập và số điện thoại." in text

    # The account and everything of it are gone; its session cookie signs nobody in.
    assert not Reader.objects.exists()
    assert not any(model.objects.filter(username__startswith="ban-doc:").exists()
                   for model in (AccessAttempt, AccessFailureLog, AccessLog))
    assert reader.get("/binh-luan/tai-khoan/").status_code == 302
    # The comments stay, as text under a neutral name, with nothing that leads back to the reader.
    for comment in mine:
        comment.refresh_from_db()
        assert comment.name == "Bạn đọc" and comment.reader_id is None
        assert (comment.email, comment.phone, comment.ip, comment.email_hash, comment.ip_hash) == ("", "", None, "", "")
    assert sorted(c.body for c in mine) == sorted([ACCOUNT_BODY, READER["body"]])
    assert Comment.objects.get(email="an@example.vn").parent_id == mine[0].pk  # the reply stays in its thread
    assert Comment.objects.get(email="khac@example.vn").name == "Người khác"  # another reader: untouched
    ban = Ban.objects.get(kind=Ban.Kind.EMAIL)
    assert ban.label == ""  # the ban stays (it holds only a keyed hash), without the name
    feed = Client().get(f"/binh-luan/{desk_story.pk}.json").content.decode()
    assert ACCOUNT_BODY in feed and "Minh Anh" not in feed
    again = json.loads(client.post(DATA, {"email": ACCOUNT_EMAIL, "export": "1"}).content)
    assert again["account"] is None and again["comments"] == []
    # The audit trail says who erased which comments, never whose.
    (entry,) = ModelLogEntry.objects.filter(action="toasoan.comment.reader_data_erased")
    assert entry.user_id == moderator.pk and entry.data["count"] == 2 and entry.data["reader_account"] is True
    assert entry.data["text"] == "anonymised"
    assert not any(value in json.dumps(entry.data, ensure_ascii=False) + entry.label for value in PERSONAL)
    # The banned address stays banned after the erasure.
    banned = post_comment(Client(), desk_story, email=ACCOUNT_EMAIL, body="Lại là tôi", ip="192.0.2.99")
    assert banned.status_code == 403


def test_a_reader_may_ask_for_the_text_to_go_too_and_superusers_may_do_it(client, desk_story, newsroom,
                                                                           django_user_model):
    _reader_with_history(client, desk_story)
    admin = django_user_model.objects.create_superuser("u_quan_tri", password="x")
    client.force_login(admin)
    erased = client.post(DATA, {"email": ACCOUNT_EMAIL, "erase": "1", "confirm": "on", "remove_text": "on"},
                         follow=True)
    assert "Đã xóa 2 bình luận của minh.anh@example.vn." in erased.content.decode()
    assert not Reader.objects.exists()
    assert list(Comment.objects.values_list("email", flat=True)) == ["khac@example.vn"]
    entry = ModelLogEntry.objects.get(action="toasoan.comment.reader_data_erased")
    assert entry.data["text"] == "deleted" and entry.user_id == admin.pk


def test_the_command_exports_and_erases_the_account_too(client, story):
    _reader_with_history(client, story)
    out = StringIO()
    call_command("comment_reader_data", "Minh.Anh@example.vn", "--export", stdout=out)
    data = json.loads(out.getvalue())
    assert data["account"]["email"] == ACCOUNT_EMAIL and len(data["comments"]) == 2
    with pytest.raises(CommandError, match="--remove-text chỉ dùng cùng --delete"):
        call_command("comment_reader_data", ACCOUNT_EMAIL, "--export", "--remove-text", stdout=StringIO())
    with pytest.raises(CommandError, match="Địa chỉ thư điện tử không hợp lệ"):
        call_command("comment_reader_data", "khong-phai-dia-chi", "--delete", stdout=StringIO())
    assert Reader.objects.exists()
    out = StringIO()
    call_command("comment_reader_data", ACCOUNT_EMAIL, "--delete", stdout=out)
    assert "Đã xóa dữ liệu cá nhân trong 2 bình luận" in out.getvalue()
    assert "Đã xóa tài khoản bạn đọc của địa chỉ này." in out.getvalue()
    assert not Reader.objects.exists() and not AccessAttempt.objects.exists()
    assert set(Comment.objects.values_list("name", flat=True)) == {"Bạn đọc", "Người khác"}
    out = StringIO()
    call_command("comment_reader_data", ACCOUNT_EMAIL, "--delete", stdout=out)  # nothing left: says so
    assert "trong 0 bình luận" in out.getvalue() and "không có tài khoản bạn đọc" in out.getvalue()


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
    call_command("comment_reader_data", READER["email"], "--delete", "--remove-text", stdout=out)
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
