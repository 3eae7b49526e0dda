"""The emails of a reader account through their forms and links: forgotten password (no account enumeration,
rate limit, forged / another reader's / used / expired links) and confirming the address (comments held until then,
resend from the account page)."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.core.signing import TimestampSigner, b62_encode
from django.test import Client

from tests.readers.conftest import ACCOUNT, PASSWORD, SIGN_IN, sign_in, sign_up
from toasoan.comments.models import Comment, CommentPolicy, Mode, Status
from toasoan.readers.conf import COOKIE_NAME
from toasoan.readers.models import Reader

pytestmark = pytest.mark.django_db

FORGOT = "/binh-luan/tai-khoan/quen-mat-khau/"
NEW_PASSWORD = "mua-he-o-hoi-an-2027"
SENT = "Nếu địa chỉ này có tài khoản bạn đọc, tòa soạn vừa gửi tới đó một thư"


def link_in(message) -> str:
    """The path of the link in an email (the way a reader would follow it)."""
    found = re.search(r"http://testserver(/binh-luan/tai-khoan/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def forgot(client, email: str, *, ip: str = "203.0.113.30"):
    return client.post(FORGOT, {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def reader(settings):
    settings.TOASOAN_READERS_RATE_SIGNUP = "20/3600"
    assert sign_up(Client()).status_code == 302
    mail.outbox.clear()
    return Reader.objects.get()


def test_forgotten_password_from_the_sign_in_page_to_a_new_password(reader):
    elsewhere = Client()
    assert sign_in(elsewhere, reader.email, PASSWORD).status_code == 302  # signed in on another device
    client = Client()
    page = client.get(SIGN_IN).content.decode()
    assert f'href="{FORGOT}"' in page and "Quên mật khẩu?" in page

    known = forgot(client, "  MINH.ANH@example.VN ")
    unknown = forgot(Client(), "khong-co@example.vn", ip="203.0.113.31")
    assert known.status_code == unknown.status_code == 200
    assert SENT in known.content.decode() and known.content == unknown.content  # says nothing of the address
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["minh.anh@example.vn"] and message.subject == "Đặt lại mật khẩu tài khoản bạn đọc"
    assert "Chào Minh Anh 🌿" in message.body and "trong 24 giờ" in message.body
    link = link_in(message)
    assert link.startswith("/binh-luan/tai-khoan/dat-lai-mat-khau/")

    form = client.get(link)
    assert form.status_code == 200 and "minh.anh@example.vn" in form.content.decode()
    assert form["Referrer-Policy"] == "no-referrer" and "private" in form["Cache-Control"]
    weak = client.post(link, {"password": "minh.anh@example.vn", "password2": "minh.anh@example.vn"})
    assert weak.status_code == 400 and "giống" in weak.content.decode()  # the staff validators, this reader
    mismatch = client.post(link, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert "Hai mật khẩu không giống nhau." in mismatch.content.decode()

    done = client.post(link, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == f"{ACCOUNT}?da-dat-lai=1" and done.cookies[COOKIE_NAME].value
    account = client.get(done.url).content.decode()
    assert "Đã đặt mật khẩu mới; bạn đang đăng nhập." in account
    assert "chưa xác nhận địa chỉ thư điện tử" not in account  # the link came to the address: confirmed
    assert elsewhere.get(ACCOUNT).status_code == 302  # the other device's session ended with the old password
    assert sign_in(Client(), "minh.anh@example.vn", PASSWORD).status_code == 400
    assert sign_in(Client(), "minh.anh@example.vn", NEW_PASSWORD).status_code == 302

    # The link is spent: neither its page nor another post works, and the password stays.
    again = Client().post(link, {"password": "ke-gian-doi-lai-2027", "password2": "ke-gian-doi-lai-2027"})
    assert again.status_code == 410 and "Đường dẫn này đã được dùng" in again.content.decode()
    assert Client().get(link).status_code == 410
    assert sign_in(Client(), "minh.anh@example.vn", NEW_PASSWORD).status_code == 302


def test_forged_and_other_readers_links_are_refused(reader, settings):
    assert sign_up(Client(), email="lan@example.vn", display_name="Lan").status_code == 302
    other = Reader.objects.get(email="lan@example.vn")
    mail.outbox.clear()
    forgot(Client(), reader.email)
    link = link_in(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    value, _sep, stamp_and_signature = token.partition(":")
    own_pk, _dot, state = value.partition(".")
    assert int(own_pk) == reader.pk

    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        f"{other.pk}.{state}:{stamp_and_signature}",  # the other reader's id in this reader's link
        "1.deadbeef:abc:def", "khong-phai-duong-dan",
    ]
    for bad in forged:
        response = Client().post(f"/binh-luan/tai-khoan/dat-lai-mat-khau/{bad}/",
                                 {"password": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 400, bad
        assert "Đường dẫn này không hợp lệ" in response.content.decode()
        assert COOKIE_NAME not in response.cookies
    # A link for another purpose (the confirmation) opens no password reset, and the other way round.
    signed = Client()
    assert sign_in(signed, other.email, PASSWORD).status_code == 302
    assert signed.post("/binh-luan/tai-khoan/gui-lai-xac-nhan/").status_code == 302
    confirm_token = link_in(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    as_reset = Client().get(f"/binh-luan/tai-khoan/dat-lai-mat-khau/{confirm_token}/")
    assert as_reset.status_code == 400
    assert Client().post(f"/binh-luan/tai-khoan/xac-nhan/{token}/").status_code == 400
    # A link stays the one reader's: the other reader, signed in, resets nobody but the link's reader.
    assert signed.post(link, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    reader.refresh_from_db()
    other.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD) and other.check_password(PASSWORD)


def test_an_expired_link_and_a_link_outdated_by_a_sign_in(reader, monkeypatch):
    # The email was sent 25 hours ago (the signer's clock, not a sleep); the link is valid 24 hours.
    real = TimestampSigner.timestamp
    monkeypatch.setattr(TimestampSigner, "timestamp", lambda self: b62_encode(int(time.time()) - 25 * 3600))
    forgot(Client(), reader.email)
    monkeypatch.setattr(TimestampSigner, "timestamp", real)
    old = link_in(mail.outbox[-1])
    expired = Client().get(old)
    assert expired.status_code == 410 and "Đường dẫn này đã hết hạn" in expired.content.decode()
    assert "trong 24 giờ" in expired.content.decode() and f'href="{FORGOT}"' in expired.content.decode()

    forgot(Client(), reader.email)
    fresh = link_in(mail.outbox[-1])
    assert Client().get(fresh).status_code == 200
    assert sign_in(Client(), reader.email, PASSWORD).status_code == 302  # the reader remembered it after all
    assert Client().get(fresh).status_code == 410


def test_asking_for_reset_mails_is_rate_limited(reader, settings):
    settings.TOASOAN_READERS_RATE_MAIL = "2/3600"
    codes = [forgot(Client(), f"ai-{n}@example.vn").status_code for n in range(2)]
    refused = forgot(Client(), reader.email)
    assert codes == [200, 200] and refused.status_code == 429
    assert "Bạn đã yêu cầu nhiều thư quá" in refused.content.decode() and not mail.outbox
    # From elsewhere: the address receives at most two emails (the confirmation at sign-up was one), and the
    # page does not say when it stops.
    pages = [forgot(Client(), reader.email, ip=f"198.51.100.{n}").content for n in range(3)]
    assert len(mail.outbox) == 1 and pages[0] == pages[2]


def test_confirming_the_address_releases_the_accounts_comments(client, story, settings):
    CommentPolicy.objects.create(page=story, mode=Mode.POST)
    assert sign_up(client).status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Xác nhận địa chỉ thư điện tử")
    first = link_in(mail.outbox[0])

    account = client.get(ACCOUNT).content.decode()
    assert "chưa xác nhận địa chỉ thư điện tử" in account and "Gửi lại thư xác nhận" in account
    posted = client.post(f"/binh-luan/{story.pk}/", {"body": "Ý kiến trước khi xác nhận."},
                         REMOTE_ADDR="203.0.113.20", HTTP_ACCEPT="application/json")
    assert posted.status_code == 201
    held = Comment.objects.get()
    assert held.status == Status.PENDING and "chưa xác nhận" in held.held_detail  # shown at once otherwise

    assert client.post("/binh-luan/tai-khoan/gui-lai-xac-nhan/").url == f"{ACCOUNT}?da-gui=1"
    assert len(mail.outbox) == 2
    second = link_in(mail.outbox[1])

    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    page = Client().get(first)
    assert page.status_code == 200 and "Xác nhận" in page.content.decode()
    assert not Reader.objects.get().confirmed
    done = client.post(first)
    assert done.url == f"{ACCOUNT}?da-xac-nhan=1"
    assert Reader.objects.get().confirmed
    account = client.get(done.url).content.decode()
    assert "Đã xác nhận địa chỉ thư điện tử" in account and "chưa xác nhận" not in account
    for spent in (first, second):  # every link sent before is spent
        assert Client().post(spent).status_code == 410
    assert client.post("/binh-luan/tai-khoan/gui-lai-xac-nhan/").status_code == 302 and len(mail.outbox) == 2

    client.post(f"/binh-luan/{story.pk}/", {"body": "Ý kiến sau khi xác nhận."}, REMOTE_ADDR="203.0.113.20",
                HTTP_ACCEPT="application/json")
    assert Comment.objects.get(body="Ý kiến sau khi xác nhận.").status == Status.APPROVED


def test_resending_the_confirmation_is_limited(client, settings):
    settings.TOASOAN_READERS_RATE_MAIL = "2/3600"
    sign_up(client)
    assert client.post("/binh-luan/tai-khoan/gui-lai-xac-nhan/").status_code == 302
    refused = client.post("/binh-luan/tai-khoan/gui-lai-xac-nhan/")
    assert refused.status_code == 429 and "Bạn đã yêu cầu nhiều thư quá" in refused.content.decode()
    assert len(mail.outbox) == 2
    assert Client().post("/binh-luan/tai-khoan/gui-lai-xac-nhan/").status_code == 302  # nobody's: to sign-in
    assert len(mail.outbox) == 2
