"""A page edit or publish in the admin says what changed (Wagtail's own revision comparison, stored in the entry
as it is written): the report, its CSV and the page's own history show it, as text."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.audit.conftest import csv_rows
from tests.newsroom.conftest import refused

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/site-history/"
RESULTS = "/admin/reports/site-history/results/"
OLD_TITLE = "Xã Tân Lập mở lớp bơi miễn phí cho trẻ em"
HOSTILE_TITLE = "Cầu Rạch Miễu 2 🌉 <b>thông xe</b><script>alert(1)</script>"


def body_form(page, paragraphs: dict | None = None, added: tuple[str, ...] = ()) -> dict:
    """The body as the editor's browser posts it: each existing block with its id (``paragraphs`` replaces the
    text of some, by position), then new blocks without one."""
    blocks = {}
    for index, block in enumerate(page.body):
        value = (paragraphs or {}).get(index, block.value.source if isinstance(block.value, RichText) else "")
        blocks[str(index)] = {"type": block.block_type, "value": rich_text(value), "deleted": "",
                              "order": str(index), "id": block.id}
    start = len(blocks)
    for offset, text in enumerate(added):
        blocks[str(start + offset)] = {"type": "paragraph", "value": rich_text(text), "deleted": "",
                                       "order": str(start + offset)}
    return {"count": str(len(blocks)), **blocks}


def edit_form(page, **overrides) -> dict:
    data = {"title": page.title, "slug": page.slug, "format": page.format, "sapo": page.sapo,
            "body": body_form(page), "source_attribution": page.source_attribution,
            "article_authors": inline_formset([{"author": page.owner.author.pk}]), "tags": "",
            "comments": inline_formset([])}
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def story(newsroom, draft):
    """A reporter's draft with a byline and two paragraphs (one saved revision)."""
    from toasoan.news.models import ArticleAuthor, ArticlePage

    page = draft(owner=newsroom.user("reporter"))
    page.body = [("paragraph", RichText("<p>Lớp học mở vào sáng thứ bảy.</p>")),
                 ("paragraph", RichText("<p>Mỗi lớp nhận hai mươi em.</p>"))]
    page.article_authors.add(ArticleAuthor(author=page.owner.author))
    page.save_revision(user=page.owner)
    return ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()  # as the edit form shows it


def edit(client, page, data, **extra):
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **extra)
    assert response.status_code == 302, getattr(response, "context", {}) and response.context["form"].errors
    return response


def test_an_edit_in_the_admin_shows_what_changed_in_the_report_csv_and_history(client, newsroom, story):
    editor, chief = newsroom.user("desk_editor"), newsroom.user("eic")
    client.force_login(editor)
    edit(client, story, edit_form(
        story, title=HOSTILE_TITLE, sapo="Hai hồ bơi di động " * 12, tags="bơi lội, trẻ em",
        article_authors=inline_formset([{"author": story.owner.author.pk}, {"author": newsroom.colleague.author.pk}]),
        body=body_form(story, paragraphs={1: "<p>Mỗi lớp nhận ba mươi em.</p>"},
                       added=("<p>Huấn luyện viên là bộ đội biên phòng.</p>", "<p>Đăng ký tại nhà văn hóa.</p>"))),
         REMOTE_ADDR="203.0.113.61")

    (entry,) = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=editor)
    fields = {item["name"]: item for item in entry.data["page_changes"]["fields"]}
    assert fields["title"]["before"] == OLD_TITLE and fields["title"]["after"] == HOSTILE_TITLE
    assert fields["body"]["blocks"] == {"added": 2, "changed": 1, "removed": 0}
    assert fields["sapo"]["after"].endswith("…") and len(fields["sapo"]["after"]) <= 121
    assert sorted(fields["tags"]["added"]) == ["boi-loi", "tre-em"]
    assert fields["article_authors"]["added"] == [newsroom.colleague.author.name]
    assert not {"format", "cover_image"} & set(fields)  # unchanged fields are not listed

    client.force_login(chief)
    html = client.get(RESULTS).content.decode()
    assert "tiêu đề: «Xã Tân Lập mở lớp bơi miễn phí cho trẻ em» → «Cầu Rạch Miễu 2 🌉 &lt;b&gt;thông xe" in html
    assert "nội dung: thêm 2 đoạn, sửa 1 đoạn" in html
    assert f"tác giả: thêm «{newsroom.colleague.author.name}»" in html
    assert "<script>alert(1)" not in html and "<b>thông xe" not in html
    (row,) = [row for row in csv_rows(client.get(REPORT, {"export": "csv"})) if "thêm 2 đoạn" in row["Nội dung"]]
    assert f"«{HOSTILE_TITLE}»" in row["Nội dung"] and row["Địa chỉ IP"] == "203.0.113.61"
    history = client.get(reverse("wagtailadmin_pages:history", args=[story.pk])).content.decode()
    assert "nội dung: thêm 2 đoạn, sửa 1 đoạn" in history and "<script>alert(1)" not in history

    client.force_login(editor)
    assert refused(client.get(REPORT)) and refused(client.get(RESULTS))


def test_a_save_that_changes_nothing_says_so(client, newsroom, story):
    editor = newsroom.user("desk_editor")
    client.force_login(editor)
    edit(client, story, edit_form(story))
    (entry,) = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=editor)
    assert entry.data["page_changes"]["fields"] == []
    assert entry.message.endswith(": lưu lại, không thay đổi gì")


def test_a_publish_says_what_changed_since_the_last_publication(client, newsroom, story):
    from toasoan.news.models import ArticlePage

    chief = newsroom.user("administrator")  # publishes directly; the others through the review workflow
    story.get_latest_revision().publish(user=chief)
    (first,) = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.publish")
    assert first.data["page_changes"] == {"first": True, "published": True, "fields": []}
    assert first.message.endswith(": đăng lần đầu")
    client.force_login(chief)
    story = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    # Two saved drafts, then a publish: the publish entry lists both drafts' changes against what readers saw.
    edit(client, story, edit_form(story, title="Lớp bơi miễn phí mở thêm ca chiều"))
    story = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    edit(client, story, edit_form(story, go_live_at="", expire_at="31/12/2027 18:30",
                                  body=body_form(story, paragraphs={0: "<p>Lớp học mở vào sáng chủ nhật.</p>"}),
                                  **{"action-publish": "1"}))

    published = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.publish").order_by("-pk").first()
    fields = {item["name"]: item for item in published.data["page_changes"]["fields"]}
    assert fields["title"]["before"] == OLD_TITLE and fields["title"]["after"] == "Lớp bơi miễn phí mở thêm ca chiều"
    assert fields["body"]["blocks"] == {"added": 0, "changed": 1, "removed": 0}
    assert fields["expire_at"]["before"] is None and fields["expire_at"]["after"] == "31/12/2027 18:30"
    message = published.message
    assert "tiêu đề: «Xã Tân Lập" in message and "nội dung: sửa 1 đoạn" in message
    assert "giờ gỡ bài: — → «31/12/2027 18:30»" in message
    # The last draft's own edit entry: only what that save changed.
    last_edit = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit").order_by("-pk").first()
    assert "title" not in {item["name"] for item in last_edit.data["page_changes"]["fields"]}


def test_the_report_reads_page_changes_without_a_query_per_entry(client, newsroom, story):
    editor, chief = newsroom.user("desk_editor"), newsroom.user("eic")
    client.force_login(editor)

    def queries_for_report() -> int:
        client.force_login(chief)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(RESULTS).status_code == 200
        client.force_login(editor)
        return len(captured.captured_queries)

    page = story
    for number in range(2):
        edit(client, page, edit_form(page, title=f"Tít số {number}"))
        page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    few = queries_for_report()
    for number in range(2, 6):
        edit(client, page, edit_form(page, title=f"Tít số {number}"))
        page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    assert queries_for_report() == few


def test_a_failed_comparison_never_stops_the_edit(client, newsroom, story, monkeypatch):
    from toasoan.audit import page_changes

    def broken(page):
        raise RuntimeError("so sánh hỏng")

    monkeypatch.setattr(page_changes, "comparisons_for", broken)
    editor = newsroom.user("desk_editor")
    client.force_login(editor)
    edit(client, story, edit_form(story, title="Vẫn lưu được"))
    (entry,) = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=editor)
    assert "page_changes" not in entry.data and entry.message
    assert type(story).objects.get(pk=story.pk).get_latest_revision_as_object().title == "Vẫn lưu được"


def test_the_last_approval_publishes_and_says_what_readers_will_see_changed(client, newsroom, at_step):
    """A story approved at the last step is published by the approval: its entry compares with the previous
    publication (none yet: "đăng lần đầu"); after a later edit and approval, what changed since."""
    from toasoan.news.models import ArticlePage

    deputy = newsroom.user("deputy_eic")
    page = at_step(2)
    state = page.current_workflow_task_state
    client.force_login(deputy)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    (published,) = PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
    assert published.user_id == deputy.pk and published.message.endswith(": đăng lần đầu")

    page = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.title = "Tít mới sau khi đăng"
    page.save_revision(user=newsroom.colleague, log_action=True).publish(user=newsroom.user("administrator"))
    latest = PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").order_by("-pk").first()
    assert latest.data["page_changes"]["fields"] == [
        {"name": "title", "label": "Tiêu đề", "before": OLD_TITLE, "after": "Tít mới sau khi đăng"}]


def test_a_byline_change_names_who_was_added_and_removed(newsroom, story):
    from toasoan.news.models import ArticleAuthor

    colleague = newsroom.colleague.author
    story.article_authors = [ArticleAuthor(author=colleague, sort_order=0)]
    revision = story.save_revision(user=newsroom.user("desk_editor"), log_action=True)
    entry = PageLogEntry.objects.get(revision=revision, action="wagtail.edit")
    (byline,) = entry.data["page_changes"]["fields"]
    assert byline["added"] == [colleague.name] and byline["removed"] == [story.owner.author.name]
    assert entry.message == (f"Đã lưu nháp: tác giả: thêm «{colleague.name}», bỏ «{story.owner.author.name}»")


def test_event_and_front_pages_say_what_changed_too(newsroom):
    from toasoan.events.models import EventPage

    event = newsroom.events_index.add_child(instance=EventPage(title="Bão số 3", description="Tin bão"))
    event.save_revision(user=newsroom.user("desk_editor"))
    edits = ((event, {"description": "Tin bão <i>mới</i>", "desk_section": newsroom.desk_section}),
             (newsroom.home, {"title": "Tòa Soạn 🗞"}), (newsroom.desk_section, {"intro": "Tin trong nước"}))
    for page, changes in edits:
        page = type(page).objects.get(pk=page.pk)
        page.save_revision(user=newsroom.user("eic"))
        for name, value in changes.items():
            setattr(page, name, value)
        revision = page.save_revision(user=newsroom.user("eic"), log_action=True)
        entry = PageLogEntry.objects.get(revision=revision, action="wagtail.edit")
        assert {item["name"] for item in entry.data["page_changes"]["fields"]} == set(changes), page
    entry = PageLogEntry.objects.filter(page_id=event.pk, action="wagtail.edit").get()
    assert "mô tả: «Tin bão» → «Tin bão <i>mới</i>»" in entry.message
    assert "ban phụ trách: — → «Thời sự»" in entry.message


def test_a_changed_photo_is_compared_without_writing_anything(client, newsroom, story):
    """The comparison only reads: a story whose figure gets another photo is saved with its summary, made before
    the entry is written (inside the editor's transaction), and no rendition of either photo is made or written
    on the way (Wagtail's comparison page draws the photos; the summary does not)."""
    from django.db.models.signals import pre_save
    from wagtail.images.tests.utils import get_test_image_file

    from toasoan.images.models import NewsImage, NewsRendition
    from toasoan.news.models import ArticlePage

    first, second = (NewsImage.objects.create(title=title, file=get_test_image_file())
                     for title in ("Hồ bơi buổi sáng", "Hồ bơi buổi chiều"))
    story.body = [*((block.block_type, block.value) for block in story.body),
                  ("figure", {"image": first, "caption": "Hồ bơi", "credit": "", "original_source": ""})]
    story.cover_image = first
    story.save_revision(user=story.owner)
    page = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    body = body_form(page)
    body["2"]["value"] = {"image": str(second.pk), "caption": "Hồ bơi", "credit": "", "original_source": ""}
    written: list[str] = []

    def watch(execute, sql, params, many, context):
        if sql.split()[0].upper() not in ("SELECT", "SAVEPOINT", "RELEASE"):
            written.append(sql)
        return execute(sql, params, many, context)

    def while_logging(sender, instance, **kwargs):  # connected after the summary's own receiver: runs after it
        if instance.action == "wagtail.edit":
            logged.append(dict(instance.data))

    logged: list[dict] = []
    client.force_login(newsroom.user("desk_editor"))
    pre_save.connect(while_logging, sender=PageLogEntry, dispatch_uid="test_while_logging")
    try:
        with connection.execute_wrapper(watch):
            renditions = NewsRendition.objects.count()
            edit(client, page, edit_form(page, body=body, cover_image=str(first.pk)))
    finally:
        pre_save.disconnect(sender=PageLogEntry, dispatch_uid="test_while_logging")

    assert NewsRendition.objects.count() == renditions
    (entry,) = PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.edit", user=newsroom.user("desk_editor"))
    assert entry.message == "Đã lưu nháp: nội dung: sửa 1 đoạn"
    assert logged and logged[0]["page_changes"] == entry.data["page_changes"]  # made before the entry's INSERT
    assert not [sql for sql in written if "rendition" in sql.lower()]
