"""Entity extraction: the seed page, the two ways of naming officials, bad input, properties."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toasoan.entities.extraction import extract_entities

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
SEED_TEXT = SEED / "000_f29a639858279024.txt"
SEED_EXPECTED = SEED / "000_f29a639858279024.expected.json"


def _people(text: str) -> dict[str, list[str]]:
    return {p.name: p.position_texts for p in extract_entities(text).people}


@pytest.mark.seed
@pytest.mark.skipif(not SEED_TEXT.exists(), reason="../shared/seed is not beside the repository")
def test_seed_page_yields_exactly_the_expected_people_and_positions() -> None:
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    result = extract_entities(SEED_TEXT.read_text(encoding="utf-8"))
    got = {p.name: p.position_texts for p in result.people}
    assert got == {p["name"]: p["positions"] for p in expected["people"]}
    organisations = {o.name for o in result.organisations}
    assert set(expected["organisations_at_least"]) <= organisations
    assert set(expected["places_at_least"]) <= {p.name for p in result.places}
    # The position-first mention is the same person, found again (5 mentions in the page).
    chinh = result.person("Phạm Minh Chính")
    assert chinh is not None and len(chinh.mentions) >= 4
    assert "Trưởng ban Tổ chức Trung ương Phạm Minh Chính" in result.sentence(chinh.mentions[2].sentence)


def test_list_form_with_honorific_and_organisations() -> None:
    text = (
        "Dự họp có các đ/c: Trần Văn Khải - Ủy viên BTV, Trưởng ban Tuyên giáo Tỉnh ủy; "
        "Lê Thị Hạnh - Phó Chủ tịch UBND tỉnh Hà Tĩnh chủ trì."
    )
    result = extract_entities(text)
    assert _people(text) == {
        "Trần Văn Khải": ["Ủy viên BTV", "Trưởng ban Tuyên giáo Tỉnh ủy"],
        "Lê Thị Hạnh": ["Phó Chủ tịch UBND tỉnh Hà Tĩnh"],
    }
    hanh = result.person("Lê Thị Hạnh")
    assert hanh is not None and hanh.positions[0].organisation == "UBND tỉnh Hà Tĩnh"
    khai = result.person("Trần Văn Khải")
    assert khai is not None and khai.positions[1].organisation == "Ban Tuyên giáo Tỉnh ủy"
    assert "Hà Tĩnh" in {p.name for p in result.places}


def test_position_first_splits_place_from_name() -> None:
    text = "Bí thư Tỉnh ủy Nghệ An Trần Nghệ An thăm trường học."
    result = extract_entities(text)
    assert _people(text) == {"Trần Nghệ An": ["Bí thư Tỉnh ủy Nghệ An"]}
    assert [p.name for p in result.places] == ["Nghệ An"]


def test_foreign_leader_and_country() -> None:
    text = "Tổng thống Pháp Étienne Marceau hội đàm với Thủ tướng Phạm Minh Chính."
    assert _people(text) == {"Étienne Marceau": ["Tổng thống Pháp"], "Phạm Minh Chính": ["Thủ tướng"]}
    assert "Pháp" in {p.name for p in extract_entities(text).places}


def test_street_and_school_names_are_not_people() -> None:
    text = "Đường Trần Phú được mở rộng; học sinh trường THPT Huỳnh Thúc Kháng trồng cây."
    assert extract_entities(text).people == []


def test_byline_like_two_word_name_alone_is_not_a_person() -> None:
    assert extract_entities("Hội nghị kết thúc lúc 17 giờ.\n\nMai Hương").people == []


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_odd_dashes(dash: str) -> None:
    text = f"Ông Hoàng Văn Nam {dash} Chủ tịch UBND huyện Nghi Lộc phát biểu."
    assert _people(text) == {"Hoàng Văn Nam": ["Chủ tịch UBND huyện Nghi Lộc"]}


def test_no_diacritics_and_all_caps_do_not_crash_and_still_find_names() -> None:
    assert _people("Pham Minh Chinh - Thu tuong Chinh phu du hoi nghi.") == {"Pham Minh Chinh": ["Thu tuong Chinh phu"]}
    result = extract_entities("ĐỒNG CHÍ NGUYỄN VĂN AN - BÍ THƯ HUYỆN ỦY, PHÁT BIỂU TẠI BUỔI LỄ KỶ NIỆM.")
    assert [p.name for p in result.people] == ["Nguyễn Văn An"]


def test_nfd_input_and_nbsp_are_normalised() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Đồng\u00a0chí Phạm Minh Chính phát biểu.")
    assert [p.name for p in extract_entities(text).people] == ["Phạm Minh Chính"]


def _timed(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.thread_time()
        extract_entities(text)
        best = min(best, time.thread_time() - started)
    return best


def test_time_grows_linearly_with_a_long_list_of_names() -> None:
    extract_entities("Khởi động.")
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"]
    given = ["An", "Bình", "Cường", "Dũng"]
    names = [f"{s} Văn {g} - Chủ tịch UBND xã Hưng Lộc" for s in surnames for g in given]
    small = "Dự có: " + "; ".join(names * 10) + "."  # 200 names
    large = "Dự có: " + "; ".join(names * 100) + "."
    assert len(extract_entities(small).people) == 20
    assert len(extract_entities(large).people) == 20
    assert _timed(large) < 20 * _timed(small) + 0.1


@pytest.mark.parametrize(
    "unit",
    [
        "Ban Tổ chức Trung ương tổ chức hội nghị giao ban trực tuyến toàn quốc, ",
        "NGUYỄN VĂN AN ",
        "nguyen van an - chu tich ",
        "– — - ; , ( ) ",
        "Ông Trần Văn Bình, Giám đốc Sở Y tế, ",
        "Hà Nội, Đà Nẵng, Huế, ",  # a long list of names that is no list of people
    ],
)
def test_bad_input_scales_linearly(unit: str) -> None:
    small, large = unit * 150, unit * 1500
    _timed(small)
    assert _timed(large) < 20 * _timed(small) + 0.1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("aăâđêôơưAĐÊNguyễnVăTrầPhạmChủịcUBND -–—,;:()./\n")), max_size=300))
def test_never_crashes_and_spans_point_into_the_text(text: str) -> None:
    result = extract_entities(text)
    for person in result.people:
        for mention in person.mentions:
            assert result.text[mention.start : mention.end] == person.name or person.name in result.text
            assert 0 <= mention.sentence < len(result.sentence_spans)
    for place in result.places:
        assert place.name in result.text
