"""A story exists only once its writer saves it: an add form that was typed in and abandoned leaves no draft
(issue 19.8). Through the real add and edit views, as the reporter of the desk."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db

TITLE = "Lũ quét ở Mường Tè ngày 20/12: 🌧️ ba bản bị cô lập"


def typed_so_far(reporter, **fields) -> dict:
    """What the add form holds after the reporter typed a title: what its autosave would send."""
    data = {"title": TITLE, "slug": "", "format": "standard", "sapo": "",
            "body": streamfield([("paragraph", rich_text("<p>Nước lên nhanh trong đêm.</p>"))]),
            "article_authors": inline_formset([{"author": reporter.author.pk}]), "tags": "",
            "comments": inline_formset([])}
    data.update(fields)
    return nested_form_data(data)


def autosaves(html: str) -> bool:
    """Whether the page wires Wagtail's autosave controller to an element (the editor form or its indicator)."""
    return any("w-autosave" in names.split() for names in re.findall(r'data-controller="([^"]*)"', html))


def explorer(client, section) -> str:
    response = client.get(reverse("wagtailadmin_explore", args=[section.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_typing_in_the_add_form_and_leaving_leaves_no_draft(client, newsroom):
    from toasoan.news.models import ArticlePage

    reporter = newsroom.user("reporter")
    client.force_login(reporter)
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", newsroom.desk_section.pk])
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert not autosaves(html)  # the add form does not save by itself while the reporter types
    assert re.search(r'data-controller="[^"]*\bw-unsaved\b', html)  # leaving with typed text still asks first
    # An autosave from an add form opened before (a tab left open) is refused, in Vietnamese, and creates nothing.
    response = client.post(url, typed_so_far(reporter), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_message"] == "Bài mới chỉ được tạo khi bạn bấm Lưu nháp, Gửi duyệt hoặc Đăng."
    assert not ArticlePage.objects.filter(title=TITLE).exists()
    assert TITLE not in explorer(client, newsroom.desk_section)


def test_the_first_save_creates_the_story_and_the_edit_form_autosaves(client, newsroom):
    from toasoan.news.models import ArticlePage

    reporter = newsroom.user("reporter")
    client.force_login(reporter)
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", newsroom.desk_section.pk])
    response = client.post(url, typed_so_far(reporter))  # "Lưu nháp"
    page = ArticlePage.objects.get(title=TITLE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert not page.live and page.owner == reporter
    assert TITLE in explorer(client, newsroom.desk_section)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert autosaves(edit)  # once the story exists, its edits are kept as the reporter types
    # That autosave stores the change in the same story, no second one.
    saved = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                        typed_so_far(reporter, title=TITLE + " (cập nhật)", slug=page.slug,
                                     article_authors=inline_formset([])),
                        HTTP_ACCEPT="application/json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["success"] is True
    assert ArticlePage.objects.filter(title__startswith=TITLE[:20]).count() == 1
    assert ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().title == TITLE + " (cập nhật)"


def test_someone_without_a_desk_cannot_open_the_add_form(client, newsroom):
    client.force_login(newsroom.outsider)  # a reporter of Kinh tế, not Thời sự
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", newsroom.desk_section.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, typed_so_far(newsroom.outsider)).status_code in (302, 403)
