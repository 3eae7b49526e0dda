"""A reader's path through the comment form (the page without JavaScript, and the script's JSON posts): valid,
without consent, hostile (script, onerror, 100 KB, flood, homoglyph words), and what the cached story page holds."""

from __future__ import annotations

import json

import pytest

from tests.comments.conftest import READER, approve, post_comment
from toasoan.comments.models import BlockedWord, Comment, CommentPolicy, HeldBecause, Mode, Status

pytestmark = pytest.mark.django_db


def test_valid_comment_waits_for_approval_and_the_reader_is_told(client, story):
    response = post_comment(client, story)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/binh-luan/{story.pk}/?da-gui={comment.pk}#gui-binh-luan"
    assert comment.status == Status.PENDING and comment.held_because == HeldBecause.PREMODERATION
    assert comment.body == READER["body"] and comment.name == "Nguyễn Thị Hoa"
    assert comment.email == "hoa.nguyen@example.vn" and comment.consent_version and comment.consent_at
    assert comment.ip == "203.0.113.7" and len(comment.ip_hash) == 64 and "203.0.113.7" not in comment.ip_hash
    page = client.get(response.url)
    text = page.content.decode()
    assert "Bình luận đang chờ duyệt" in text
    assert READER["body"] not in text  # not shown to anyone before approval
    assert page["Cache-Control"] == "private, no-store"

    again = post_comment(client, story, ip="198.51.100.9")  # the same comment twice
    assert again.status_code == 400
    assert "Bạn vừa gửi đúng bình luận này rồi" in again.content.decode()


def test_missing_consent_is_refused_and_keeps_what_was_typed(client, story):
    response = post_comment(client, story, consent=None)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân" in text
    assert "Mong tỉnh sớm sửa đoạn đường qua xã Tân Lập 🙏" in text  # the textarea keeps the body
    assert 'value="hoa.nguyen@example.vn"' in text
    assert 'aria-invalid="true"' in text and 'role="alert"' in text
    assert not Comment.objects.exists()

    as_json = post_comment(client, story, consent=None, json=True)
    assert as_json.status_code == 400
    assert as_json.json()["errors"]["consent"][0]["message"].startswith("Bạn cần đồng ý")


def test_script_and_onerror_are_stored_as_text_and_never_run(client, story):
    hostile = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1"> "quote" & <b>đậm</b>'
    post_comment(client, story, body=hostile, name='<img src=x onerror=alert(1)>Hùng')
    comment = Comment.objects.get()
    assert comment.body == hostile  # kept as the reader wrote it: plain text
    approve(comment)
    page = client.get(f"/binh-luan/{story.pk}/").content.decode()
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=" in page
    feed = client.get(f"/binh-luan/{story.pk}.json").json()
    assert feed["comments"][0]["body"] == hostile  # the script writes it with textContent (browser test)


def test_100_kb_body_is_refused_with_the_limit_and_kept(client, story):
    body = "Ý kiến rất dài. " * 6400  # ≈ 100 KB of UTF-8
    assert len(body.encode()) > 100_000
    response = post_comment(client, story, body=body)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Bình luận dài quá 2000 ký tự (bạn đã viết" in text
    assert not Comment.objects.exists()
    as_json = post_comment(client, story, body=body, json=True)
    assert "Bình luận dài quá" in as_json.json()["errors"]["body"][0]["message"]


def test_flood_from_one_client_is_refused_with_a_vietnamese_wait(client, story, settings):
    settings.TOASOAN_COMMENTS_RATE_CLIENT = "3/600"
    codes = [post_comment(client, story, body=f"Ý kiến số {n}: đồng ý với đại biểu.",
                          email=f"ban-doc-{n}@example.vn").status_code for n in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    response = post_comment(client, story, body="Lần thứ sáu", email="khac@example.vn", json=True)
    assert response.status_code == 429
    assert "Bạn gửi bình luận quá nhanh. Vui lòng chờ khoảng" in response.json()["message"]
    assert Comment.objects.count() == 3
    # another client (address) is not held back by this one
    other = post_comment(client, story, body="Từ máy khác", email="may-khac@example.vn", ip="198.51.100.4")
    assert other.status_code == 302

    # One email address from many addresses is limited too.
    settings.TOASOAN_COMMENTS_RATE_EMAIL = "2/3600"
    codes = [post_comment(client, story, body=f"Ý kiến {n}", ip=f"198.51.100.{n + 10}").status_code for n in range(3)]
    assert codes == [302, 302, 429]


DISGUISED = [
    "Bài viết như đ.m, chán",  # dots between the letters
    "Bài viết như đ m chán",  # a space
    "Bài viết như đmmmm chán",  # stretched
    "Bài viết như \u0111\u200bm chán",  # zero-width space inside
    "Bài viết như dм chán",  # Cyrillic м
    "Bài viết như ＤＭ chán",  # full-width (NFKC)
    "Công ty này lừ\u0430 đả\u043e, đừng tin!",  # Cyrillic а and о inside "lừa đảo"
    "Công ty này L.Ừ.A Đ.Ả.O",
]


def test_homoglyph_and_spacing_tricks_are_held(client, story):
    BlockedWord.objects.create(phrase="đm")
    BlockedWord.objects.create(phrase="lừa đảo")
    CommentPolicy.objects.create(page=story, mode=Mode.POST)  # would be shown at once without the filter
    for n, disguised in enumerate(DISGUISED):
        response = post_comment(client, story, body=disguised, email=f"thu-{n}@example.vn", ip=f"192.0.2.{n}",
                                json=True)
        assert response.status_code == 201, disguised
        comment = Comment.objects.latest("pk")
        assert (comment.status, comment.held_because) == (Status.PENDING, HeldBecause.WORD), disguised
        assert response.json()["message"].startswith("Cảm ơn bạn! Bình luận đang chờ duyệt")
    # A word that only contains a listed one passes ("dm" is not in "admin").
    post_comment(client, story, body="Trang admin của xã đã cập nhật đủ 12 thủ tục.", email="x@example.vn",
                 ip="192.0.2.80", json=True)
    assert Comment.objects.latest("pk").status == Status.APPROVED


def test_links_are_held(client, story):
    CommentPolicy.objects.create(page=story, mode=Mode.POST)
    links = ["Xem thêm tại https://lua-dao.example.com/khuyen-mai", "vào www.vaytien.vn ngay",
             "nhắn zalo vaytien . com nhé", "trang vaytien[.]net"]
    for n, link in enumerate(links):
        post_comment(client, story, body=link, email=f"link-{n}@example.vn", ip=f"192.0.2.{n}")
        comment = Comment.objects.latest("pk")
        assert (comment.status, comment.held_because) == (Status.PENDING, HeldBecause.LINK), link


def test_post_moderation_shows_at_once_and_closed_refuses(client, story, section):
    CommentPolicy.objects.create(page=section, mode=Mode.POST)  # the section's rule
    post_comment(client, story, json=True)
    assert Comment.objects.get().status == Status.APPROVED
    assert client.get(f"/binh-luan/{story.pk}.json").json()["comments"][0]["body"] == READER["body"]
    CommentPolicy.objects.create(page=story, mode=Mode.CLOSED)  # the story's own rule wins
    response = post_comment(client, story, body="Thêm một ý", json=True)
    assert response.status_code == 403 and response.json()["message"] == "Bài viết này đã đóng bình luận."
    assert client.get(f"/binh-luan/{story.pk}.json").json()["open"] is False


def test_reply_is_one_level_and_likes_and_reports_are_once_per_client(client, story):
    post_comment(client, story)
    first = Comment.objects.get()
    approve(first)
    post_comment(client, story, body="Đồng ý, đoạn đó ngập cả tuần.", parent=first.pk, email="an@example.vn")
    reply = Comment.objects.get(parent=first)
    approve(reply)
    post_comment(client, story, body="Trả lời tiếp", parent=reply.pk, email="binh@example.vn")
    assert Comment.objects.get(body="Trả lời tiếp").parent_id == first.pk  # joined the thread, not nested

    like = lambda ip: client.post(f"/binh-luan/y-kien/{first.pk}/thich/", REMOTE_ADDR=ip,  # noqa: E731
                                  HTTP_ACCEPT="application/json").json()
    assert like("203.0.113.50") == {"ok": True, "likes": 1, "message": ""}
    assert like("203.0.113.50")["ok"] is False  # the same client again
    assert like("203.0.113.51")["likes"] == 2
    feed = client.get(f"/binh-luan/{story.pk}.json").json()
    assert feed["comments"][0]["likes"] == 2 and feed["comments"][0]["replies"][0]["body"].startswith("Đồng ý")

    for n in range(3):  # three different readers report it: hidden until a moderator looks
        client.post(f"/binh-luan/y-kien/{reply.pk}/bao-cao/", {"reason": "xúc phạm"}, REMOTE_ADDR=f"192.0.2.{n}")
    reply.refresh_from_db()
    assert reply.report_count == 3 and reply.status == Status.PENDING and reply.held_because == HeldBecause.REPORTS


def test_story_page_is_the_same_for_every_reader_and_links_the_comments(client, story):
    post_comment(client, story)
    comment = Comment.objects.get()
    approve(comment)
    html = client.get(story.canonical_path()).content.decode()
    assert f'data-comments-feed="/binh-luan/{story.pk}.json"' in html
    assert f'href="/binh-luan/{story.pk}/"' in html  # readers without JavaScript
    assert READER["body"] not in html and "csrfmiddlewaretoken\" value=\"\"" in html
    feed = client.get(f"/binh-luan/{story.pk}.json", {"cua-toi": f"{comment.pk},999999"})
    assert feed["Cache-Control"] == "private, no-store"
    data = json.loads(feed.content)
    assert data["mine"] == {str(comment.pk): "approved"} and data["csrf"]
    assert "email" not in json.dumps(data["comments"]) and "203.0.113" not in feed.content.decode()

    story.unpublish()  # an unpublished story takes no comments and shows none
    assert client.get(f"/binh-luan/{story.pk}.json").status_code == 404
    assert post_comment(client, story, body="Sau khi gỡ").status_code == 404


def test_phone_verification_through_the_console_adapter(client, story, settings, caplog):
    settings.TOASOAN_COMMENTS_PHONE_VERIFIER = "console"
    page = client.get(f"/binh-luan/{story.pk}/").content.decode()
    assert "Số điện thoại di động (không hiển thị)" in page and "Gửi mã xác thực" in page
    wrong = post_comment(client, story, phone="0912 345 67")
    assert "Số điện thoại di động không hợp lệ" in wrong.content.decode()
    no_code = post_comment(client, story, phone="+84 912 345 678")
    assert "Hãy bấm «Gửi mã» rồi nhập mã xác thực" in no_code.content.decode()
    with caplog.at_level("INFO", logger="toasoan.comments.phone"):
        sent = post_comment(client, story, phone="0912.345.678", send_code="1")
    assert "Đã gửi mã xác thực đến số 0912345678." in sent.content.decode()
    assert READER["body"] in sent.content.decode()  # what was typed is kept
    code = caplog.records[-1].getMessage().rsplit(" ", 1)[-1]
    assert len(code) == 6 and code.isdigit()
    bad = post_comment(client, story, phone="0912345678", code="000000" if code != "000000" else "111111")
    assert "Mã xác thực không đúng hoặc đã hết hạn." in bad.content.decode()
    assert post_comment(client, story, phone="0912345678", code=code).status_code == 302
    comment = Comment.objects.get()
    assert comment.phone == "0912345678" and comment.phone_verified
