"""«Thời gian đăng gốc» (issue 21): an editor gives an undated imported draft the time it first appeared, and its
publication keeps that time (dateline, listings) instead of the moment it was published.

Through the real admin views, with what a person types: ``08/12/…`` (a day that could be a month) and ``20/12/…``
(one that cannot), last year's, in Hà Nội time. The browser path is tests/importer/test_original_time_browser.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.importer.test_undated import TITLE, UNDATED, page, run
from tests.newsroom.conftest import draft, newsroom, refused  # noqa: F401 - the newsroom fixtures
from tests.newsroom.test_dates import shown, story_data
from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = timezone.localtime().year - 1
EARLY = (f"08/12/{YEAR} 09:15", datetime(YEAR, 12, 8, 9, 15, tzinfo=VN))
LATE = (f"20/12/{YEAR} 15:00", datetime(YEAR, 12, 20, 15, 0, tzinfo=VN))
FIELD = "original_published_at"
LABEL = "Thời gian đăng gốc"
FUTURE_MESSAGE = "«Thời gian đăng gốc» không được ở tương lai."


@pytest.fixture
def undated(newsroom, tmp_path):  # noqa: F811 - the newsroom fixture
    """The undated story imported into the Thời sự desk (a draft owned by the importer)."""
    _out, err, error = run(page(tmp_path / "khong-ngay.txt", UNDATED), publish=True, section="thoi-su")
    assert error is None, err
    article = ArticlePage.objects.get(title=TITLE)
    assert article.needs_publication_time and article.get_parent().pk == newsroom.desk_section.pk
    return article


def edit_url(article) -> str:
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


def latest(article) -> ArticlePage:
    return ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()


def publish(client, newsroom, article) -> ArticlePage:  # noqa: F811
    """The administrator (who publishes without the workflow) presses «Xuất bản» on the form as it is shown."""
    client.force_login(newsroom.user("administrator"))
    form = client.get(edit_url(article))
    typed = shown(form, FIELD) if f'name="{FIELD}"' in form.content.decode() else ""
    response = client.post(edit_url(article), story_data(latest(article), **{FIELD: typed, "action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.get(pk=article.pk)


@pytest.mark.parametrize(("typed", "meant"), [EARLY, LATE], ids=["day-8", "day-20"])
def test_the_desk_types_the_original_time_and_publication_keeps_it(client, newsroom, undated, typed, meant):  # noqa: F811
    client.force_login(newsroom.user("desk_editor"))
    form = client.get(edit_url(undated)).content.decode()
    assert LABEL in form and "Hãy điền «Thời gian đăng gốc»" in form
    response = client.post(edit_url(undated), story_data(undated, **{FIELD: typed}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert latest(undated).original_published_at == meant  # read day first, in Hà Nội time
    assert shown(client.get(edit_url(undated)), FIELD) == typed  # shown as typed, so saving again keeps it
    stored = ArticlePage.objects.get(pk=undated.pk)
    assert not stored.live and stored.first_published_at is None  # a saved draft is still a draft

    article = publish(client, newsroom, undated)
    assert article.live
    assert article.first_published_at == meant and article.published_at == meant
    assert article.last_published_at > timezone.now() - timedelta(minutes=5)  # when it went live, kept apart
    reader = client.get(article.url).content.decode()
    assert f"{meant:%H:%M}, {meant:%d/%m/%Y}</time>" in reader  # the dateline
    # Once published it has its time: the field and the notice are gone, the time cannot be moved from here.
    form = client.get(edit_url(article)).content.decode()
    assert LABEL not in form and "nguồn không ghi ngày giờ đăng" not in form


def test_listings_place_the_story_at_its_original_time(client, newsroom, undated, make_article):  # noqa: F811
    newer = make_article(title="Tin mới hôm nay", parent=newsroom.desk_section)
    older = make_article(title="Tin cũ hơn nữa", parent=newsroom.desk_section,
                         published=datetime(YEAR, 1, 5, 8, 0, tzinfo=VN))
    client.force_login(newsroom.user("desk_editor"))
    client.post(edit_url(undated), story_data(undated, **{FIELD: LATE[0]}))
    publish(client, newsroom, undated)
    for listing in (newsroom.desk_section.url, "/moi-nhat/"):
        html = client.get(listing).content.decode()
        assert html.index(newer.title) < html.index(TITLE) < html.index(older.title), listing


def test_a_time_in_the_future_is_refused_with_the_way_to_schedule(client, newsroom, undated):  # noqa: F811
    client.force_login(newsroom.user("desk_editor"))
    future = f"20/12/{YEAR + 2} 15:00"
    response = client.post(edit_url(undated), story_data(undated, **{FIELD: future}))
    assert response.status_code == 200
    html = response.content.decode()
    assert FUTURE_MESSAGE in html and "«Hẹn giờ»" in html and future in html  # what was typed stays
    assert latest(undated).original_published_at is None


def test_a_month_first_date_is_refused_in_vietnamese(client, newsroom, undated):  # noqa: F811
    client.force_login(newsroom.user("desk_editor"))
    response = client.post(edit_url(undated), story_data(undated, **{FIELD: f"12/20/{YEAR} 15:00"}))
    assert response.status_code == 200
    assert "Nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 20/12/2026 15:00." in response.content.decode()
    assert latest(undated).original_published_at is None


def test_empty_keeps_the_old_rule_the_publication_moment(client, newsroom, undated):  # noqa: F811
    before = timezone.now()
    article = publish(client, newsroom, undated)
    assert article.live and article.first_published_at >= before


def test_only_who_may_edit_the_draft_sets_it(client, newsroom, undated):  # noqa: F811
    # A reporter (even of the same desk) may not edit the importer's draft; a reporter of another desk neither.
    for user in (newsroom.user("reporter"), newsroom.outsider):
        client.force_login(user)
        response = client.post(edit_url(undated), story_data(undated, **{FIELD: EARLY[0]}))
        assert refused(response), (user.username, response.status_code)
        assert latest(undated).original_published_at is None


def test_ordinary_articles_have_no_such_field_and_a_posted_one_is_ignored(client, newsroom, draft, tmp_path):  # noqa: F811
    before = timezone.now()
    story = draft(owner=newsroom.user("reporter"))
    client.force_login(newsroom.user("reporter"))
    assert LABEL not in client.get(edit_url(story)).content.decode()
    response = client.post(edit_url(story), story_data(story, **{FIELD: EARLY[0]}))  # a forged field
    assert response.status_code == 302
    assert latest(story).original_published_at is None
    assert publish(client, newsroom, story).first_published_at >= before

    # A dated import has its time from the source: no field either.
    dated = page(tmp_path / "co-ngay.txt", ["Đường ven biển thông xe", "08:05, 17/11/2024", *UNDATED[1:]])
    run(dated, section="thoi-su")
    imported = ArticlePage.objects.get(title="Đường ven biển thông xe")
    client.force_login(newsroom.user("desk_editor"))
    assert LABEL not in client.get(edit_url(imported)).content.decode()


@pytest.mark.parametrize("typed", ["31/02/2024 10:00", "00/00/0000 00:00", "<script>alert(1)</script>",
                                   "8" * 400, "20/12/2024 25:61", "hôm qua"])
def test_hostile_or_impossible_input_is_refused_and_nothing_stored(client, newsroom, undated, typed):  # noqa: F811
    client.force_login(newsroom.user("desk_editor"))
    response = client.post(edit_url(undated), story_data(undated, **{FIELD: typed}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút" in html and "<script>alert(1)" not in html
    assert latest(undated).original_published_at is None


def test_a_scheduled_publication_also_takes_the_original_time(client, newsroom, undated):  # noqa: F811
    """«Hẹn giờ» decides when it goes live; the original time is still its date."""
    from toasoan.newsroom.scheduler import run_due
    from toasoan.newsroom.services import reschedule

    client.force_login(newsroom.user("desk_editor"))
    client.post(edit_url(undated), story_data(undated, **{FIELD: EARLY[0]}))
    revision = ArticlePage.objects.get(pk=undated.pk).get_latest_revision()
    draft_story = revision.as_object()
    draft_story.go_live_at = timezone.now() + timedelta(hours=1)
    revision = draft_story.save_revision(user=newsroom.user("desk_editor"))
    revision.publish(user=newsroom.user("administrator"))
    assert not ArticlePage.objects.get(pk=undated.pk).live  # embargoed until its go-live time
    # The go-live time comes (moved to just past, as the scheduler's clock would reach it).
    reschedule(page=ArticlePage.objects.get(pk=undated.pk), go_live_at=timezone.now() - timedelta(seconds=1),
               user=newsroom.user("eic"))
    assert run_due().published == [undated.pk]
    article = ArticlePage.objects.get(pk=undated.pk)
    assert article.live and article.first_published_at == EARLY[1] == article.published_at
