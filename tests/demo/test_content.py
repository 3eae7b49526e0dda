"""The demo newspaper's data: shape, counts and Vietnamese text, without a database."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from toasoan.core.text import slugify_vi
from toasoan.demo.content import demo_content
from toasoan.demo.schema import (
    END_MARK,
    Figure,
    Format,
    Gallery,
    Heading,
    ImageKind,
    Paragraph,
    Quote,
    Scene,
    parse_body,
    photographer,
    split_credit,
)

CONTENT = demo_content()


def test_about_thirty_articles_over_every_format():
    counts = Counter(article.format for article in CONTENT.articles)
    assert 30 <= len(CONTENT.articles) <= 36
    assert counts[Format.STANDARD] >= 14
    assert counts[Format.PHOTO] >= 4
    assert counts[Format.INFOGRAPHIC] >= 3
    assert counts[Format.MAGAZINE] >= 4
    assert counts[Format.MEDIA] >= 4
    assert {m.media.kind for m in CONTENT.articles if m.media} == {"video", "audio"}


def test_sections_six_top_level_and_nested_one_level():
    top = [s for s in CONTENT.sections if s.parent is None]
    nested = [s for s in CONTENT.sections if s.parent is not None]
    assert {s.title for s in top} >= {"Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Giáo dục"}
    assert nested and all(CONTENT.section(s.parent).parent is None for s in nested)
    for section in CONTENT.sections:
        assert section.slug == slugify_vi(section.title)
    used = {a.section for a in CONTENT.articles}
    assert used == {s.slug for s in CONTENT.sections}, "every section has articles"


def test_every_article_is_complete():
    for article in CONTENT.articles:
        assert article.title and article.sapo and article.body, article.slug
        assert article.slug == slugify_vi(article.slug), article.slug
        assert 1 <= len(article.authors) <= 2
        assert 2 <= len(article.tags) <= 4
        assert 0 < article.minutes_ago <= 10 * 24 * 60
        paragraphs = [b for b in article.body if isinstance(b, Paragraph)]
        if article.format is Format.STANDARD:
            assert 3 <= len(paragraphs) <= 8, article.slug
            assert article.figures, article.slug
        for figure in article.figures:
            assert figure.caption and figure.credit.startswith("Ảnh")
            assert figure.image.credit == photographer(figure.credit)


def test_texts_are_nfc_vietnamese_with_diacritics():
    for article in CONTENT.articles:
        texts = [article.title, article.sapo] + [b.text for b in article.body if isinstance(b, Paragraph)]
        for text in texts:
            assert unicodedata.is_normalized("NFC", text)
            assert "  " not in text
        assert any(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" for ch in article.sapo.lower())


def test_publication_times_spread_over_ten_days():
    minutes = sorted(a.minutes_ago for a in CONTENT.articles)
    assert minutes[0] < 60, "something published minutes ago ('5 phút trước')"
    assert any(60 <= m < 24 * 60 for m in minutes), "something published hours ago"
    assert minutes[-1] > 8 * 24 * 60, "something published more than a week ago"
    assert len(set(minutes)) == len(minutes)
    assert [a.minutes_ago for a in CONTENT.articles] == minutes, "newest first"


def test_photo_stories_have_captioned_galleries_of_four_to_six():
    for article in (a for a in CONTENT.articles if a.format is Format.PHOTO):
        galleries = [b for b in article.body if isinstance(b, Gallery)]
        assert len(galleries) == 1
        assert 4 <= len(galleries[0].items) <= 6
        assert all(item.caption for item in galleries[0].items)


def test_infographics_have_a_tall_image_and_a_text_alternative():
    for article in (a for a in CONTENT.articles if a.format is Format.INFOGRAPHIC):
        assert article.infographic is not None
        assert article.infographic.image.kind is ImageKind.INFOGRAPHIC
        assert len(article.infographic.text_alternative) >= 3
        assert article.cover == article.infographic.cover
        assert article.cover.kind is ImageKind.PHOTO and article.cover.scene is Scene.CHART


def test_magazines_are_long_with_chapters_and_pull_quotes():
    for article in (a for a in CONTENT.articles if a.format is Format.MAGAZINE):
        kinds = Counter(type(block) for block in article.body)
        assert kinds[Paragraph] >= 6
        assert kinds[Heading] >= 2
        assert kinds[Quote] >= 1
        assert all(q.attribution for q in article.body if isinstance(q, Quote))


def test_media_have_poster_duration_and_transcript():
    for article in (a for a in CONTENT.articles if a.format is Format.MEDIA):
        assert article.media is not None
        assert article.media.poster.kind is ImageKind.POSTER
        assert 10 <= article.media.duration_seconds <= 40  # short enough to generate at load (demo/media.py)
        assert len(article.media.transcript) >= 3
        assert article.cover == article.media.poster


def test_events_hot_pins_end_marks_and_people():
    assert len(CONTENT.events) == 3
    for event in CONTENT.events:
        assert 4 <= len(event.articles) <= 6
        assert event.slug == slugify_vi(event.title) or event.slug
        for slug in event.articles:
            assert event in CONTENT.events_of(CONTENT.article(slug).slug)
    assert 3 <= len(CONTENT.hot) <= 5
    assert sum(a.ends_with_end_mark for a in CONTENT.articles) >= 3
    # "Name - Position" style, as Vietnamese papers write officials.
    named = [b.text for a in CONTENT.articles for b in a.body if isinstance(b, Paragraph) and " - Chủ tịch" in b.text]
    assert named


def test_authors_pool_some_without_login():
    assert 6 <= len(CONTENT.authors) <= 10
    assert any(a.is_user for a in CONTENT.authors) and not all(a.is_user for a in CONTENT.authors)
    used = {slug for a in CONTENT.articles for slug in a.authors}
    assert used == {a.slug for a in CONTENT.authors}


def test_image_keys_unique_and_scenes_varied():
    keys = [image.key for image in CONTENT.images]
    assert len(keys) == len(set(keys))
    assert len({image.scene for image in CONTENT.images}) >= 10


def test_parse_body_markup():
    blocks = parse_body(
        """
        Đoạn một,
        còn tiếp.

        ## Chương hai

        > Câu trích dẫn. | Ông Nguyễn Văn A

        @sea Bãi biển. (Ảnh: Thành Duy)
        +city Phố. (Ảnh cắt clip)
        +people Đám đông. (Ảnh: Mai Hương)

        Kết thúc./.
        """,
        key_prefix="bai",
    )
    assert blocks[0] == Paragraph("Đoạn một, còn tiếp.")
    assert blocks[1] == Heading("Chương hai")
    assert blocks[2] == Quote("Câu trích dẫn.", "Ông Nguyễn Văn A")
    assert isinstance(blocks[3], Figure) and blocks[3].credit == "Ảnh: Thành Duy"
    assert blocks[3].image.key == "bai-1" and blocks[3].image.scene is Scene.SEA
    assert blocks[3].image.credit == "Thành Duy"
    assert isinstance(blocks[4], Gallery) and len(blocks[4].items) == 2
    assert blocks[4].items[0].image.credit == "Ảnh cắt clip"
    assert blocks[5] == Paragraph("Kết thúc" + END_MARK)


def test_split_credit_requires_a_credit():
    assert split_credit("Toàn cảnh hội nghị. (Ảnh: Thành Duy)") == ("Toàn cảnh hội nghị.", "Ảnh: Thành Duy")
    with pytest.raises(ValueError):
        split_credit("Không có tác giả ảnh")
