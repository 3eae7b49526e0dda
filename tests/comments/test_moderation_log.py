"""The moderation desk in the audit trail: each action a moderator takes through the queue's real forms, and the
hiding of a comment readers reported, is one entry with who, when, which comment and what changed (before → after);
the editor-in-chief reads them in Báo cáo → Nhật ký thao tác; the moderator, who may not read the log, cannot; no
entry keeps the reader's name, text, email or address."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.audit.conftest import origin
from tests.comments.conftest import post_comment
from tests.newsroom.conftest import refused
from toasoan.comments.models import Comment, Status

pytestmark = pytest.mark.django_db

QUEUE = "/admin/toa-soan/binh-luan/"
REPORT = "/admin/reports/site-history/"
DESK = "203.0.113.50"
PERSONAL = ("Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "Trần Văn Bảy", "bay.tran@example.vn", "198.51.100.23",
            "203.0.113.7", "192.0.2.", "0912 345 678", "Mong tỉnh")


def entries(action: str) -> list:
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


def test_every_moderation_from_the_queue_is_logged_with_what_changed(client, newsroom, desk_story, moderator):
    post_comment(client, desk_story)
    post_comment(client, desk_story, name="Trần Văn Bảy", email="bay.tran@example.vn", ip="198.51.100.23",
                 body="Gọi tôi 0912 345 678, đường chậm 14 tháng rồi, ai chịu trách nhiệm?")
    post_comment(client, desk_story, name="=HYPERLINK(\"x\")", email="x@example.vn", ip="192.0.2.9",
                 body="<script>alert(1)</script> quảng cáo")
    hoa, bay, hostile = Comment.objects.order_by("pk")
    client.force_login(moderator)
    at = {"REMOTE_ADDR": DESK, "HTTP_USER_AGENT": "Firefox/141 (bàn kiểm duyệt)"}
    assert client.post(f"{QUEUE}{hoa.pk}/duyet/", **at).status_code == 302
    assert client.post(f"{QUEUE}{bay.pk}/tu-choi/", {"reason": "  "}, **at).status_code == 302  # refused: no reason
    assert client.post(f"{QUEUE}{bay.pk}/bo-doan/", {"phrase": "0912 345 678"}, **at).status_code == 302
    assert client.post(f"{QUEUE}{bay.pk}/tu-choi/", {"reason": "Lạc đề <b>"}, **at).status_code == 302
    assert client.post(f"{QUEUE}{hostile.pk}/chan/", {"reason": "Quảng cáo"}, **at).status_code == 302

    (approval,) = entries("toasoan.comment.approve")
    assert approval.user_id == moderator.pk and approval.object_id == str(hoa.pk)
    assert approval.data["changes"] == {"status": ["pending", "approved"]}
    assert approval.label == f"Bình luận #{hoa.pk} — «{desk_story.title}»"
    assert origin(approval) == {"via": "web", "ip": DESK, "user_agent": "Firefox/141 (bàn kiểm duyệt)"}
    (rejection,) = entries("toasoan.comment.reject")  # the refused attempt (no reason) left nothing
    assert rejection.data["changes"] == {"status": ["pending", "rejected"], "reject_reason": ["", "Lạc đề <b>"]}
    (cut,) = entries("toasoan.comment.edit_out")
    bay.refresh_from_db()
    assert cut.data["changes"] == {"edited_by_moderator": [False, True]} and cut.data["cuts"] == 1
    before_length = len("Gọi tôi 0912 345 678, đường chậm 14 tháng rồi, ai chịu trách nhiệm?")
    assert cut.data["body"]["length"] == [before_length, len(bay.body)]
    from toasoan.comments.moderation_log import fingerprint

    assert cut.data["body"]["fingerprint"][1] == fingerprint(bay.body) != cut.data["body"]["fingerprint"][0]
    (ban,) = entries("toasoan.comment.ban")
    assert ban.data["changes"] == {"status": ["pending", "rejected"], "reject_reason": ["", "Quảng cáo"]}
    assert {b["kind"] for b in ban.data["bans"]} == {"email", "ip"} and ban.data["reason"] == "Quảng cáo"
    assert ban.data["rejected"] == [{"comment": hostile.pk, "status": ["pending", "rejected"]}]
    logged = [approval, rejection, cut, ban]
    for entry in logged:
        assert entry.user_id == moderator.pk and origin(entry)["ip"] == DESK
        assert not any(value in str(entry.data) + entry.label for value in PERSONAL), entry.action

    # The moderator may not read the log; the editor-in-chief finds each action, with before → after, on screen.
    assert refused(client.get(REPORT))
    client.force_login(newsroom.user("eic"))
    page = client.get(REPORT, {"user": moderator.pk}).content.decode()
    assert "Từ chối bình luận" in page and "Chờ duyệt → Đã duyệt" in page
    assert "lý do từ chối: — → «Lạc đề &lt;b&gt;»" in page and "Lạc đề <b>" not in page
    assert "bỏ 1 chỗ, độ dài" in page and "Chặn người gửi bình luận" in page and DESK in page
    found = client.get(reverse("wagtailadmin_reports:site_history_results"), {"action": "toasoan.comment.ban"})
    assert [entry.pk for entry in found.context["object_list"]] == [ban.pk]
    csv = client.get(REPORT, {"export": "csv", "action": "toasoan.comment.reject"})
    assert "Lạc đề <b>" in b"".join(csv.streaming_content).decode("utf-8-sig")


def test_readers_reports_hide_a_comment_as_the_system_and_a_moderator_keeps_it(client, newsroom, desk_story,
                                                                              moderator):
    post_comment(client, desk_story)
    comment = Comment.objects.get()
    client.force_login(moderator)
    client.post(f"{QUEUE}{comment.pk}/duyet/")
    client.logout()
    for n in range(3):  # three readers report it: the rule hides it until a moderator looks
        client.post(f"/binh-luan/y-kien/{comment.pk}/bao-cao/", {"reason": "xúc phạm"}, REMOTE_ADDR=f"192.0.2.{n}")
    (hidden,) = entries("toasoan.comment.hidden_by_reports")
    assert hidden.user_id is None and origin(hidden) == {"via": "system"}  # no reporter's address in the log
    assert hidden.data["changes"] == {"status": ["approved", "pending"], "held_because": ["premoderation", "reports"]}

    client.force_login(moderator)
    client.post(f"{QUEUE}{comment.pk}/duyet/", REMOTE_ADDR=DESK)
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED and not comment.flagged
    (kept,) = entries("toasoan.comment.keep_reported")
    assert kept.user_id == moderator.pk
    assert kept.data["changes"] == {"status": ["pending", "approved"], "flagged": [True, False]}
    client.force_login(newsroom.user("eic"))
    page = client.get(REPORT, {"action": "toasoan.comment.hidden_by_reports"}).content.decode()
    assert "Tự ẩn bình luận bị báo cáo" in page and "Đã duyệt → Chờ duyệt" in page


def test_a_readers_data_exported_and_erased_on_request_is_logged_without_their_address(client, newsroom,
                                                                                        desk_story, moderator):
    from io import StringIO

    from django.core.management import call_command

    from toasoan.audit.origin import acting_from, for_command

    post_comment(client, desk_story)
    post_comment(client, desk_story, body="Một ý kiến nữa về đoạn đường ven biển.")
    ids = sorted(Comment.objects.values_list("pk", flat=True))
    client.force_login(moderator)
    data = f"{QUEUE}du-lieu-ban-doc/"
    assert client.post(data, {"email": "Hoa.Nguyen@Example.vn", "export": "1"}, REMOTE_ADDR=DESK).status_code == 200
    assert client.post(data, {"email": "hoa.nguyen@example.vn", "erase": "1"}).status_code == 200  # not confirmed
    assert not entries("toasoan.comment.reader_data_erased")
    client.post(data, {"email": "hoa.nguyen@example.vn", "erase": "1", "confirm": "on"}, REMOTE_ADDR=DESK, follow=True)
    assert set(Comment.objects.values_list("name", "email")) == {("Bạn đọc", "")}  # kept, anonymised
    (exported,) = entries("toasoan.comment.reader_data_exported")
    (erased,) = entries("toasoan.comment.reader_data_erased")
    for entry in (exported, erased):
        assert entry.user_id == moderator.pk and origin(entry)["ip"] == DESK
        assert entry.data["comments"] == ids and entry.data["count"] == 2
        assert not any(value in str(entry.data) + entry.label for value in PERSONAL), entry.action
    with acting_from(for_command("comment_reader_data")):  # `toasoan comment_reader_data EMAIL --delete`
        call_command("comment_reader_data", "ai.do@example.vn", "--delete", stdout=StringIO())
    (_first, by_command) = entries("toasoan.comment.reader_data_erased")
    assert by_command.user_id is None and by_command.data["count"] == 0
    assert origin(by_command)["command"] == "comment_reader_data"
    client.force_login(newsroom.user("eic"))
    page = client.get(REPORT, {"action": "toasoan.comment.reader_data_erased"}).content.decode()
    assert "Xóa dữ liệu bình luận theo yêu cầu bạn đọc" in page and f"2 bình luận: #{ids[0]}, #{ids[1]}" in page
    assert "nội dung bình luận giữ lại, ẩn danh" in page
    assert "hoa.nguyen" not in page.lower()
