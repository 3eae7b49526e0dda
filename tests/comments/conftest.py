"""A published story on the Thời sự desk of the two-desk newsroom (tests/newsroom), a comment moderator, and
helpers to post the reader's form as a browser would."""

from __future__ import annotations

import pytest

from tests.newsroom.conftest import (  # noqa: F401 - fixtures
    PASSWORD,
    newsroom,
)

READER = {"name": "Nguyễn Thị Hoa", "email": "hoa.nguyen@example.vn",
          "body": "Mong tỉnh sớm sửa đoạn đường qua xã Tân Lập 🙏, mùa mưa năm nào cũng ngập.", "consent": "on"}


TITLE = "Hội đồng nhân dân tỉnh chất vấn về tiến độ đường ven biển"
SAPO = "Đại biểu đề nghị làm rõ trách nhiệm khi dự án chậm hơn mười hai tháng."


@pytest.fixture
def story(make_article):
    """A published story in Thời sự (the reader's side needs no newsroom)."""
    return make_article(title=TITLE, sapo=SAPO)


@pytest.fixture
def desk_story(newsroom):  # noqa: F811
    """The same story written and published through the two-desk newsroom (for the moderators' side)."""
    from toasoan.news.models import ArticlePage

    page = newsroom.desk_section.add_child(instance=ArticlePage(title=TITLE, sapo=SAPO, live=False,
                                                                owner=newsroom.colleague))
    page.save_revision(user=newsroom.colleague).publish(user=newsroom.user("administrator"))
    return ArticlePage.objects.get(pk=page.pk)


def approve(comment) -> None:
    """Set-up only: a comment a moderator approved (the moderators' path is tested in test_moderation.py)."""
    from toasoan.comments.models import Status

    comment.status = Status.APPROVED
    comment.save(update_fields=["status"])


@pytest.fixture
def moderator(newsroom, django_user_model):  # noqa: F811
    user = django_user_model.objects.create_user("u_kiem_duyet", password=PASSWORD, display_name="Kiểm duyệt")
    user.groups.add(newsroom.newsroom.comment_moderators)
    return user


def post_comment(client, story, *, json: bool = False, ip: str = "203.0.113.7", **fields):
    data = {**READER, **fields}
    data = {k: v for k, v in data.items() if v is not None}
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(f"/binh-luan/{story.pk}/", data, REMOTE_ADDR=ip, HTTP_USER_AGENT="Mozilla/5.0 (thử)",
                       **headers)
