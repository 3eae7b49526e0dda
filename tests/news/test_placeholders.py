"""Readers never see placeholders; editors still see what is missing (in the preview and the editor)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

CAPTION = "Toàn cảnh hội nghị tại điểm cầu Nghệ An, ngày 20/12."


def _body(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@pytest.fixture
def story(make_article):
    return make_article(title="Hội nghị giao ban trực tuyến", body=_body(
        ("paragraph", "<p>Chiều nay hội nghị diễn ra tại 63 điểm cầu.</p>"),
        ("figure", {"image": None, "caption": CAPTION, "credit": "Ảnh: Thành Duy", "original_source": ""}),
        ("figure", {"image": None, "caption": "", "credit": "", "original_source": ""}),
        ("media", {"kind": "video", "file": None, "embed": None, "poster": None, "duration": "03:34",
                   "transcript": "Lời dẫn của phóng viên."}),
    ))


def test_readers_get_the_caption_of_a_figure_without_image_and_no_placeholder(client, story):
    html = client.get(story.canonical_path()).content.decode()
    assert f'<p class="figure-text">{CAPTION} <span class="figure__credit">' in html
    assert "figure__placeholder" not in html and "đang được cập nhật" not in html
    assert "<video" not in html and "media__missing" not in html and "Thời lượng" not in html
    assert "VideoObject" not in html  # nor to search engines
    assert "Lời dẫn của phóng viên." in html  # what the item says is kept, as text


def test_editors_see_the_warnings_in_the_preview_and_the_editor(admin_client, story):
    preview = story.make_preview_request().content.decode()
    assert preview.count('class="figure__placeholder"') == 2
    assert "Ảnh chưa có tệp: bạn đọc chỉ thấy chú thích dưới đây." in preview
    assert "Chưa có tệp phát hoặc địa chỉ nhúng" in preview
    editor = admin_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Bài có 2 ảnh chưa có tệp" in editor


def test_no_empty_events_box(client, site_structure, make_article):
    from toasoan.events.models import EventPage

    alone = make_article(title="Bài không thuộc sự kiện nào")
    assert "Sự kiện liên quan" not in client.get(alone.canonical_path()).content.decode()

    event = site_structure.events_index.add_child(instance=EventPage(title="Bão số 3", slug="bao-so-3"))
    event.save_revision().publish()
    first = make_article(title="Bão số 3 đổ bộ")
    second = make_article(title="Khắc phục hậu quả bão số 3")
    for article in (first, second):
        article.events.add(event)
        article.save_revision().publish()
    html = client.get(second.canonical_path()).content.decode()
    box = html[html.index('aria-labelledby="su-kien-lien-quan"'):]
    assert "Bão số 3" in box and first.canonical_path() in box
