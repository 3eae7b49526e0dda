"""Body blocks cached by their content: a publish re-renders only the blocks it changed."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "<p>Mưa lớn kéo dài từ đêm qua khiến nhiều tuyến đường liên xã bị ngập sâu.</p>",
    "<p>Lực lượng xung kích đã giúp 40 hộ dân di dời tài sản đến nơi an toàn.</p>",
    "<p>Chính quyền xã đề nghị người dân không qua lại các ngầm tràn khi nước lên.</p>",
]


@pytest.fixture
def no_page_cache(settings, tmp_path):
    settings.TOASOAN_PAGE_CACHE = "off"
    settings.VAR_DIR = tmp_path
    return settings


@pytest.fixture
def renders(monkeypatch):
    """The body blocks rendered (not served from the block cache), as (type, text) pairs."""
    from wagtail.blocks import StreamValue

    made: list[tuple[str, str]] = []
    original = StreamValue.StreamChild.render_as_block

    def counting(self, context=None):
        html = original(self, context)
        made.append((self.block_type, str(html)))
        return html

    monkeypatch.setattr(StreamValue.StreamChild, "render_as_block", counting)
    return made


def body(paragraphs, quote="Nước lên nhanh lắm, chỉ trong một giờ."):
    blocks = [{"type": "paragraph", "value": text} for text in paragraphs]
    blocks.insert(1, {"type": "quote", "value": {"text": quote, "attribution": "Một người dân", "pull": False}})
    return json.dumps(blocks)


def publish(commit, page, **changes):
    from toasoan.news.models import ArticlePage

    fresh = ArticlePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(fresh, name, value)
    commit(lambda: fresh.save_revision().publish())


def test_a_sapo_edit_re_renders_no_body_block(no_page_cache, reader, commit, make_article, renders):
    article = make_article(title="Mưa lớn gây ngập nhiều xã miền núi", body=body(PARAGRAPHS))
    first = reader.get(article.canonical_path()).content.decode()
    assert [kind for kind, _ in renders] == ["paragraph", "quote", "paragraph", "paragraph"]
    renders.clear()

    publish(commit, article, sapo="Hơn 40 hộ dân được giúp di dời tài sản trong đêm.")
    after = reader.get(article.canonical_path()).content.decode()

    assert "Hơn 40 hộ dân được giúp di dời tài sản trong đêm." in after
    assert renders == []  # the publish emptied the article's fragments, but its blocks did not change
    for text in PARAGRAPHS:
        assert text in first
        assert text in after
    start = first.index('<div class="article__body">')
    assert after[after.index('<div class="article__body">'):][:2000] == first[start:][:2000]


def test_editing_one_paragraph_re_renders_that_block_only(no_page_cache, reader, commit, make_article, renders):
    article = make_article(title="Ngầm tràn bị chia cắt sau mưa", body=body(PARAGRAPHS))
    reader.get(article.canonical_path())
    renders.clear()

    edited = [PARAGRAPHS[0], "<p>Lực lượng xung kích đã giúp 52 hộ dân di dời tài sản.</p>", PARAGRAPHS[2]]
    publish(commit, article, body=body(edited))
    html = reader.get(article.canonical_path()).content.decode()

    assert [kind for kind, _ in renders] == ["paragraph"]
    assert "52 hộ dân" in renders[0][1]
    assert "52 hộ dân" in html
    assert "40 hộ dân" not in html


def test_the_page_is_the_same_with_and_without_cached_blocks(no_page_cache, reader, make_article, renders):
    from toasoan.caching import store

    article = make_article(title="Hai xã cùng khắc phục hậu quả mưa lũ", body=body(PARAGRAPHS))
    made = reader.get(article.canonical_path()).content.decode()  # every block rendered
    assert len(renders) == 4
    renders.clear()
    store.bump({f"a:{article.pk}"})  # the article's own fragments are out of date, its blocks are not
    served = reader.get(article.canonical_path()).content.decode()
    assert renders == []
    assert served == made


def test_the_same_block_in_two_stories_is_rendered_once(no_page_cache, reader, make_article, renders):
    first = make_article(title="Huyện miền núi chủ động ứng phó mưa lũ", body=body(PARAGRAPHS))
    second = make_article(title="Xã vùng trũng sẵn sàng sơ tán dân", body=body([PARAGRAPHS[0], "<p>Khác.</p>"]))
    reader.get(first.canonical_path())
    renders.clear()
    reader.get(second.canonical_path())
    assert [text for _, text in renders if "Mưa lớn kéo dài" in text] == []
    assert any("Khác." in text for _, text in renders)


def test_a_preview_neither_reads_nor_writes_block_entries(rf, make_article, renders):
    from django.core.cache import cache

    from toasoan.caching.blocks import block_key, render_body

    article = make_article(title="Bản nháp chưa xuất bản", body=body(PARAGRAPHS))
    request = rf.get(article.canonical_path())
    site = f"{request.scheme}://{request.get_host()}"
    keys = [block_key(block_type=item["type"], value=item["value"], site=site) for item in article.body.raw_data]
    render_body(article.body, request=request)  # a reader's render stores the blocks
    assert all(cache.get(key) is not None for key in keys)
    renders.clear()
    cache.clear()
    request.is_preview = True
    html = render_body(article.body, request=request)
    render_body(article.body, request=request)
    assert len(renders) == 8  # every block rendered both times: nothing stored, nothing read
    assert all(cache.get(key) is None for key in keys)
    assert PARAGRAPHS[0] in html


def test_only_and_skip_choose_blocks_by_type(rf, make_article):
    from toasoan.caching.blocks import render_body

    article = make_article(title="Lũ quét ở bản vùng cao", body=body(PARAGRAPHS))
    request = rf.get(article.canonical_path())
    quotes = render_body(article.body, request=request, only=["quote"])
    text = render_body(article.body, request=request, skip=["quote"])
    assert quotes.count('class="block block--quote"') == 1
    assert "block--paragraph" not in quotes
    assert text.count('class="block block--paragraph"') == 3
    assert "block--quote" not in text


@pytest.fixture
def block_reads(monkeypatch):
    """Keys of the block entries read from the cache (the body's blocks looked up one by one)."""
    from toasoan.caching import blocks

    read: list[list[str]] = []
    original = blocks.cache.get_many

    def counting(keys, *args, **kwargs):
        if any(str(key).startswith(blocks.BLOCK_PREFIX) for key in keys):
            read.append(list(keys))
        return original(keys, *args, **kwargs)

    monkeypatch.setattr(blocks.cache, "get_many", counting)
    return read


def test_after_a_sapo_edit_the_body_comes_from_the_out_of_date_story_entry(no_page_cache, reader, commit,
                                                                             make_article, renders, block_reads):
    article = make_article(title="Nước rút, người dân về dọn nhà", body=body(PARAGRAPHS))
    first = reader.get(article.canonical_path()).content.decode()
    renders.clear()
    block_reads.clear()

    publish(commit, article, sapo="Nước rút nhanh sau một đêm.")
    after = reader.get(article.canonical_path()).content.decode()

    assert "Nước rút nhanh sau một đêm." in after
    assert renders == [] and block_reads == []  # the story's previous entry already held this body
    start = first.index('<div class="article__body">')
    assert after[after.index('<div class="article__body">'):][:2000] == first[start:][:2000]

    publish(commit, article, sapo="Nước rút hẳn sau hai ngày.")  # carried again: kept from entry to entry
    assert "Nước rút hẳn sau hai ngày." in reader.get(article.canonical_path()).content.decode()
    assert renders == [] and block_reads == []


def test_a_body_edit_or_an_old_entry_is_not_carried_over(no_page_cache, reader, commit, make_article, renders,
                                                         block_reads, settings, monkeypatch):
    import time
    from types import SimpleNamespace

    article = make_article(title="Đê bao được gia cố trước mùa mưa", body=body(PARAGRAPHS))
    reader.get(article.canonical_path())
    block_reads.clear()
    edited = [PARAGRAPHS[0], "<p>Đoạn đê xung yếu dài 300 mét đã được kè đá.</p>", PARAGRAPHS[2]]
    publish(commit, article, body=body(edited))
    html = reader.get(article.canonical_path()).content.decode()
    assert "300 mét" in html and "40 hộ dân" not in html
    assert len(block_reads) == 1  # a new body: its blocks are looked up

    block_reads.clear()
    settings.TOASOAN_FRAGMENT_SECONDS = 60
    from toasoan.caching import fragments

    # As if the story's entry had been made a minute ago: too old to carry its body over.
    monkeypatch.setattr(fragments, "time", SimpleNamespace(time=lambda: time.time() + 61))
    publish(commit, article, sapo="Đê đã sẵn sàng cho mùa mưa.")
    assert "Đê đã sẵn sàng" in reader.get(article.canonical_path()).content.decode()
    assert len(block_reads) == 1
