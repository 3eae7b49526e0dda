"""Desk boundaries beyond articles: events, expiry times, what choosers and the admin search show, and no
Wagtail default groups left over."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.newsroom.conftest import refused
from tests.newsroom.test_permission_matrix import article_data

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def event_form(title: str, desk_section=None, **extra) -> dict:
    return nested_form_data({
        "title": title, "slug": "", "description": "Theo dõi diễn biến.", "cover_image": "",
        "desk_section": desk_section.pk if desk_section else "", "comments": inline_formset([]),
        "action-publish": "1", **extra,
    })


@pytest.fixture
def events(newsroom):
    from toasoan.events.models import EventPage

    made = {}
    for key, section in (("mine", newsroom.desk_section), ("theirs", newsroom.other_section)):
        event = newsroom.events_index.add_child(instance=EventPage(
            title=f"Sự kiện của ban {section.title}", desk_section=section, live=False))
        event.save_revision().publish()
        made[key] = EventPage.objects.get(pk=event.pk)
    return made


def test_desk_editor_keeps_to_his_desks_events(newsroom, events):
    from toasoan.events.models import EventPage

    client = client_for(newsroom.user("desk_editor"))
    mine, theirs = events["mine"], events["theirs"]
    # His desk's event: edit and publish.
    client.post(reverse("wagtailadmin_pages:edit", args=[mine.pk]),
                event_form("Bão số 3 (cập nhật)", newsroom.desk_section))
    mine.refresh_from_db()
    assert mine.title == "Bão số 3 (cập nhật)"
    # Another desk's event: neither edit nor take down.
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])))
    client.post(reverse("wagtailadmin_pages:edit", args=[theirs.pk]), event_form("Đã bị sửa", newsroom.other_section))
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[theirs.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[mine.pk])))
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.title == "Sự kiện của ban Kinh tế" and theirs.live and mine.live
    # A new event must name one of his desk's sections.
    add = reverse("wagtailadmin_pages:add", args=["events", "eventpage", newsroom.events_index.pk])
    page = client.post(add, event_form("Sự kiện không ban")).content.decode()
    assert "Chưa chọn ban phụ trách" in page
    client.post(add, event_form("Sự kiện ban khác", newsroom.other_section))
    assert not EventPage.objects.filter(title="Sự kiện ban khác").exists()
    client.post(add, event_form("Sự kiện ban mình", newsroom.desk_section))
    assert EventPage.objects.get(title="Sự kiện ban mình").live


def test_deputy_takes_down_any_event(newsroom, events):
    client = client_for(newsroom.user("deputy_eic"))
    client.post(reverse("wagtailadmin_pages:unpublish", args=[events["theirs"].pk]))
    events["theirs"].refresh_from_db()
    assert not events["theirs"].live


def test_reporter_cannot_schedule_an_unpublish(newsroom, draft):
    reporter = newsroom.user("reporter")
    page = draft(owner=reporter)
    client = client_for(reporter)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           article_data(page, title="Bản nháp có giờ gỡ", expire_at="2027-01-31 08:00"))
    assert response.status_code == 302
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object()
    assert saved.title == "Bản nháp có giờ gỡ" and saved.expire_at is None
    # The deputy editor-in-chief, who may take stories down, may set it.
    deputy_client = client_for(newsroom.user("deputy_eic"))
    response = deputy_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                                  article_data(page, expire_at="2027-01-31 08:00"))
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().expire_at is not None


def test_chooser_and_search_hide_drafts_one_may_not_open(newsroom, draft):
    secret_title = "Bản nháp mật của ban Kinh tế về lãi suất"
    draft(owner=newsroom.outsider, section=newsroom.other_section, title=secret_title)
    colleague_title = "Bản nháp của đồng nghiệp cùng ban"
    draft(owner=newsroom.colleague, title=colleague_title)
    own_title = "Bản nháp của chính phóng viên"
    draft(owner=newsroom.user("reporter"), title=own_title)
    reporter = client_for(newsroom.user("reporter"))
    screens = [
        reporter.get(reverse("wagtailadmin_choose_page_child", args=[newsroom.other_section.pk])),
        reporter.get(reverse("wagtailadmin_choose_page_child", args=[newsroom.desk_section.pk])),
        reporter.get(reverse("wagtailadmin_choose_page_search"), {"q": "Bản nháp"}),
        reporter.get(reverse("wagtailadmin_pages:search"), {"q": "Bản nháp"}),
        reporter.get(reverse("wagtailadmin_explore", args=[newsroom.desk_section.pk])),
    ]
    text = "".join(screen.content.decode() for screen in screens)
    assert secret_title not in text and colleague_title not in text
    assert own_title in text
    # The managing editor, who may open them, finds them.
    managing = client_for(newsroom.user("managing_editor"))
    found = managing.get(reverse("wagtailadmin_pages:search"), {"q": "Bản nháp"}).content.decode()
    assert secret_title in found and colleague_title in found


def test_no_wagtail_default_groups_left():
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


# --- Bylines (people.Author) follow the desks --------------------------------------------------------------

def author_form(author, **changes) -> dict:
    data = {"name": author.name, "slug": author.slug, "user": author.user_id or "", "bio": author.bio,
            "photo": ""}
    return {**data, **changes}


@pytest.fixture
def bylines(newsroom):
    from toasoan.people.models import Author

    def byline_of(user, name: str):  # every account gets its byline when it is made; named here
        Author.objects.filter(user=user).update(name=name)
        return Author.objects.get(user=user)

    return {
        "colleague": byline_of(newsroom.colleague, "Trần Thị Ánh"),
        "outsider": byline_of(newsroom.outsider, "Phạm Đức Khải"),
        "chief": byline_of(newsroom.user("eic"), "Tổng biên tập"),
        "stringer": Author.objects.create(name="CTV Hồ Nguyệt 🌙", slug="ctv-ho-nguyet"),
    }


def test_desk_editor_changes_only_his_desks_bylines(newsroom, bylines):
    from toasoan.people.models import Author

    client = client_for(newsroom.user("desk_editor"))
    edit = lambda author: reverse("wagtailsnippets_people_author:edit", args=[author.pk])  # noqa: E731
    # His desk's reporter, and a byline of no account: edited.
    for key, name in (("colleague", "Trần Thị Ánh (Thời sự)"), ("stringer", "CTV Hồ Nguyệt — Huế")):
        assert client.get(edit(bylines[key])).status_code == 200
        response = client.post(edit(bylines[key]), author_form(bylines[key], name=name))
        assert response.status_code == 302, key
        assert Author.objects.get(pk=bylines[key].pk).name == name
    # Another desk's reporter, the editor-in-chief: refused, unchanged (GET and POST, and delete).
    for key in ("outsider", "chief"):
        author = bylines[key]
        assert refused(client.get(edit(author))), key
        assert refused(client.post(edit(author), author_form(author, name="Đã bị sửa", bio="<script>x</script>")))
        assert refused(client.post(reverse("wagtailsnippets_people_author:delete", args=[author.pk])))
        assert Author.objects.get(pk=author.pk).name == author.name


def test_desk_editor_cannot_link_a_byline_to_an_account_outside_his_desk(newsroom, bylines):
    from toasoan.people.models import Author

    client = client_for(newsroom.user("desk_editor"))
    stringer = bylines["stringer"]
    for account in (newsroom.outsider, newsroom.user("eic")):
        response = client.post(reverse("wagtailsnippets_people_author:edit", args=[stringer.pk]),
                               author_form(stringer, name="CTV Hồ Nguyệt (đổi tên)", user=account.pk))
        assert response.status_code == 200  # the form again, with what was typed
        text = response.content.decode()
        assert "Chỉ gắn được bút danh với tài khoản của ban mình" in text
        assert "CTV Hồ Nguyệt (đổi tên)" in text
        assert Author.objects.get(pk=stringer.pk).user_id is None
    # A new byline for another desk's reporter: refused the same way; for his colleague: made.
    add = reverse("wagtailsnippets_people_author:add")
    blank = {"name": "", "slug": "", "user": "", "bio": "", "photo": ""}
    response = client.post(add, {**blank, "name": "Phạm Khải", "slug": "pham-khai", "user": newsroom.outsider.pk})
    assert response.status_code == 200 and not Author.objects.filter(name="Phạm Khải").exists()
    assert client.post(add, {**blank, "name": "Ánh Trần (cộng tác)", "slug": "anh-tran"}).status_code == 302
    assert Author.objects.get(name="Ánh Trần (cộng tác)").user is None


def test_managing_editor_changes_any_desks_byline(newsroom, bylines):
    from toasoan.people.models import Author

    client = client_for(newsroom.user("managing_editor"))
    outsider = bylines["outsider"]
    response = client.post(reverse("wagtailsnippets_people_author:edit", args=[outsider.pk]),
                           author_form(outsider, name="Phạm Đức Khải (Kinh tế)"))
    assert response.status_code == 302
    assert Author.objects.get(pk=outsider.pk).name == "Phạm Đức Khải (Kinh tế)"
