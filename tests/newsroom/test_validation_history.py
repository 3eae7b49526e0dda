"""Bad input refused in Vietnamese, naming the field, nothing lost; history, comparison, concurrent edits."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.newsroom.test_permission_matrix import article_data

pytestmark = pytest.mark.django_db


def photo(*, credit: str = ""):
    from toasoan.images.models import NewsImage

    buffer = BytesIO()
    PILImage.new("RGB", (32, 20), (10, 120, 60)).save(buffer, "PNG")
    return NewsImage.objects.create(title="Ảnh hiện trường",
                                    file=SimpleUploadedFile("a.png", buffer.getvalue(), "image/png"), credit=credit)


def submit(client, page, **fields):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                       article_data(page, **{"action-submit": "1", **fields}))


@pytest.fixture
def reporter_client(client, newsroom):
    client.force_login(newsroom.user("reporter"))
    return client


def test_submitting_without_sapo_is_refused_naming_the_field_and_keeps_the_text(reporter_client, newsroom, draft):
    page = draft(owner=newsroom.user("reporter"))
    response = submit(reporter_client, page, sapo="", title="Tít mới đã sửa kỹ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa có sapo: trường «Sapo» là bắt buộc." in html
    assert "Tít mới đã sửa kỹ" in html  # what was typed comes back in the form
    page.refresh_from_db()
    assert not page.workflow_in_progress


def test_submitting_without_title_is_refused_naming_the_field(reporter_client, newsroom, draft):
    page = draft(owner=newsroom.user("reporter"))
    response = submit(reporter_client, page, title="", sapo="Sapo vẫn giữ nguyên khi bị trả về.")
    html = response.content.decode()
    assert "Chưa có tiêu đề: trường «Tiêu đề» là bắt buộc." in html
    assert "Sapo vẫn giữ nguyên khi bị trả về." in html
    assert not Page.objects.get(pk=page.pk).specific.workflow_in_progress


def test_saving_a_draft_without_sapo_is_allowed(reporter_client, newsroom, draft):
    page = draft(owner=newsroom.user("reporter"))
    response = reporter_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                                    article_data(page, sapo="", title="Nháp chưa có sapo"))
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).get_latest_revision_as_object().title == "Nháp chưa có sapo"


def test_uploaded_photo_without_caption_or_credit_is_refused_placeholder_is_not(reporter_client, newsroom, draft):
    page = draft(owner=newsroom.user("reporter"))
    image = photo()
    body = streamfield([
        ("paragraph", rich_text("<p>Đoạn mở đầu.</p>")),
        ("figure", {"image": image.pk, "caption": "", "credit": "", "original_source": ""}),
    ])
    html = submit(reporter_client, page, body=body).content.decode()
    assert "Ảnh thứ 1 trong «Nội dung» chưa có chú thích" in html and "«Chú thích»" in html
    assert "chưa ghi tác giả ảnh" in html and "«Tác giả ảnh»" in html
    assert not Page.objects.get(pk=page.pk).specific.workflow_in_progress

    # A credit from the image library is enough; an imported placeholder (no image) is flagged, not refused.
    credited = photo(credit="Ngọc Lan")
    body = streamfield([
        ("figure", {"image": credited.pk, "caption": "Người dân xem cầu mới.", "credit": "", "original_source": ""}),
        ("figure", {"image": "", "caption": "Ảnh gốc chưa có", "credit": "", "original_source": "bài nhập"}),
    ])
    response = submit(reporter_client, page, body=body)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(pk=page.pk).specific
    assert page.workflow_in_progress
    assert page.get_latest_revision_as_object().missing_image_count == 1


def test_article_outside_a_section_is_refused_naming_the_section(newsroom):
    from toasoan.news.models import ArticlePage
    from toasoan.newsroom.forms import with_submission_checks

    form_class = ArticlePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, with_submission_checks(ArticlePage.base_form_class))
    form = form_class(
        nested_form_data({"title": "Bài lạc chỗ", "slug": "", "format": "standard", "sapo": "Có sapo.",
                          "body": streamfield([]), "article_authors": inline_formset([]), "tags": "",
                          "comments": inline_formset([])}),
        instance=ArticlePage(), parent_page=newsroom.home, for_user=newsroom.user("administrator"),
    )
    assert not form.is_valid()
    assert any("«Chuyên mục chính»" in e for e in form.non_field_errors())


def test_history_shows_who_did_what_and_revisions_compare(client, newsroom, at_step):
    page = at_step(1)  # submitted by the colleague, forwarded by the desk editor
    client.force_login(newsroom.user("managing_editor"))
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), article_data(page, title="Tít do thư ký sửa"))
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    html = history.content.decode()
    for who in ("u_colleague", "desk_editor", "managing_editor"):
        assert who in html
    revisions = list(page.revisions.order_by("created_at", "pk").values_list("pk", flat=True))
    assert len(revisions) >= 2
    compare = client.get(reverse("wagtailadmin_pages:revisions_compare",
                                 args=[page.pk, revisions[0], revisions[-1]]))
    assert compare.status_code == 200
    assert "Tít do thư ký sửa" in compare.content.decode()


def test_two_editors_on_one_story_are_warned_and_nothing_is_silently_overwritten(client, newsroom, draft):
    from django.test import Client

    page = draft(owner=newsroom.colleague)
    first, second = client, Client()
    first.force_login(newsroom.user("desk_editor"))
    second.force_login(newsroom.user("managing_editor"))
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    loaded = page.get_latest_revision()
    # Both open the editor; editing sessions tell each that the other is there.
    first.get(edit)
    second.get(edit)
    from wagtail.admin.models import EditingSession

    sessions = EditingSession.objects.filter(object_id=str(page.pk))
    assert {s.user.username for s in sessions} >= {"u_desk_editor", "u_managing_editor"}
    ping_url = reverse("wagtailadmin_editing_sessions:ping",
                       args=["wagtailcore", "page", page.pk, sessions.get(user=newsroom.user("desk_editor")).pk])
    ping = first.post(ping_url).json()
    assert any(s["user"] for s in ping["other_sessions"])

    # The first saves; the second's autosave from the stale form is refused instead of overwriting.
    first.post(edit, article_data(page, title="Bản của biên tập viên"))
    stale = {"loaded_revision_id": str(loaded.pk), "loaded_revision_created_at": loaded.created_at.isoformat()}
    response = second.post(edit, {**article_data(page, title="Bản của thư ký"), **stale},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert Page.objects.get(pk=page.pk).get_latest_revision_as_object().title == "Bản của biên tập viên"
