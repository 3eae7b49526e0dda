"""Reader accounts through their forms: sign up (consent, duplicate address in another case, hostile names),
commenting as the account, what the cached story page holds, sign-in lockout by django-axes, no way into the
admin, export and deletion."""

from __future__ import annotations

import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests.comments.conftest import approve
from tests.readers.conftest import ACCOUNT, PASSWORD, READER, SIGN_UP, sign_in, sign_up
from toasoan.comments.models import Comment, Status
from toasoan.readers.conf import COOKIE_NAME
from toasoan.readers.models import Reader

pytestmark = pytest.mark.django_db


def comment(client, story, body: str, **extra):
    return client.post(f"/binh-luan/{story.pk}/", {"body": body, **extra}, REMOTE_ADDR="203.0.113.20",
                       HTTP_ACCEPT="application/json")


def test_sign_up_then_comment_as_the_account_and_see_it_as_yours(client, story):
    form = client.get(f"{SIGN_UP}?tiep={story.canonical_path()}%23binh-luan")
    text = form.content.decode()
    assert form.status_code == 200 and "Luật Bảo vệ dữ liệu cá nhân" in text and 'name="consent"' in text
    assert 'noindex' in text and "private" in form["Cache-Control"]

    refused = sign_up(client, consent=None)
    assert refused.status_code == 400
    assert "Bạn cần đồng ý cho tòa soạn xử lý dữ liệu cá nhân" in refused.content.decode()
    weak = sign_up(client, password="12345678", password2="12345678")
    assert weak.status_code == 400 and "Mật khẩu này hoàn toàn là số." in weak.content.decode()
    mismatch = sign_up(client, password2="khac-mat-khau-2026")
    assert "Hai mật khẩu không giống nhau." in mismatch.content.decode()
    assert not Reader.objects.exists()

    done = sign_up(client, tiep=f"{story.canonical_path()}#binh-luan")
    assert done.status_code == 302 and done.url == f"{story.canonical_path()}#binh-luan"
    cookie = done.cookies[COOKIE_NAME]
    assert cookie["path"] == "/binh-luan/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "sessionid" not in done.cookies  # never the newsroom's session cookie, which bypasses the caches
    reader = Reader.objects.get()
    assert reader.email == "minh.anh@example.vn" and reader.display_name == "Minh Anh 🌿"
    assert reader.consent_version and reader.password != PASSWORD

    # The cached story page is the same for the reader as for anyone: nothing of the account in it.
    page = client.get(story.canonical_path())
    anonymous = Client().get(story.canonical_path())
    assert page.status_code == 200 and "Minh Anh" not in page.content.decode()
    assert page.content == anonymous.content and not page.cookies

    # The form takes the account's name and address, whatever is posted in their place.
    posted = comment(client, story, "Đề nghị công khai tiến độ từng gói thầu.", name="Tòa soạn",
                     email="khac@example.vn")
    assert posted.status_code == 201, posted.content
    mine = Comment.objects.get()
    assert mine.reader == reader and mine.name == "Minh Anh 🌿" and mine.email == "minh.anh@example.vn"
    assert mine.consent_version == reader.consent_version and mine.status == Status.PENDING

    feed = client.get(f"/binh-luan/{story.pk}.json").json()
    assert feed["account"]["name"] == "Minh Anh 🌿"
    assert [c["body"] for c in feed["account"]["pending"]] == ["Đề nghị công khai tiến độ từng gói thầu."]
    assert feed["comments"] == []  # waiting: shown to its writer alone
    assert Client().get(f"/binh-luan/{story.pk}.json").json()["account"] is None

    approve(mine)
    feed = client.get(f"/binh-luan/{story.pk}.json").json()
    assert feed["account"]["own"] == [mine.pk] and feed["account"]["pending"] == []
    nojs = client.get(f"/binh-luan/{story.pk}/").content.decode()
    assert "Bạn đang bình luận bằng tài khoản" in nojs and "Bình luận của bạn" in nojs
    assert 'name="email"' not in nojs and 'name="consent"' not in nojs
    other = Client().get(f"/binh-luan/{story.pk}/").content.decode()
    assert "Bình luận của bạn</span>" not in other and "Có tài khoản bạn đọc?" in other

    out = client.post("/binh-luan/tai-khoan/dang-xuat/", {"tiep": story.canonical_path()})
    assert out.status_code == 302 and out.cookies[COOKIE_NAME].value == ""
    assert client.get(f"/binh-luan/{story.pk}.json").json()["account"] is None


def test_duplicate_address_in_another_case_and_hostile_names(client, settings):
    settings.TOASOAN_READERS_RATE_SIGNUP = "20/3600"
    assert sign_up(client).status_code == 302
    again = sign_up(Client(), email="  MINH.ANH@example.VN ", display_name="Người khác")
    assert again.status_code == 400
    assert "Địa chỉ thư điện tử này đã có tài khoản" in again.content.decode()
    assert Reader.objects.count() == 1

    reserved = sign_up(Client(), email="gia@example.vn", display_name="TÒA SOẠN")
    assert "dành cho tòa soạn" in reserved.content.decode() and reserved.status_code == 400
    invisible = sign_up(Client(), email="trong@example.vn", display_name="\u200b\u202e\u200b")
    assert "Tên hiển thị cần ít nhất 2 ký tự" in invisible.content.decode()

    script = Client()
    hostile = '<script>window.__xss=1</script>\u202eHùng'
    assert sign_up(script, email="hung@example.vn", display_name=hostile).status_code == 302
    assert Reader.objects.get(email="hung@example.vn").display_name == "<script>window.__xss=1</script>Hùng"
    page = script.get(ACCOUNT).content.decode()
    assert "<script>window.__xss" not in page and "&lt;script&gt;window.__xss=1&lt;/script&gt;Hùng" in page


def test_signup_flood_from_one_client_is_refused(settings):
    settings.TOASOAN_READERS_RATE_SIGNUP = "2/3600"
    codes = [sign_up(Client(), email=f"ban-doc-{n}@example.vn").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert Reader.objects.count() == 2


def test_account_has_its_own_rate_limit(client, story, settings):
    settings.TOASOAN_COMMENTS_RATE_ACCOUNT = "2/3600"
    settings.TOASOAN_COMMENTS_RATE_CLIENT = "50/600"
    settings.TOASOAN_COMMENTS_RATE_EMAIL = "50/3600"
    sign_up(client)
    codes = [comment(client, story, f"Ý kiến số {n} về dự án.").status_code for n in range(3)]
    assert codes == [201, 201, 429]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_passwords_lock_the_sign_in_like_the_newsroom(client):
    sign_up(client)
    for _attempt in range(2):
        wrong = sign_in(Client(), "minh.anh@example.vn", "sai-mat-khau")
        assert wrong.status_code == 400 and "Thư điện tử hoặc mật khẩu không đúng" in wrong.content.decode()
    locked = sign_in(Client(), "MINH.ANH@example.vn", "sai-mat-khau")
    assert locked.status_code == 429 and "tạm khóa đăng nhập 15 phút" in locked.content.decode()
    # Locked even with the right password, and counted under the readers' own name space.
    assert sign_in(Client(), "minh.anh@example.vn", PASSWORD, ip="198.51.100.4").status_code == 429
    assert list(AccessAttempt.objects.values_list("username", flat=True).distinct()) == ["ban-doc:minh.anh@example.vn"]
    # The audit trail (kept for good) has the lock, never the reader's address (which an erasure must remove).
    from wagtail.models import ModelLogEntry

    locks = ModelLogEntry.objects.filter(action="toasoan.login_locked")
    assert locks.exists() and {entry.label for entry in locks} == {"Một tài khoản bạn đọc (không ghi địa chỉ)"}
    assert not any("minh.anh" in f"{entry.label} {entry.data}".lower() for entry in ModelLogEntry.objects.all())
    # A newsroom login whose name is the reader's address is not locked by the reader's failures.
    get_user_model().objects.create_user("minh.anh@example.vn", password="mat-khau-toa-soan-2026")
    staff = Client().post("/admin/login/", {"username": "minh.anh@example.vn", "password": "mat-khau-toa-soan-2026"},
                          REMOTE_ADDR="198.51.100.5")
    assert staff.status_code == 302


def test_a_reader_account_never_opens_the_admin(client):
    sign_up(client)
    assert sign_in(client, "minh.anh@example.vn", PASSWORD).status_code == 302
    admin = client.get("/admin/")
    assert admin.status_code == 302 and admin.url.startswith("/admin/login/")
    login = client.post("/admin/login/", {"username": "minh.anh@example.vn", "password": PASSWORD},
                        REMOTE_ADDR="198.51.100.6")
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    assert not get_user_model().objects.exists()


def test_export_and_delete_the_account_with_its_comments(client, story):
    sign_up(client)
    comment(client, story, "Ý kiến cần được xóa theo yêu cầu.")
    approve(Comment.objects.get())
    export = client.get("/binh-luan/tai-khoan/du-lieu.json")
    assert "attachment" in export["Content-Disposition"] and "private" in export["Cache-Control"]
    data = json.loads(export.content)
    assert data["account"]["display_name"] == "Minh Anh 🌿" and data["account"]["consent_at"]
    assert [c["body"] for c in data["comments"]] == ["Ý kiến cần được xóa theo yêu cầu."]
    assert data["comments"][0]["reader_account"] is True
    assert Client().get("/binh-luan/tai-khoan/du-lieu.json").status_code == 302  # nobody else's

    wrong = client.post("/binh-luan/tai-khoan/xoa/", {"password": "sai-mat-khau", "confirm": "on"})
    assert wrong.status_code == 400 and Reader.objects.exists()
    unconfirmed = client.post("/binh-luan/tai-khoan/xoa/", {"password": PASSWORD})
    assert "Hãy đánh dấu ô xác nhận trước khi xóa." in unconfirmed.content.decode()
    gone = client.post("/binh-luan/tai-khoan/xoa/", {"password": PASSWORD, "confirm": "on"})
    assert gone.status_code == 200 and "1 bình luận đã được xóa" in gone.content.decode()
    assert not Reader.objects.exists() and not Comment.objects.exists()
    assert gone.cookies[COOKIE_NAME].value == ""
    assert client.get(f"/binh-luan/{story.pk}.json").json()["comments"] == []
    assert sign_in(Client(), READER["email"], PASSWORD).status_code == 400
