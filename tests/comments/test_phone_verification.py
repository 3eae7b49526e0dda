"""Phone verification of commenters (COMMENTS_PHONE_VERIFIER, here the console adapter) through the comment form:
a reader account verifies its number once and comments without a new code until the number is removed or the
verification ages out (READERS_PHONE_VERIFIED_DAYS); a commenter without an account verifies each comment. Hostile
inputs: wrong, expired, reused and other people's codes, too many tries and codes, numbers in odd formats."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.comments.conftest import READER, post_comment
from tests.readers.conftest import sign_up
from toasoan.comments import phone
from toasoan.comments.models import Comment
from toasoan.readers.models import Reader

pytestmark = pytest.mark.django_db

NUMBER = "0912345678"
WRONG = "Mã xác thực không đúng hoặc đã hết hạn."
ASK_CODE = "Hãy bấm «Gửi mã» rồi nhập mã xác thực nhận được qua tin nhắn."
ASK_NUMBER = "Hãy nhập số điện thoại để nhận mã xác thực."
VERIFIED = "Số điện thoại của tài khoản đã được xác thực:"


@pytest.fixture
def verification(settings):
    settings.TOASOAN_COMMENTS_PHONE_VERIFIER = "console"
    settings.TOASOAN_COMMENTS_RATE_CLIENT = "50/600"
    settings.TOASOAN_READERS_RATE_SIGNUP = "20/3600"


def send_code(client, story, number: str, caplog, **fields) -> str:
    """Press «Gửi mã xác thực» on the form; the code the console adapter wrote to the log."""
    ip = fields.pop("ip", "203.0.113.20")
    with caplog.at_level("INFO", logger="toasoan.comments.phone"):
        caplog.clear()
        answer = client.post(f"/binh-luan/{story.pk}/", {**fields, "phone": number, "send_code": "1"},
                             REMOTE_ADDR=ip)
    assert answer.status_code == 200
    sent = [r.getMessage() for r in caplog.records if r.name == "toasoan.comments.phone"]
    return sent[-1].rsplit(" ", 1)[-1] if sent else ""


def as_account(client, story, body: str, **fields):
    return client.post(f"/binh-luan/{story.pk}/", {"body": body, **fields}, REMOTE_ADDR="203.0.113.20")


def other(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_an_account_verifies_its_number_once_until_it_is_removed_or_ages_out(client, story, verification, caplog,
                                                                             settings):
    sign_up(client)
    page = client.get(f"/binh-luan/{story.pk}/").content.decode()
    assert "Số điện thoại di động (không hiển thị)" in page and VERIFIED not in page
    assert ASK_NUMBER in as_account(client, story, "Chưa có mã").content.decode()

    code = send_code(client, story, "+84 912 345 678", caplog)  # the same number as 0912345678
    assert len(code) == 6 and code.isdigit()
    assert WRONG in as_account(client, story, "Mã sai", phone=NUMBER, code=other(code)).content.decode()
    done = as_account(client, story, "Ý kiến đầu tiên, đã xác thực.", phone="0912 345 678", code=code)
    assert done.status_code == 302
    reader = Reader.objects.get()
    assert reader.phone == NUMBER and reader.phone_verified_at is not None
    first = Comment.objects.get()
    assert first.phone == NUMBER and first.phone_verified and first.reader_id == reader.pk

    # The next comments: no number, no code; the form and the feed say the number is verified (masked).
    page = client.get(f"/binh-luan/{story.pk}/").content.decode()
    assert VERIFIED in page and "09•••••678" in page and 'name="code"' not in page and "Gửi mã xác thực" not in page
    feed = json.loads(client.get(f"/binh-luan/{story.pk}.json").content)
    assert feed["account"]["phone"] == "09•••••678" and NUMBER not in json.dumps(feed)
    again = client.post(f"/binh-luan/{story.pk}/", {"body": "Ý kiến thứ hai, không cần mã."},
                        REMOTE_ADDR="203.0.113.20", HTTP_ACCEPT="application/json")
    assert again.status_code == 201 and json.loads(again.content)["phone"] == "09•••••678"
    second = Comment.objects.latest("pk")
    assert second.phone == NUMBER and second.phone_verified

    # Aged out: a code again, then kept again.
    Reader.objects.filter(pk=reader.pk).update(phone_verified_at=timezone.now() - timedelta(days=181))
    assert ASK_NUMBER in as_account(client, story, "Sau sáu tháng").content.decode()
    code = send_code(client, story, NUMBER, caplog)
    assert as_account(client, story, "Sau sáu tháng, đã xác thực lại", phone=NUMBER, code=code).status_code == 302
    assert VERIFIED in client.get(f"/binh-luan/{story.pk}/").content.decode()
    settings.TOASOAN_READERS_PHONE_VERIFIED_DAYS = 0  # the paper wants a code for every comment
    assert ASK_NUMBER in as_account(client, story, "Mỗi lần một mã").content.decode()
    settings.TOASOAN_READERS_PHONE_VERIFIED_DAYS = 180

    # The reader removes the number on the account page (POST only): the next comment asks for one again.
    assert client.get("/binh-luan/tai-khoan/xoa-so-dien-thoai/").status_code == 405
    account = client.get("/binh-luan/tai-khoan/").content.decode()
    assert NUMBER in account and "Xóa số điện thoại" in account
    removed = client.post("/binh-luan/tai-khoan/xoa-so-dien-thoai/", follow=True)
    assert "Đã xóa số điện thoại khỏi tài khoản." in removed.content.decode()
    reader.refresh_from_db()
    assert reader.phone == "" and reader.phone_verified_at is None
    assert ASK_NUMBER in as_account(client, story, "Sau khi xóa số").content.decode()
    # Another number needs its own code.
    code = send_code(client, story, "0987 654 321", caplog)
    assert as_account(client, story, "Số mới", phone="0987654321", code=code).status_code == 302
    reader.refresh_from_db()
    assert reader.phone == "0987654321"


def test_a_code_proves_nothing_for_another_account_or_a_commenter_without_one(story, verification, caplog):
    first, second, anonymous = Client(), Client(), Client()
    sign_up(first)
    sign_up(second, email="khac@example.vn", display_name="Người khác", ip="203.0.113.21")
    code = send_code(first, story, NUMBER, caplog)
    stolen = as_account(second, story, "Dùng mã của người khác", phone=NUMBER, code=code)
    assert stolen.status_code == 400 and WRONG in stolen.content.decode()
    without_account = post_comment(anonymous, story, phone=NUMBER, code=code)
    assert without_account.status_code == 400 and WRONG in without_account.content.decode()
    assert not Reader.objects.exclude(phone="").exists() and not Comment.objects.exists()
    assert as_account(first, story, "Mã của chính tôi", phone=NUMBER, code=code).status_code == 302
    assert list(Reader.objects.exclude(phone="").values_list("email", flat=True)) == ["minh.anh@example.vn"]
    # An account's verified number does not carry over to the address when it comments without the account.
    assert ASK_CODE in post_comment(anonymous, story, email="minh.anh@example.vn", phone=NUMBER).content.decode()


def test_a_commenter_without_an_account_verifies_every_comment_and_a_code_is_used_once(client, story,
                                                                                      verification, caplog):
    code = send_code(client, story, NUMBER, caplog)
    assert post_comment(client, story, phone=NUMBER, code=code).status_code == 302
    reused = post_comment(client, story, body="Gửi lại với mã cũ", phone=NUMBER, code=code)
    assert reused.status_code == 400 and WRONG in reused.content.decode()
    page = client.get(f"/binh-luan/{story.pk}/").content.decode()
    assert VERIFIED not in page and 'name="code"' in page
    assert Comment.objects.get().phone_verified


def test_expired_codes_too_many_tries_and_too_many_codes_are_refused(client, story, verification, caplog,
                                                                     monkeypatch):
    code = send_code(client, story, NUMBER, caplog)
    later = timezone.now() + timedelta(seconds=phone.CODE_SECONDS + 60)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: later)
        expired = post_comment(client, story, phone=NUMBER, code=code)
    assert expired.status_code == 400 and WRONG in expired.content.decode()

    code = send_code(client, story, NUMBER, caplog)
    for _attempt in range(phone.MAX_TRIES):
        assert WRONG in post_comment(client, story, phone=NUMBER, code=other(code)).content.decode()
    assert WRONG in post_comment(client, story, phone=NUMBER, code=code).content.decode()  # the right one, too late
    assert not Comment.objects.exists()

    # One number gets at most 3 codes an hour (this is the third), one client at most 5, whatever the numbers.
    assert send_code(client, story, NUMBER, caplog)
    page = client.post(f"/binh-luan/{story.pk}/", {**READER, "phone": NUMBER, "send_code": "1"},
                       REMOTE_ADDR="203.0.113.20").content.decode()
    assert "Đã gửi mã nhiều lần cho số này." in page and READER["body"] in page  # what was typed stays
    assert send_code(client, story, "0987654321", caplog)  # the client's fifth request
    assert not send_code(client, story, "0977654321", caplog)
    refused = client.post(f"/binh-luan/{story.pk}/", {"phone": "0967654321", "send_code": "1"},
                          REMOTE_ADDR="203.0.113.20", HTTP_ACCEPT="application/json")
    assert json.loads(refused.content) == {"ok": False,
                                           "message": "Bạn đã yêu cầu nhiều mã xác thực quá. Vui lòng thử lại sau."}
    assert send_code(Client(), story, "0967654321", caplog, ip="198.51.100.77")  # another client is not held


@pytest.mark.parametrize(("typed", "kept"), [
    ("+84 912 345 678", NUMBER), ("84912345678", NUMBER), ("0912.345.678", NUMBER), ("(091) 234-5678", NUMBER),
    ("０９１２３４５６７８", NUMBER),  # full-width digits, as some keyboards type them
    ("0212345678", None),  # a landline
    ("+1 555 010 9999", None), ("09123456789", None), ("091234567", None), ("0912345678<script>", None),
    ("0٩١٢٣٤٥٦٧٨", None),  # Arabic-Indic digits after a 0
    ("", None),
])
def test_numbers_in_odd_formats(client, story, verification, caplog, typed, kept):
    code = send_code(client, story, typed, caplog)
    if kept is None:
        assert code == ""
        page = post_comment(client, story, phone=typed, code="123456").content.decode()
        assert "Số điện thoại di động không hợp lệ" in page or "Hãy nhập số điện thoại" in page
        assert not Comment.objects.exists()
        return
    assert post_comment(client, story, phone=typed, code=code).status_code == 302
    assert Comment.objects.get().phone == kept
