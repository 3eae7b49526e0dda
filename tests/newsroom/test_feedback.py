"""After Duyệt / Duyệt và đăng / Trả lại on the edit screen, the editor reads what happened and where the story
went; a story cannot go to review, or be approved, without a body, a byline or a section (real forms)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.newsroom.test_permission_matrix import article_data

pytestmark = pytest.mark.django_db


def act(client, page, action: str, comment: str = "", **fields):
    data = article_data(page, **{"action-workflow-action": "1", "workflow-action-name": action,
                                 "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {})},
                        **fields)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    return response, [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_forward_says_who_has_the_story_now(client, newsroom, at_step):
    page = at_step(0, title="Chợ nổi Cái Răng mở lại sau mùa lũ")
    client.force_login(newsroom.user("desk_editor"))
    response, messages = act(client, page, "approve")
    assert response.status_code == 302
    assert "Đã chuyển «Chợ nổi Cái Răng mở lại sau mùa lũ» cho Thư ký tòa soạn." in messages


def test_send_back_says_it_went_back_to_the_writer(client, newsroom, at_step):
    page = at_step(0, title="Đường ven sông 20 km hoàn thành")
    client.force_login(newsroom.user("desk_editor"))
    _response, messages = act(client, page, "reject", comment="Thiếu ý kiến người dân, bổ sung giúp.")
    assert any(m.startswith("Đã trả «Đường ven sông 20 km hoàn thành» lại cho") for m in messages), messages


def test_final_approval_says_published_or_when_it_goes_live(client, newsroom, at_step, settings):
    # The approver also fills in the body and byline here (the fixture's drafts have none): that is an edit,
    # which the two-person rule would refuse (tests/newsroom/test_two_person_rule.py); this test is about the
    # message, so the rule is off.
    settings.TOASOAN_TWO_PERSON_RULE = False
    client.force_login(newsroom.user("deputy_eic"))
    now_live = at_step(2, title="Lễ hội hoa ban khai mạc")
    _response, messages = act(client, now_live, "approve")
    assert "Đã duyệt và đăng «Lễ hội hoa ban khai mạc»: bài đang hiện trên trang báo." in messages
    later = at_step(2, title="Giải đua thuyền truyền thống")
    go_live = timezone.localtime(timezone.now() + timedelta(days=3)).replace(hour=15, minute=30, second=0,
                                                                             microsecond=0)
    later.go_live_at = go_live
    later.save_revision(user=newsroom.colleague)
    _response, messages = act(client, later, "approve", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    expected = go_live.strftime("%H:%M %d/%m/%Y")
    wanted = f"Đã duyệt «Giải đua thuyền truyền thống»: bài sẽ tự lên trang lúc {expected}."
    assert wanted in messages, messages


def _submit(client, page, **fields):
    data = article_data(page, **{"action-submit": "1"}, **fields)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_empty_body_or_no_byline_is_refused_naming_the_part(client, newsroom, draft):
    reporter = newsroom.user("reporter")
    client.force_login(reporter)
    page = draft(owner=reporter)
    response = _submit(client, page, body=streamfield([]))
    assert response.status_code == 200
    assert "trường «Nội dung» cần ít nhất một đoạn văn" in response.content.decode()
    response = _submit(client, page, article_authors=inline_formset([]))
    assert "Bài chưa ký tên: hãy chọn ít nhất một người trong mục «Tác giả»." in response.content.decode()
    page.refresh_from_db()
    assert not page.workflow_in_progress
    assert _submit(client, page).status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_approving_a_story_whose_body_was_emptied_is_refused(client, newsroom, at_step):
    page = at_step(0, title="Cầu dân sinh mới ở xã vùng cao")
    client.force_login(newsroom.user("desk_editor"))
    response, _messages = act(client, page, "approve", body=streamfield([]))
    assert response.status_code == 200 and "«Nội dung»" in response.content.decode()
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Ban biên tập"


def test_a_reporter_login_has_a_byline_from_the_start_and_new_stories_are_signed(client, newsroom, django_user_model):
    from toasoan.people.models import Author

    reporter = newsroom.user("reporter")
    assert Author.objects.get(user=reporter).name == reporter.display_name
    client.force_login(reporter)
    html = client.get(reverse("wagtailadmin_pages:add", args=["news", "articlepage", newsroom.desk_section.pk]))
    assert f'value="{reporter.author.pk}"' in html.content.decode()
    # A new login made in the admin with a newsroom group gets its byline at once.
    from toasoan.newsroom.roles import ensure_newsroom

    group = ensure_newsroom().desk_groups["Thời sự"]["reporter"]
    newcomer = django_user_model.objects.create_user("phongvien.moi", password="x", display_name="Lò Văn Páo")
    assert not Author.objects.filter(user=newcomer).exists()
    newcomer.groups.add(group)
    assert Author.objects.get(user=newcomer).name == "Lò Văn Páo"


def test_saving_a_draft_without_body_or_byline_still_works(client, newsroom, draft):
    reporter = newsroom.user("reporter")
    client.force_login(reporter)
    page = draft(owner=reporter)
    data = nested_form_data({"title": page.title, "slug": page.slug, "format": "standard", "sapo": "",
                             "body": streamfield([]), "article_authors": inline_formset([]), "tags": "",
                             "comments": inline_formset([])})
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
