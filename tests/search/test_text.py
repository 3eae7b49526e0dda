from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from toasoan.search.text import exact_key, expand_for_index, fold_aligned, index_tokens, parse_query, roman_to_int


def test_exact_key_is_tone_placement_independent_and_keeps_words_apart():
    assert exact_key("hoà") == exact_key("hòa") == "hoaf"
    assert exact_key("thuỷ") == exact_key("thủy")
    assert exact_key("khoá") == exact_key("khóa")
    keys = {exact_key(w) for w in ("đảng", "đang", "đăng", "dạng")}
    assert len(keys) == 4
    assert exact_key("đảng") == "ddangr"


def test_exact_key_ignores_composition():
    word = "Nguyễn"
    assert exact_key(unicodedata.normalize("NFD", word).lower()) == exact_key(word.lower())


def test_query_tokens_fold_every_diacritic_including_d():
    assert parse_query("Đại hội Đảng").folded == ["dai", "hoi", "dang"]
    assert parse_query("Đai hoi").folded == ["dai", "hoi"]
    assert parse_query("Đảng").exact == ["ddangr"]
    assert parse_query("dang").exact == []


def test_equivalences_meet_on_the_long_form():
    assert parse_query("UBND tinh").folded == [t.folded for t in index_tokens("Ủy ban nhân dân tỉnh")]
    assert parse_query("ubnd").folded == parse_query("Uỷ ban nhân dân").folded
    assert parse_query("HĐND").folded == parse_query("hdnd").folded == ["hoi", "dong", "nhan", "dan"]
    assert parse_query("TW").folded == ["trung", "uong"]
    assert parse_query("btv").folded == ["ban", "thuong", "vu"]
    assert parse_query("đ/c Hùng").folded == ["dong", "chi", "hung"]
    assert parse_query("TP Vinh").folded == ["thanh", "pho", "vinh"]
    assert [t.folded for t in index_tokens("Khóa XII, Đại hội XIII")] == ["khoa", "12", "dai", "hoi", "13"]
    assert parse_query("khoa xiii").folded == ["khoa", "13"]
    # Lower-case syllables that happen to be roman letters stay words.
    assert parse_query("vi phạm").folded == ["vi", "pham"]
    # In running text only capitals are abbreviations.
    assert "thanh pho" not in " ".join(t.folded for t in index_tokens("tp của nó"))


def test_roman_numerals():
    assert roman_to_int("XIII") == 13
    assert roman_to_int("XIV") == 14
    assert roman_to_int("IIII") is None
    assert expand_for_index("Khóa IX") == "Khóa 9"


def test_query_syntax_characters_are_separators():
    parsed = parse_query('"dang" AND (hoi) OR NEAR* ^x\' -- ; DROP TABLE')
    assert parsed.folded == ["dang", "and", "hoi", "or", "near", "x", "drop", "table"]
    assert parse_query("\x00\x1f 🎉 ").is_empty
    assert len(parse_query("a " * 5000).tokens) <= 12


@given(st.text(max_size=300))
def test_parse_query_never_fails_and_yields_alphanumeric_tokens(text):
    for token in parse_query(text).tokens:
        assert token.folded and all(ch.isalnum() for ch in token.folded)


@given(st.text(max_size=200))
def test_fold_aligned_keeps_offsets(text):
    assert len(fold_aligned(text)) == len(text)
