import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toasoan.core.text import fold, normalize_line, normalize_text, slugify_vi

BASES = {"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i", "o": "o", "ô": "o", "ơ": "o",
         "u": "u", "ư": "u", "y": "y"}
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def vietnamese_letters() -> list[tuple[str, str]]:
    """Every non-ASCII Vietnamese letter with the ASCII letter its slug must keep."""
    letters = []
    for base, ascii_base in BASES.items():
        for tone in TONES:
            letter = unicodedata.normalize("NFC", base + tone)
            if letter.isascii():
                continue
            letters.append((letter, ascii_base))
    letters.append(("đ", "d"))
    return letters + [(letter.upper(), ascii_base) for letter, ascii_base in letters]


def test_there_are_134_non_ascii_letters():
    letters = vietnamese_letters()
    assert len(letters) == 134
    assert len({letter for letter, _ in letters}) == 134


@pytest.mark.parametrize(("letter", "expected"), vietnamese_letters())
def test_slug_and_fold_of_every_letter(letter, expected):
    assert slugify_vi(f"x{letter}x") == f"x{expected}x"
    assert fold(letter) == expected
    # NFD input (Mac clipboards) gives the same result.
    assert slugify_vi("x" + unicodedata.normalize("NFD", letter) + "x") == f"x{expected}x"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội Đảng các cấp", "dai-hoi-dang-cac-cap"),
        ("Đại hội Đảng các cấp Đà Nẵng", "dai-hoi-dang-cac-cap-da-nang"),
        ("Tập trung chuẩn bị Đại hội Đảng các cấp tiến tới Đại hội XIII của Đảng",
         "tap-trung-chuan-bi-dai-hoi-dang-cac-cap-tien-toi-dai-hoi-xiii-cua-dang"),
        ("  Nhiệm kỳ 2020 – 2025: “đổi mới”!  ", "nhiem-ky-2020-2025-doi-moi"),
        ("ĐƯỜNG LÊN BẢN", "duong-len-ban"),
    ],
)
def test_slugify_vi(title, slug):
    assert slugify_vi(title) == slug


def test_slug_is_cut_on_a_word_boundary():
    slug = slugify_vi("Đường " * 60, max_length=30)
    assert len(slug) <= 30
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"duong"}


def test_normalize_text_handles_scraped_whitespace():
    raw = "Đồng chí\u00a0Phạm\u200b Minh\tChính \r\n  phát biểu\ufeff"
    assert normalize_text(raw) == "Đồng chí Phạm Minh Chính\nphát biểu"
    assert normalize_line(raw) == "Đồng chí Phạm Minh Chính phát biểu"
    assert normalize_text(unicodedata.normalize("NFD", "Nghệ An")) == "Nghệ An"


def test_fold_tone_placement_variants_agree():
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("Khoá") == fold("Khóa") == "khoa"
    assert fold("thuỷ") == fold("thủy") == "thuy"


# --- every input gives a slug the article URL pattern accepts (issue 20, point 4) -----------------

SLUG_SHAPE = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("🔴 Trực tiếp: Quốc hội họp phiên bế mạc", "truc-tiep-quoc-hoi-hop-phien-be-mac"),
        ("snake_case_title", "snake-case-title"),
        ("Giá vàng ↑ 5% ✓", "gia-vang-5"),
        ("👨‍👩‍👧 Gia đình", "gia-dinh"),
        ("北京 奥运", "beijing-aoyun"),
        ("Москва сегодня", "moskva-segodnya"),
        ("a__b--c", "a-b-c"),
        ("🔥🔥", ""),
    ],
)
def test_emoji_symbols_underscores_and_other_scripts(title, slug):
    assert slugify_vi(title) == slug


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80), st.integers(min_value=1, max_value=200))
def test_every_input_gives_an_ascii_slug(text, max_length):
    slug = slugify_vi(text, max_length=max_length)
    assert SLUG_SHAPE.fullmatch(slug), slug
    assert len(slug) <= max_length
