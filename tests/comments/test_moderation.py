"""The moderation desk through the admin: who may open the queue and see readers' personal data, and the queue's
actions (approve, reject with a reason, edit out, ban) and word list, each through its real view."""

from __future__ import annotations

import pytest

from tests.comments.conftest import READER, post_comment
from tests.newsroom.conftest import refused
from toasoan.comments.models import Ban, BlockedWord, Comment, HeldBecause, Status

pytestmark = pytest.mark.django_db

QUEUE = "/admin/toa-soan/binh-luan/"


@pytest.fixture
def waiting(client, desk_story):
    post_comment(client, desk_story)
    post_comment(client, desk_story, name="Trần Văn Bảy", email="bay.tran@example.vn", ip="198.51.100.23",
                 body="Đường ven biển chậm 14 tháng rồi, ai chịu trách nhiệm?")
    return list(Comment.objects.order_by("pk"))


def test_only_moderators_and_the_roles_above_see_the_queue_and_personal_data(client, newsroom, moderator,
                                                                              waiting, desk_story):
    anonymous = client.get(QUEUE)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url
    edit = f"/admin/pages/{desk_story.pk}/edit/"
    button = f"/admin/toa-soan/binh-luan/?bai={desk_story.pk}"
    for role in ("reporter", "desk_editor"):  # as the permission matrix in docs/newsroom.md says
        client.force_login(newsroom.user(role))
        if role == "desk_editor":  # edits the story, but has no comment desk button
            assert button not in client.get(edit).content.decode()
        assert refused(client.get(QUEUE)), role
        assert refused(client.get(f"{QUEUE}du-lieu-ban-doc/")), role
        assert refused(client.get("/admin/toa-soan/binh-luan/che-do/")), role
        assert refused(client.post(f"{QUEUE}{waiting[0].pk}/duyet/")), role
        assert refused(client.post(f"{QUEUE}{waiting[0].pk}/chan/", {"reason": "thử"})), role
        client.logout()
    waiting[0].refresh_from_db()
    assert waiting[0].status == Status.PENDING and not Ban.objects.exists()
    above = [newsroom.user(role) for role in ("managing_editor", "deputy_eic", "eic", "administrator")]
    for user in (moderator, *above):
        client.force_login(user)
        page = client.get(QUEUE).content.decode()
        assert "hoa.nguyen@example.vn" in page and "198.51.100.23" in page, user
        assert page.index("Nguyễn Thị Hoa") < page.index("Trần Văn Bảy")  # oldest first
        assert "<kbd>a</kbd>" in page and "Phím tắt" in page
        if user == above[0]:  # the story's edit screen leads to its comments in the queue
            assert button in client.get(edit).content.decode()
            assert "2 bình luận đang chờ xử lý" in client.get(button).content.decode()
        client.logout()


def test_approve_reject_edit_out_and_ban_from_the_queue(client, desk_story, moderator, waiting):
    first, second = waiting
    post_comment(client, desk_story, name="<script>alert(1)</script>", body='<img src=x onerror="alert(1)">',
                 email="xss@example.vn", ip="192.0.2.66")
    assert client.get(f"/binh-luan/{desk_story.pk}.json").json()["comments"] == []  # the shared listing, cached
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()  # hostile comments are shown as text
    assert "<img src=x" not in page and "<script>alert(1)" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    response = client.post(f"{QUEUE}{first.pk}/duyet/", follow=True)
    assert "Đã duyệt bình luận của Nguyễn Thị Hoa." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Status.APPROVED and first.moderated_by == moderator
    client.logout()
    feed = client.get(f"/binh-luan/{desk_story.pk}.json").json()
    assert [c["body"] for c in feed["comments"]] == [READER["body"]]

    client.force_login(moderator)
    no_reason = client.post(f"{QUEUE}{second.pk}/tu-choi/", {"reason": "  "}, follow=True)
    assert "Hãy ghi lý do từ chối." in no_reason.content.decode()
    second.refresh_from_db()
    assert second.status == Status.PENDING

    edited = client.post(f"{QUEUE}{second.pk}/bo-doan/", {"phrase": "AI CHỊU"}, follow=True)
    second.refresh_from_db()
    assert second.body == "Đường ven biển chậm 14 tháng rồi, […] trách nhiệm?" and second.edited_by_moderator
    assert "Đã bỏ đoạn đó" in edited.content.decode()
    missing = client.post(f"{QUEUE}{second.pk}/bo-doan/", {"phrase": "không có"}, follow=True)
    assert "Không thấy «không có» trong bình luận." in missing.content.decode()

    client.post(f"{QUEUE}{second.pk}/chan/", {"reason": "Spam nhiều lần"})
    second.refresh_from_db()
    assert second.status == Status.REJECTED and second.reject_reason == "Spam nhiều lần"
    assert set(Ban.objects.values_list("kind", flat=True)) == {"email", "ip"}
    assert "bay.tran@example.vn" not in str(list(Ban.objects.values()))  # only keyed hashes are kept
    client.logout()
    again = post_comment(client, desk_story, name="Bảy", email="BAY.TRAN@example.vn", ip="192.0.2.200",
                         body="Tôi quay lại đây", json=True)
    assert again.status_code == 403 and again.json()["message"].startswith("Bạn không thể gửi bình luận")
    from_address = post_comment(client, desk_story, email="moi@example.vn", ip="198.51.100.23", body="Địa chỉ cũ")
    assert from_address.status_code == 403


def test_editors_manage_the_word_list_in_the_admin(client, desk_story, moderator, newsroom):
    client.force_login(newsroom.user("reporter"))
    assert refused(client.get("/admin/toa-soan/binh-luan/tu-can-loc/"))
    client.force_login(moderator)
    response = client.post("/admin/toa-soan/binh-luan/tu-can-loc/new/", {"phrase": "lừa đảo", "note": "tố cáo"})
    assert response.status_code == 302
    assert BlockedWord.objects.get().phrase == "lừa đảo"
    client.logout()
    post_comment(client, desk_story, body="Cty đó L.Ừ.A  Đ.Ả.O đấy")
    assert Comment.objects.get().held_because == HeldBecause.WORD
