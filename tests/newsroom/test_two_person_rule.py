"""Two-person rule at "Duyệt đăng": the writer, the last editor and the previous step's approver never give the
final approval; the editor-in-chief's emergency override needs a reason and shows in the page history."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.newsroom.conftest import refused
from tests.newsroom.test_permission_matrix import article_data

pytestmark = pytest.mark.django_db


def story_at_final_step(newsroom, draft, *, writer, managing_approver):
    from toasoan.news.models import ArticlePage

    page = draft(owner=writer, title="Cầu Rồng đóng cửa hai ngày để sửa khe co giãn")
    newsroom.newsroom.workflow.start(page, writer)
    for approver in (newsroom.user("desk_editor"), managing_approver):
        page = ArticlePage.objects.get(pk=page.pk)
        state = page.current_workflow_task_state
        state.task.specific.on_action(state, approver, "approve")
    return ArticlePage.objects.get(pk=page.pk)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def act(client, page, action: str, comment: str = ""):
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment} if comment else {})


def test_writer_cannot_approve_his_own_story(newsroom, draft):
    deputy = newsroom.user("deputy_eic")
    page = story_at_final_step(newsroom, draft, writer=deputy, managing_approver=newsroom.user("managing_editor"))
    client = client_for(deputy)
    screen = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Bạn là người viết bài này nên không thể duyệt đăng: theo quy tắc hai người" in screen
    assert "Duyệt đăng khẩn cấp" not in screen  # the deputy holds no override
    assert refused(act(client, page, "approve"))
    page.refresh_from_db()
    assert not page.live
    # Somebody else approves it.
    act(client_for(newsroom.user("eic")), page, "approve")
    page.refresh_from_db()
    assert page.live


def test_last_editor_cannot_approve(newsroom, draft):
    deputy = newsroom.user("deputy_eic")
    page = story_at_final_step(newsroom, draft, writer=newsroom.colleague,
                               managing_approver=newsroom.user("managing_editor"))
    client = client_for(deputy)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit, article_data(page, title="Cầu Rồng đóng cửa hai ngày để sửa khe co giãn 🔧"))
    screen = client.get(edit).content.decode()
    assert "Bạn là người sửa bài lần cuối nên không thể duyệt đăng" in screen
    assert refused(act(client, page, "approve"))
    page.refresh_from_db()
    assert not page.live


def test_previous_approver_needs_the_emergency_override_with_a_reason(newsroom, draft):
    eic = newsroom.user("eic")
    page = story_at_final_step(newsroom, draft, writer=newsroom.colleague, managing_approver=eic)
    client = client_for(eic)
    screen = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Bạn đã duyệt bước trước của bài này nên không thể duyệt đăng" in screen
    assert "Duyệt đăng khẩn cấp" in screen
    assert refused(act(client, page, "approve"))
    act(client, page, "override")  # no reason: nothing happens
    page.refresh_from_db()
    assert not page.live
    act(client, page, "override", comment="Tin bão khẩn, phó tổng biên tập trực mất liên lạc.")
    page.refresh_from_db()
    assert page.live
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Duyệt đăng khẩn cấp, ngoại lệ quy tắc hai người" in history
    assert "Tin bão khẩn, phó tổng biên tập trực mất liên lạc." in history


@override_settings(TOASOAN_TWO_PERSON_RULE=False)
def test_rule_can_be_switched_off(newsroom, draft):
    deputy = newsroom.user("deputy_eic")
    page = story_at_final_step(newsroom, draft, writer=deputy, managing_approver=newsroom.user("managing_editor"))
    act(client_for(deputy), page, "approve")
    page.refresh_from_db()
    assert page.live
