"""The permission matrix of docs/newsroom.md, asserted cell by cell through the admin, both ways.

Each cell logs in as the role, tries the action through the real admin views (or the viewset, or the
newsroom's own view) and records whether it happened; the test compares that with ✓/✗ in the docs table,
which is parsed from the same file so the documentation cannot drift from what is tested.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.conftest import REPO_ROOT
from tests.newsroom.conftest import ROLES, refused

pytestmark = pytest.mark.django_db

DOC = REPO_ROOT / "docs" / "newsroom.md"

# The rows of the matrix, in the order of the table, as keys for the checks below.
ACTIONS = {
    "create a draft in own desk's sections": "create_draft",
    "edit own draft not yet submitted": "edit_own_draft",
    "edit another's article in own desk's sections": "edit_colleague",
    "edit articles of other desks": "edit_other_desk",
    "submit for review": "submit",
    "forward or send back with a comment (desk and managing steps)": "forward",
    "approve for publication (final step)": "approve_final",
    "publish without the workflow": "publish_directly",
    "set or change the go-live time of an approved article": "reschedule",
    "unpublish (take down)": "unpublish",
    "delete": "delete",
    "curate the home page and section fronts": "curate",
    "create and edit events": "events",
    "manage users, groups, sections, settings": "manage_site",
}


def documented_matrix() -> dict[str, dict[str, bool]]:
    """``{action key: {role: allowed}}`` read from the table in docs/newsroom.md."""
    matrix = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0] in ACTIONS:
            assert all(c in {"✓", "✗"} for c in cells[1:]), line
            matrix[ACTIONS[cells[0]]] = dict(zip(ROLES, [c == "✓" for c in cells[1:]], strict=True))
    return matrix


MATRIX = documented_matrix()


def article_data(page, **overrides) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "format": page.format,
        "sapo": page.sapo,
        # A story goes to review with a body and a byline (the owner's, created with the login).
        "body": streamfield([("paragraph", rich_text("<p>Chợ đầu mối mở cửa từ bốn giờ sáng.</p>"))]),
        "article_authors": inline_formset([{"author": page.owner.author.pk}]),
        "tags": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


# --- One function per row: perform the action as ``user`` and report whether it took effect.

def check_create_draft(client, nr, user, draft, at_step):
    from toasoan.news.models import ArticlePage

    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", nr.desk_section.pk])
    if refused(client.get(url)):
        return False
    response = client.post(url, nested_form_data({
        "title": "Bản nháp về giá rau xanh", "slug": "", "format": "standard",
        "sapo": "Giá rau ở chợ đầu mối giảm nhẹ sau đợt nắng ráo.", "body": streamfield([]),
        "article_authors": inline_formset([]), "tags": "", "comments": inline_formset([]),
    }))
    assert response.status_code in (302, 403), response.content.decode()[:3000]
    return ArticlePage.objects.filter(title="Bản nháp về giá rau xanh", owner=user, live=False).exists()


def _can_save(client, page, title: str) -> bool:
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if refused(client.get(url)):
        return False
    client.post(url, article_data(page, title=title))
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title == title


def check_edit_own_draft(client, nr, user, draft, at_step):
    return _can_save(client, draft(owner=user), "Bản nháp đã sửa lần hai")


def check_edit_colleague(client, nr, user, draft, at_step):
    return _can_save(client, draft(owner=nr.colleague), "Bài của đồng nghiệp đã sửa")


def check_edit_other_desk(client, nr, user, draft, at_step):
    return _can_save(client, draft(owner=nr.outsider, section=nr.other_section), "Bài ban khác đã sửa")


def check_submit(client, nr, user, draft, at_step):
    page = draft(owner=user)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), article_data(page, **{"action-submit": "1"}))
    page.refresh_from_db()
    return page.workflow_in_progress


def _act(client, page, action: str, comment: str = "") -> None:
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    client.post(url, {"comment": comment} if comment else {})


def check_forward(client, nr, user, draft, at_step):
    forwarded = at_step(0)
    _act(client, forwarded, "approve", "Đã sửa tít, chuyển thư ký.")
    forwarded = type(forwarded).objects.get(pk=forwarded.pk)
    sent_back = at_step(0, title="Phố đi bộ mở rộng thêm hai tuyến")
    _act(client, sent_back, "reject", "Thiếu ý kiến người dân, bổ sung giúp.")
    sent_back = type(sent_back).objects.get(pk=sent_back.pk)
    did_forward = forwarded.current_workflow_task.name == "Thư ký tòa soạn"
    did_send_back = sent_back.current_workflow_state.status == "needs_changes"
    assert did_forward == did_send_back
    return did_forward


def check_approve_final(client, nr, user, draft, at_step):
    page = at_step(2)
    _act(client, page, "approve")
    page.refresh_from_db()
    return page.live


def check_publish_directly(client, nr, user, draft, at_step):
    page = draft(owner=user)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), article_data(page, **{"action-publish": "1"}))
    page.refresh_from_db()
    return page.live and not page.workflow_in_progress


def check_reschedule(client, nr, user, draft, at_step):
    go_live = timezone.now() + timedelta(hours=2)
    page = at_step(2, go_live_at=go_live)
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, nr.user("deputy_eic"), "approve")
    page.refresh_from_db()
    assert not page.live and page.revisions.filter(approved_go_live_at__isnull=False).exists()
    url = reverse("newsroom_reschedule", args=[page.pk])
    if refused(client.get(url)):
        return False
    new_time = timezone.localtime(go_live + timedelta(minutes=30)).replace(second=0, microsecond=0)
    client.post(url, {"go_live_at": new_time.strftime("%Y-%m-%d %H:%M")})
    return page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == new_time


def check_unpublish(client, nr, user, draft, at_step):
    page = at_step(2)
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, nr.user("deputy_eic"), "approve")
    page.refresh_from_db()
    assert page.live
    url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
    if refused(client.get(url)):
        return False
    client.post(url)
    page.refresh_from_db()
    return not page.live


def check_delete(client, nr, user, draft, at_step):
    page = draft(owner=user)
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    if refused(client.get(url)):
        return False
    client.post(url)
    return not Page.objects.filter(pk=page.pk).exists()


def check_curate(client, nr, user, draft, at_step):
    from toasoan.home.models import FrontSlot

    story = at_step(2)
    state = story.current_workflow_task_state
    state.task.specific.on_action(state, nr.user("deputy_eic"), "approve")
    url = reverse("front_slots:add")
    if refused(client.get(url)):
        return False
    client.post(url, {"front": nr.home.pk, "kind": "lead", "article": story.pk, "position": 0, "expires_at": ""})
    return FrontSlot.objects.filter(front=nr.home, article=story, kind="lead").exists()


def check_events(client, nr, user, draft, at_step):
    from toasoan.events.models import EventPage

    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", nr.events_index.pk])
    if refused(client.get(url)):
        return False
    client.post(url, nested_form_data({
        "title": "Mùa mưa bão 2026", "slug": "", "description": "Theo dõi diễn biến mưa bão.",
        "cover_image": "", "desk_section": nr.desk_section.pk, "comments": inline_formset([]),
        "action-publish": "1",
    }))
    event = EventPage.objects.filter(title="Mùa mưa bão 2026").first()
    if event is None:
        return False
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    client.post(edit, nested_form_data({
        "title": "Mùa mưa bão 2026 (cập nhật)", "slug": event.slug, "description": "Theo dõi diễn biến.",
        "cover_image": "", "desk_section": nr.desk_section.pk, "comments": inline_formset([]),
        "action-publish": "1",
    }))
    event.refresh_from_db()
    return event.title == "Mùa mưa bão 2026 (cập nhật)"


def check_manage_site(client, nr, user, draft, at_step):
    from toasoan.sections.models import SectionPage

    checks = [
        not refused(client.get(reverse("wagtailusers_users:index"))),
        not refused(client.get(reverse("wagtailusers_groups:index"))),
        not refused(client.get(reverse("wagtailsites:index"))),
        not refused(client.get(reverse("wagtailadmin_pages:edit", args=[nr.desk_section.pk]))),
    ]
    add_section = reverse("wagtailadmin_pages:add", args=["sections", "sectionpage", nr.home.pk])
    if not refused(client.get(add_section)):
        client.post(add_section, nested_form_data({
            "title": "Giáo dục", "slug": "", "intro": "", "comments": inline_formset([]), "action-publish": "1",
        }))
    checks.append(SectionPage.objects.filter(title="Giáo dục").exists())
    assert len(set(checks)) == 1, f"partly allowed: {checks}"
    return checks[0]


def test_docs_table_covers_every_row_and_role():
    assert set(MATRIX) == set(ACTIONS.values())
    assert all(set(row) == set(ROLES) for row in MATRIX.values())


@pytest.mark.parametrize("action", list(ACTIONS.values()))
def test_matrix_row(newsroom, draft, at_step, action):
    """One row: every role tries the action with its own session; each cell must match the table."""
    wrong = []
    for role in ROLES:
        client = Client()
        user = newsroom.user(role)
        client.force_login(user)
        allowed = globals()[f"check_{action}"](client, newsroom, user, draft, at_step)
        if allowed is not MATRIX[action][role]:
            wrong.append(f"{role} {'could' if allowed else 'could not'} {action}")
    assert not wrong, wrong
