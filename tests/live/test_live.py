"""Live coverage through the admin's composer (real forms and permissions) and the reader's page and feed."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.newsroom.conftest import refused
from toasoan.live.models import LiveCoverage, LiveUpdate

pytestmark = pytest.mark.django_db


def composer_url(story) -> str:
    return reverse("live_composer", args=[story.pk])


def start(client, newsroom, story) -> None:
    client.force_login(newsroom.user("desk_editor"))
    response = client.post(reverse("live_start", args=[story.pk]))
    assert response.status_code == 302
    client.logout()


def post(client, user, story, **fields):
    client.force_login(user)
    data = {"kind": "text", "text": "", "quote_source": "", "embed_url": "", **fields}
    return client.post(composer_url(story), data, follow=True)


def reader_page(client, story) -> str:
    client.logout()
    response = client.get(story.canonical_path())
    assert response.status_code == 200
    return response.content.decode()


def feed(client, story, **headers):
    client.logout()
    return client.get(reverse("live:feed", kwargs={"pk": story.pk}), headers=headers)


def test_desk_posts_and_readers_get_it_on_the_page_and_in_the_feed(client, newsroom, story):
    assert feed(client, story).status_code == 404  # not a live story yet
    before = reader_page(client, story)  # cached for readers: the update must purge it
    assert 'id="truc-tiep"' not in before
    start(client, newsroom, story)

    response = post(client, newsroom.user("reporter"), story, text="09:05 — Chủ tọa khai mạc kỳ họp 🎤")
    assert "Đã đăng cập nhật lúc" in response.content.decode()
    update = LiveUpdate.objects.get()
    assert update.author == newsroom.user("reporter")

    html = reader_page(client, story)
    assert "Tường thuật trực tiếp" in html
    assert f'id="cap-nhat-{update.pk}"' in html
    assert "Chủ tọa khai mạc kỳ họp 🎤" in html
    assert '"@type":"LiveBlogPosting"' in html and "coverageStartTime" in html and "liveBlogUpdate" in html

    first = feed(client, story)
    assert first.status_code == 200
    data = json.loads(first.content)
    assert data["running"] is True
    assert [u["text"] for u in data["updates"]] == ["09:05 — Chủ tọa khai mạc kỳ họp 🎤"]
    assert first["Cache-Control"] == "public, max-age=2"
    again = feed(client, story, **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""

    post(client, newsroom.user("desk_editor"), story, kind="quote", text="Ngân sách phải chi đúng việc.",
         quote_source="Chủ tịch HĐND tỉnh")
    changed = feed(client, story, **{"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    texts = [u["text"] for u in json.loads(changed.content)["updates"]]
    assert texts == ["Ngân sách phải chi đúng việc.", "09:05 — Chủ tọa khai mạc kỳ họp 🎤"]  # newest first
    assert "Chủ tịch HĐND tỉnh" in reader_page(client, story)


def test_edit_pin_delete_and_end(client, newsroom, story):
    start(client, newsroom, story)
    post(client, newsroom.user("reporter"), story, text="Đại biểu bấm nút biểu quyết")
    update = LiveUpdate.objects.get()
    editor = newsroom.user("desk_editor")
    client.force_login(editor)
    client.post(reverse("live_change", args=[story.pk, update.pk]),
                {"kind": "text", "text": "Đại biểu biểu quyết thông qua nghị quyết", "quote_source": "",
                 "embed_url": ""})
    client.post(reverse("live_pin", args=[story.pk, update.pk]))
    html = reader_page(client, story)
    assert "thông qua nghị quyết" in html and "(đã sửa)" in html and "Đáng chú ý" in html
    assert json.loads(feed(client, story).content)["pinned"]["id"] == update.pk

    client.force_login(editor)
    client.post(reverse("live_delete", args=[story.pk, update.pk]))
    assert json.loads(feed(client, story).content)["updates"] == []
    client.force_login(editor)
    client.post(reverse("live_end", args=[story.pk]))
    assert json.loads(feed(client, story).content)["running"] is False
    assert "Tường thuật đã kết thúc" in reader_page(client, story)
    response = post(client, newsroom.user("reporter"), story, text="Sau khi kết thúc")
    assert "Tường thuật đã kết thúc: mở lại trước khi đăng cập nhật." in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_who_may_do_what(client, newsroom, story, draft):
    reporter, outsider = newsroom.user("reporter"), newsroom.outsider
    client.force_login(reporter)
    assert refused(client.post(reverse("live_start", args=[story.pk])))  # editors open the coverage
    assert not LiveCoverage.objects.exists()
    start(client, newsroom, story)
    client.force_login(outsider)  # a reporter of another desk
    assert refused(client.get(composer_url(story)))
    assert refused(client.post(composer_url(story), {"kind": "text", "text": "x"}))
    client.logout()
    assert client.get(composer_url(story)).status_code == 302  # to the login page

    post(client, newsroom.colleague, story, text="Tin của đồng nghiệp")
    theirs = LiveUpdate.objects.get()
    client.force_login(reporter)  # same desk, not the author, not an editor
    for name in ("live_change", "live_delete", "live_pin"):
        assert refused(client.post(reverse(name, args=[story.pk, theirs.pk]), {"kind": "text", "text": "sửa"}))
    assert refused(client.post(reverse("live_end", args=[story.pk])))
    assert LiveUpdate.objects.get(pk=theirs.pk).text == "Tin của đồng nghiệp"
    # A pin asked by a reporter is not given: pinning is the editors' call.
    post(client, reporter, story, text="Cập nhật của phóng viên", pinned="on")
    assert not LiveUpdate.objects.get(text="Cập nhật của phóng viên").pinned
    # An update under another story's address is not found.
    other = draft(owner=newsroom.colleague)
    client.force_login(newsroom.user("eic"))
    assert refused(client.get(composer_url(other)))  # a draft is not covered live
    response = client.post(reverse("live_delete", args=[other.pk, theirs.pk]))
    assert refused(response) or response.status_code == 404
    assert LiveUpdate.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Cập nhật chưa có nội dung."),
        ({"text": "x" * 5001}, "Cập nhật dài quá 5000 ký tự"),
        ({"kind": "image", "text": "Ảnh hội trường"}, "Cập nhật loại «Ảnh» cần một ảnh."),
        ({"kind": "embed", "text": "Video", "embed_url": "https://evil.example/x"},
         "Không nhúng được từ «evil.example»"),
        ({"kind": "embed", "text": "Video", "embed_url": "javascript:alert(1)"}, "Địa chỉ nhúng không hợp lệ."),
    ],
)
def test_bad_updates_are_refused_in_vietnamese_and_keep_what_was_typed(client, newsroom, story, fields, message):
    start(client, newsroom, story)
    response = post(client, newsroom.user("desk_editor"), story, **fields)
    html = response.content.decode()
    assert message in html
    assert "Chưa đăng được cập nhật" in html
    if fields["text"].strip() and len(fields["text"]) < 100:
        assert fields["text"] in html  # the text typed is still in the form
    assert not LiveUpdate.objects.exists()


def test_hostile_text_is_shown_as_text(client, newsroom, story):
    start(client, newsroom, story)
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'</li></ol>'
    post(client, newsroom.user("desk_editor"), story, text=hostile, kind="quote", quote_source="<b>x</b>")
    html = reader_page(client, story)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert json.loads(feed(client, story).content)["updates"][0]["text"] == hostile  # data, shown with textContent


def test_unpublished_story_stops_its_feed(client, newsroom, story, django_capture_on_commit_callbacks):
    start(client, newsroom, story)
    post(client, newsroom.user("desk_editor"), story, text="Cập nhật đầu tiên")
    assert feed(client, story).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish(user=newsroom.user("administrator"))
    assert feed(client, story).status_code == 404
    assert LiveCoverage.objects.filter(article=story).exists()  # kept, not deleted


def test_history_records_who_did_what(client, newsroom, story):
    from wagtail.models import PageLogEntry

    start(client, newsroom, story)
    post(client, newsroom.user("reporter"), story, text="Một cập nhật")
    actions = list(PageLogEntry.objects.filter(page=story).values_list("action", "user__username"))
    assert ("toasoan.live.started", "u_desk_editor") in actions
    assert ("toasoan.live.posted", "u_reporter") in actions


def test_the_demo_has_a_story_in_live_coverage(client, site_structure):
    from toasoan.demo.live import LIVE_ARTICLE_TITLE, LIVE_UPDATES
    from toasoan.demo.services import load_demo
    from toasoan.news.models import ArticlePage

    load_demo()
    load_demo()  # idempotent: the coverage is not added twice
    story = ArticlePage.objects.get(title=LIVE_ARTICLE_TITLE)
    data = json.loads(feed(client, story).content)
    assert data["running"] is True and len(data["updates"]) == len(LIVE_UPDATES)
    assert data["pinned"] is not None
    assert "Tường thuật trực tiếp" in reader_page(client, story)


def test_each_posted_and_edited_update_is_deposited_as_readers_got_it(client, newsroom, story, settings):
    from toasoan.record.models import DepositRecord
    from toasoan.record.selectors import verify_chain

    settings.TOASOAN_DEPOSIT_ENABLED = True
    start(client, newsroom, story)
    post(client, newsroom.user("reporter"), story, text="10:15 — Đại biểu bấm nút thông qua 🗳️")
    update = LiveUpdate.objects.get()
    client.force_login(newsroom.user("reporter"))
    client.post(reverse("live_change", args=[story.pk, update.pk]), {"kind": "text", "text": "10:15 — Thông qua 45/48"})
    bodies = [bytes(r.body).decode() for r in DepositRecord.objects.filter(page_id=story.pk, reason="live_update")
              .order_by("seq")]
    assert len(bodies) == 3  # the coverage opened, the update posted, the update edited
    assert "Đại biểu bấm nút thông qua 🗳️" in bodies[1] and "Thông qua 45/48" not in bodies[1]
    assert "Thông qua 45/48" in bodies[2] and "bấm nút" not in bodies[2]
    assert verify_chain().ok


def test_feeds_and_news_sitemap_carry_a_running_live_story(client, newsroom, story):
    from datetime import timedelta

    from django.utils import timezone

    from toasoan.news.models import ArticlePage

    three_days_ago = timezone.now() - timedelta(days=3)  # past the Google News window of 48 hours
    ArticlePage.objects.filter(pk=story.pk).update(published_at=three_days_ago, last_published_at=three_days_ago)
    assert f"-{story.pk}.html" not in client.get(reverse("seo:sitemap_news")).content.decode()
    start(client, newsroom, story)
    post(client, newsroom.user("reporter"), story, text="Bão vào bờ lúc 14:30 <b>ngày 13/12</b>")
    client.logout()
    news = client.get(reverse("seo:sitemap_news")).content.decode()
    assert f"-{story.pk}.html</loc>" in news and "kỳ họp thứ mười" in news
    rss = client.get(reverse("seo:feed_section", args=[newsroom.desk_section.pk])).content.decode()
    assert "<category>Tường thuật trực tiếp</category>" in rss and story.title in rss
    assert timezone.now().strftime("%d %b %Y") in rss.split("<lastBuildDate>")[1][:30]

    client.force_login(newsroom.user("desk_editor"))
    client.post(reverse("live_end", args=[story.pk]))
    client.logout()
    assert f"-{story.pk}.html" not in client.get(reverse("seo:sitemap_news")).content.decode()
    assert "Tường thuật trực tiếp" not in client.get(
        reverse("seo:feed_section", args=[newsroom.desk_section.pk])).content.decode()
