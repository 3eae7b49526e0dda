"""A reader's account through its real forms (sign up, sign in), and the story from tests/comments."""

from __future__ import annotations

from tests.comments.conftest import desk_story, moderator, story  # noqa: F401 - fixtures
from tests.newsroom.conftest import newsroom  # noqa: F401 - fixtures

SIGN_UP = "/binh-luan/tai-khoan/dang-ky/"
SIGN_IN = "/binh-luan/tai-khoan/dang-nhap/"
ACCOUNT = "/binh-luan/tai-khoan/"
PASSWORD = "bao-doc-moi-sang-2026"
READER = {"email": "Minh.Anh@Example.vn", "display_name": "Minh Anh 🌿", "password": PASSWORD,
          "password2": PASSWORD, "consent": "on"}


def sign_up(client, *, ip: str = "203.0.113.20", **fields):
    data = {k: v for k, v in {**READER, **fields}.items() if v is not None}
    return client.post(SIGN_UP, data, REMOTE_ADDR=ip)


def sign_in(client, email: str, password: str, *, ip: str = "203.0.113.20"):
    return client.post(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=ip)
