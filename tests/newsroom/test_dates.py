"""Dates typed in the admin, through the real views: day first, in Asia/Ho_Chi_Minh, stable when saved again.

Every form is posted with the strings a person types (``08/12/2027 09:15`` and ``20/12/2027 15:00``: a day
that could be a month and one that cannot), then the form is opened again and what it shows is posted back
unchanged, as pressing "Lưu" twice does. Years are next year's, so the dates stay in the future.
"""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = timezone.localtime().year + 1
# (typed, the wall-clock time it means in Hà Nội)
EARLY = (f"08/12/{YEAR} 09:15", datetime(YEAR, 12, 8, 9, 15, tzinfo=VN))
LATE = (f"20/12/{YEAR} 15:00", datetime(YEAR, 12, 20, 15, 0, tzinfo=VN))
BOTH = pytest.mark.parametrize("typed,meant", [EARLY, LATE], ids=["day-8", "day-20"])


class _Inputs(HTMLParser):
    """The ``value`` of every ``<input name=…>`` of a page, as the browser would send it back."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values.setdefault(attrs["name"], attrs.get("value") or "")


def shown(response, name: str) -> str:
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser.values[name]


def story_data(page, **overrides) -> dict:
    """The article form as a person fills it in: title, sapo, a paragraph and a byline."""
    from toasoan.people.models import Author

    author, _ = Author.objects.get_or_create(slug="pv-hoang-lan", defaults={"name": "Hoàng Lan"})
    data = {
        "title": page.title, "slug": page.slug, "format": page.format, "sapo": page.sapo,
        "body": streamfield([("paragraph", rich_text("<p>Người dân ba thôn đã chờ cây cầu này mười năm.</p>"))]),
        "article_authors": inline_formset([{"author": author.pk}]),
        "tags": "", "comments": inline_formset([]), "go_live_at": "", "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


@BOTH
def test_page_schedule_typed_in_the_edit_form_is_read_day_first_and_kept_on_saving_again(
        client, newsroom, draft, typed, meant):
    reporter = newsroom.user("reporter")
    page = draft(owner=reporter)
    # The deputy editor-in-chief on duty: reporters may not set an expiry (it unpublishes; docs/newsroom.md).
    client.force_login(newsroom.user("deputy_eic"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    expire_typed = f"24/12/{YEAR} 23:30"
    response = client.post(url, story_data(page, go_live_at=typed, expire_at=expire_typed))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert latest(page).go_live_at == meant
    assert latest(page).expire_at == datetime(YEAR, 12, 24, 23, 30, tzinfo=VN)

    form = client.get(url)
    assert shown(form, "go_live_at") == typed  # what is shown is what is stored
    assert shown(form, "expire_at") == expire_typed
    client.post(url, story_data(page, go_live_at=shown(form, "go_live_at"), expire_at=shown(form, "expire_at")))
    assert latest(page).go_live_at == meant  # saving twice changes nothing
    assert latest(page).expire_at == datetime(YEAR, 12, 24, 23, 30, tzinfo=VN)
    assert shown(client.get(url), "go_live_at") == typed


def test_a_month_first_date_is_refused_in_vietnamese_and_the_story_is_not_scheduled(client, newsroom, draft):
    reporter = newsroom.user("reporter")
    page = draft(owner=reporter)
    client.force_login(reporter)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           story_data(page, go_live_at=f"12/20/{YEAR} 15:00"))
    assert response.status_code == 200
    assert "Nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 20/12/2026 15:00." in response.content.decode()
    assert f"12/20/{YEAR} 15:00" in response.content.decode()  # what was typed stays in the form
    assert latest(page).go_live_at is None


@BOTH
def test_final_approval_with_a_typed_go_live_time_schedules_that_minute_and_does_not_publish(
        client, newsroom, at_step, typed, meant):
    """The fault of issue 19: 08/12 was read as 12 August (in the past), so approval published at once."""
    from toasoan.newsroom.scheduler import run_due

    # The managing editor types the go-live time as he approves his step; the editor-in-chief, who did not
    # edit the story (the two-person rule), gives the final approval.
    page = at_step(1)
    client.force_login(newsroom.user("managing_editor"))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), story_data(
        page, go_live_at=typed, **{"action-workflow-action": "1", "workflow-action-name": "approve"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, newsroom.user("eic"), "approve")
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live
    assert page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == meant
    assert not run_due().published  # embargoed until that minute
    assert client.get(f"/{page.slug}-{page.pk}.html").status_code == 404


@pytest.fixture
def approved(newsroom, at_step):
    def make():
        page = at_step(2, go_live_at=timezone.now() + timezone.timedelta(days=3))
        state = page.current_workflow_task_state
        state.task.specific.on_action(state, newsroom.user("deputy_eic"), "approve")
        return Page.objects.get(pk=page.pk).specific

    return make


@BOTH
def test_reschedule_form_reads_day_first_shows_what_it_stored_and_saving_again_changes_nothing(
        client, newsroom, approved, typed, meant):
    page = approved()
    client.force_login(newsroom.user("managing_editor"))
    url = reverse("newsroom_reschedule", args=[page.pk])
    response = client.post(url, {"go_live_at": typed})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == meant

    form = client.get(url)
    assert shown(form, "go_live_at") == typed
    assert f"sẽ lên trang lúc {typed}" in form.content.decode()
    client.post(url, {"go_live_at": shown(form, "go_live_at")})
    assert page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == meant
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert f"Đổi giờ lên trang thành {typed}" in history  # the history speaks the same time


def test_reschedule_form_refuses_a_month_first_date_in_vietnamese(client, newsroom, approved):
    page = approved()
    before = page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at
    client.force_login(newsroom.user("managing_editor"))
    response = client.post(reverse("newsroom_reschedule", args=[page.pk]), {"go_live_at": f"12/20/{YEAR} 15:00"})
    assert response.status_code == 200
    assert "Trường «Giờ lên trang» không đúng dạng ngày/tháng/năm giờ:phút." in response.content.decode()
    assert page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == before


@BOTH
def test_front_slot_expiry_reads_day_first_and_saving_again_changes_nothing(
        client, newsroom, make_article, typed, meant):
    from toasoan.home.models import FrontSlot

    story = make_article(title="Chợ hoa xuân mở cửa sớm", parent=newsroom.desk_section)
    client.force_login(newsroom.user("managing_editor"))
    response = client.post(reverse("front_slots:add"), {
        "front": newsroom.home.pk, "kind": "lead", "article": story.pk, "position": 0, "expires_at": typed})
    assert response.status_code == 302, response.content.decode()[:3000]
    slot = FrontSlot.objects.get(article=story)
    assert slot.expires_at == meant

    edit = reverse("front_slots:edit", args=[slot.pk])
    form = client.get(edit)
    assert shown(form, "expires_at") == typed
    client.post(edit, {"front": newsroom.home.pk, "kind": "lead", "article": story.pk, "position": 0,
                       "expires_at": shown(form, "expires_at")})
    slot.refresh_from_db()
    assert slot.expires_at == meant


def test_page_listing_date_filter_reads_day_first(client, newsroom, draft):
    """Wagtail's "Ngày sửa" filter in the explorer (the same date fields serve history and reports)."""
    reporter = newsroom.user("reporter")
    early = draft(owner=reporter, title="Bài sửa ngày mồng tám")
    late = draft(owner=reporter, title="Bài sửa ngày hai mươi")
    Page.objects.filter(pk=early.pk).update(latest_revision_created_at=datetime(YEAR, 12, 8, 10, 0, tzinfo=VN))
    Page.objects.filter(pk=late.pk).update(latest_revision_created_at=datetime(YEAR, 12, 20, 10, 0, tzinfo=VN))
    client.force_login(newsroom.user("managing_editor"))
    url = reverse("wagtailadmin_explore", args=[newsroom.desk_section.pk])

    after_ninth = client.get(url, {"latest_revision_created_at_from": f"09/12/{YEAR}"})
    html = after_ninth.content.decode()
    assert late.title in html and early.title not in html
    assert shown(after_ninth, "latest_revision_created_at_from") == f"09/12/{YEAR}"

    html = client.get(url, {"latest_revision_created_at_to": f"12/12/{YEAR}"}).content.decode()
    assert early.title in html and late.title not in html

    html = client.get(url, {"latest_revision_created_at_from": f"20/12/{YEAR}",
                            "latest_revision_created_at_to": f"20/12/{YEAR}"}).content.decode()
    assert late.title in html and early.title not in html
