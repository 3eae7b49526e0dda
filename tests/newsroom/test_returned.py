"""A story sent back by the desk is shown as returned, with the editor's comment, where the writer works: at the top
of their dashboard ("Bài bị trả lại, chờ bạn sửa") and on the story's edit screen; once resubmitted it waits in the
editor's queue instead. Through the real views (the send-back is the edit form's "Trả lại" action)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.newsroom.test_feedback import act
from tests.newsroom.test_permission_matrix import article_data

pytestmark = pytest.mark.django_db

COMMENT = 'Thiếu ý kiến người dân 🙂 — thêm câu của bà con "thôn Đồng Tâm" <script>alert(1)</script>'
PANEL = "Bài bị trả lại, chờ bạn sửa"


def sent_back(client, newsroom, at_step, *, title: str, comment: str):
    page = at_step(0, title=title)
    client.force_login(newsroom.user("desk_editor"))
    response, _messages = act(client, page, "reject", comment=comment)
    assert response.status_code == 302
    client.logout()
    return page


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_writer_sees_the_returned_story_and_the_comment_on_the_dashboard(client, newsroom, at_step):
    page = sent_back(client, newsroom, at_step, title="Cầu treo Đồng Tâm thông xe ngày 20/12", comment=COMMENT)
    html = dashboard(client, newsroom.colleague)
    panel = html.split(PANEL, 1)[1].split("</section>", 1)[0]
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in panel
    assert "Cầu treo Đồng Tâm thông xe ngày 20/12" in panel
    assert "Bị trả lại ở bước Ban biên tập, bởi desk_editor" in panel
    assert "Thiếu ý kiến người dân 🙂 — thêm câu của bà con &quot;thôn Đồng Tâm&quot;" in panel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel and "<script>alert(1)" not in html  # shown, never run
    # The panel comes first: before Wagtail's list of the writer's stories in review.
    assert html.index(PANEL) < html.index("Bài của bạn đang trong quy trình duyệt")


def test_the_edit_screen_says_it_was_returned_with_the_comment(client, newsroom, at_step):
    page = sent_back(client, newsroom, at_step, title="Chợ phiên Bắc Hà đông khách", comment="Thêm ảnh chợ 13/12.")
    client.force_login(newsroom.colleague)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    shown = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert ("Bài bị trả lại ở bước Ban biên tập, bởi desk_editor: «Thêm ảnh chợ 13/12.». Sửa xong, chọn gửi duyệt "
            "lại trong thanh thao tác cuối trang.") in shown
    assert "Thêm ảnh chợ 13/12." in response.content.decode()  # on the page, above the form


def test_a_return_without_comment_says_so(client, newsroom, at_step):
    page = sent_back(client, newsroom, at_step, title="Giá lúa tăng nhẹ", comment="")
    assert "Người duyệt không ghi ý kiến." in dashboard(client, newsroom.colleague)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "(không kèm ý kiến)" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_nobody_else_sees_anothers_returned_story(client, newsroom, at_step):
    sent_back(client, newsroom, at_step, title="Tin riêng của phóng viên khác", comment="Sửa tít.")
    for user in (newsroom.user("reporter"), newsroom.outsider, newsroom.user("desk_editor")):
        html = dashboard(client, user)
        assert PANEL not in html and "Sửa tít." not in html, user


def test_once_resubmitted_it_leaves_the_writers_panel_and_waits_in_the_editors_queue(client, newsroom, at_step):
    page = sent_back(client, newsroom, at_step, title="Đường lên bản Lao Chải đã thông", comment="Ghi rõ số km.")
    client.force_login(newsroom.colleague)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           article_data(page, sapo="Con đường dài 12 km đã thông.", **{"action-submit": "1"}))
    assert response.status_code == 302
    html = dashboard(client, newsroom.colleague)
    assert PANEL not in html and "Ghi rõ số km." not in html
    queue = dashboard(client, newsroom.user("desk_editor")).split("Bài chờ bạn duyệt", 1)[1]
    assert "Đường lên bản Lao Chải đã thông" in queue
