"""Who is who in real news: short forms, fragments that are no one, whole names, the 34 provinces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toasoan.entities import provinces
from toasoan.entities.extraction import extract_entities
from toasoan.entities.protocol import protocol_rank


def _people(text: str) -> dict[str, list[str]]:
    return {p.name: p.position_texts for p in extract_entities(text).people}


def _orgs(text: str) -> set[str]:
    return {o.name for o in extract_entities(text).organisations}


def _places(text: str) -> set[str]:
    return {p.name for p in extract_entities(text).places}


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("Tổng thống Mỹ Joe Biden thăm Hà Nội. Ông Biden gặp lãnh đạo Việt Nam.", "Joe Biden", "Biden"),
        (
            "Phát ngôn viên Bộ Ngoại giao Nga Maria Zakharova cho biết như vậy. Theo bà Zakharova, Mỹ không hiểu.",
            "Maria Zakharova",
            "Zakharova",
        ),
        ("Bà Nguyễn Thị Hà (46 tuổi) bị thương. Bà Hà được đưa đi cấp cứu.", "Nguyễn Thị Hà", "Hà"),
        ("Chủ tịch Trung Quốc Tập Cận Bình phát biểu. Ông Tập nói thêm về kinh tế.", "Tập Cận Bình", "Tập"),
        ("Cầu thủ Nguyễn Công Phượng ghi bàn. Công Phượng nói anh rất vui.", "Nguyễn Công Phượng", "Công Phượng"),
    ],
)
def test_short_forms_resolve_to_the_full_name_given_earlier(text: str, full: str, short: str) -> None:
    result = extract_entities(text)
    assert [p.name for p in result.people] == [full]
    person = result.people[0]
    assert short in person.aliases
    assert len(person.mentions) == 2  # the short mention counts for the full name


def test_a_headline_short_form_resolves_to_the_name_written_later() -> None:
    text = "Putin cảnh báo phương Tây\nTổng thống Nga Vladimir Putin hôm nay nói rằng Nga sẵn sàng."
    assert _people(text) == {"Vladimir Putin": ["Tổng thống Nga"]}


@pytest.mark.parametrize(
    "text",
    [
        "Theo lời khai, ông H. đã nhận tiền của bà T. nhiều lần.",
        "Nạn nhân là anh Trần Quốc L. (SN 1978), chồng của chị Nguyễn Thị Hằng Ni.",
        "Bà Hà bán hàng ở chợ từ năm 1990.",
        "Người đàn ông tên Khải ở trọ cùng hai người bạn.",
    ],
)
def test_one_syllable_names_and_initials_are_never_people(text: str) -> None:
    for person in extract_entities(text).people:
        words = person.name.split()
        assert len(words) >= 2, person.name
        assert len(words[-1].rstrip(".")) > 1 or not words[-1].isalpha(), person.name


@pytest.mark.parametrize(
    "text",
    [
        "Chelsea thắng Real Madrid 2-1 trong trận giao hữu tối qua.",
        "HAGL và Gia Lai cùng vào vòng trong sau khi thắng Bình Dương.",
        "Cửa hàng ở số 255 Phan Châu Trinh bị cháy; đường Phan Châu Trinh bị phong tỏa.",
    ],
)
def test_clubs_provinces_and_streets_are_not_people(text: str) -> None:
    assert _people(text) == {}


def test_a_byline_is_not_an_organisation() -> None:
    text = "Hai xe tải va chạm trên quốc lộ 1A, không ai bị thương.\nSơn Thủy"
    assert _orgs(text) == set()
    assert _people(text) == {}


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Đội tuyển Tây Ban Nha vào chung kết.", None),
        ("Bộ Lao động – Thương binh và Xã hội vừa ban hành thông tư mới.", "Bộ Lao động – Thương binh và Xã hội"),
        ("Theo Trung tâm Kiểm soát bệnh tật, số ca mắc giảm.", "Trung tâm Kiểm soát bệnh tật"),
        ("Cục Xúc tiến thương mại tổ chức hội chợ tại Hà Nội.", "Cục Xúc tiến thương mại"),
        ("Sở Giao thông vận tải làm chủ đầu tư dự án.", "Sở Giao thông vận tải"),
        ("Ông Mai Văn Trinh - cục trưởng Cục Quản lý chất lượng, Bộ GD-ĐT - cho biết.", "Cục Quản lý chất lượng"),
    ],
)
def test_organisation_names_are_not_cut_at_a_lower_case_word(text: str, whole: str | None) -> None:
    names = _orgs(text)
    assert "Ban Nha" not in names
    assert not any(name in ("Bộ Lao", "Trung tâm Kiểm soát", "Cục Xúc tiến", "Sở Giao thông") for name in names)
    if whole:
        assert whole in names


def test_tay_ban_nha_is_a_country_and_binh_duong_is_not_inside_thai_binh_duong() -> None:
    assert "Tây Ban Nha" in _places("Đội tuyển Tây Ban Nha vào chung kết.")
    places = _places("Tàu sân bay Mỹ đang hoạt động ở Thái Bình Dương.")
    assert "Thái Bình Dương" in places and "Bình Dương" not in places


def test_korean_and_arabic_names_written_with_spaced_hyphens() -> None:
    text = "Tổng thống Hàn Quốc Moon Jae - in gặp Tổng thống Syria Bashar al - Assad."
    assert set(_people(text)) == {"Moon Jae-in", "Bashar al-Assad"}


def test_double_foreign_names_spaced_or_dashed_apart_are_one_name() -> None:
    text = (
        "Bà Annegret Kramp - Karrenbauer gặp TS Ryan Derby - Talbot, giám đốc học thuật, và cảnh sát "
        "Jean–Baptiste Salvaing. Bà Kramp - Karrenbauer phát biểu."
    )
    assert set(_people(text)) == {"Annegret Kramp-Karrenbauer", "Ryan Derby-Talbot", "Jean-Baptiste Salvaing"}


def test_a_spaced_dash_between_a_person_and_a_country_or_another_person_joins_nothing() -> None:
    people = _people("Nhà văn Margaret Atwood - Canada dự lễ; cuộc đối đầu Hillary Clinton - Donald Trump.")
    assert "Margaret Atwood" in people and not any("-" in name for name in people)


def test_a_highland_district_after_a_local_party_body_is_no_person() -> None:
    extraction = extract_entities("Bí thư Huyện uỷ Krông Pắk cho biết huyện đã tuyển đủ giáo viên.")
    assert extraction.people == []
    assert [o.name for o in extraction.organisations] == ["Huyện uỷ Krông Pắk"]


def test_a_foreign_name_after_a_title_and_lower_case_words_that_say_of_what() -> None:
    assert set(_people("Cấp trên của cô, giám đốc hành chính Tomas Varga, đã ký quyết định.")) == {"Tomas Varga"}
    assert set(_people("Hôm qua, người phát ngôn cảnh sát Anneli Strand thông báo.")) == {"Anneli Strand"}


def test_a_body_or_a_region_between_the_title_and_a_foreign_name_takes_the_name() -> None:
    assert _people("Một giám đốc công ty liên doanh Hanse Kessel thông báo kế hoạch mới.") == {}
    assert _people("Một quan chức tại vùng Gilgit Baltistan thông báo kế hoạch mới.") == {}


def test_a_stage_name_the_text_says_is_an_artist_is_found_there_and_again_bare() -> None:
    extraction = extract_entities("Lan Vy là nữ ca sĩ trẻ nhất đêm nhạc. Khán giả đứng dậy khi Lan Vy hát bài cuối.")
    assert [(p.name, len(p.mentions)) for p in extraction.people] == [("Lan Vy", 2)]
    assert _people("Sông Hàn là nơi du khách ngắm pháo hoa.") == {}


def test_a_band_listed_among_singers_is_no_person() -> None:
    text = "Ban nhạc Mây Trắng thắng giải. Đội của nhạc sĩ Quốc Bảo gồm: Thu Minh, Mây Trắng, Hồng Nhung."
    people = _people(text)
    assert "Mây Trắng" not in people and {"Thu Minh", "Hồng Nhung"} <= set(people)


def test_two_names_joined_by_a_dash_after_a_word_for_a_couple_are_both_people() -> None:
    people = _people("Hai cặp đôi Lan Vy – Bảo Khang, Mỹ Linh - Kelvin Tuấn vào vòng cuối.")
    assert {"Lan Vy", "Bảo Khang", "Kelvin Tuấn"} <= set(people)
    assert _people("Chuyến bay đôi Hà Nội - Sài Gòn cất cánh.") == {}


def test_a_title_before_a_name_that_is_not_vietnamese() -> None:
    assert _people("Thủ tướng Campuchia Hun Sen phát biểu tại lễ khánh thành.") == {"Hun Sen": ["Thủ tướng Campuchia"]}


def test_the_merger_list_has_34_provinces_from_63() -> None:
    assert len(provinces.current_names()) == 34
    assert len(provinces.old_names()) == 63
    assert len(set(provinces.old_names())) == 63
    assert provinces.lookup("Phú Yên").current == "Đắk Lắk" and provinces.lookup("Phú Yên").old
    assert provinces.lookup("Bình Dương").current == "Hồ Chí Minh"
    assert provinces.lookup("TP.HCM").current == "Hồ Chí Minh" and not provinces.lookup("TP.HCM").old
    assert provinces.lookup("Thừa Thiên - Huế").current == "Huế"
    assert provinces.lookup("Thanh Hoá").current == "Thanh Hóa"


def test_the_merger_list_agrees_with_underthesea_address_data() -> None:
    """An independent copy of the 2025 merger: underthesea's address mapping (34 new, 63 old)."""
    import underthesea

    path = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
    if not path.exists():
        pytest.skip("underthesea's address data is not installed")
    data = json.loads(path.read_text(encoding="utf-8"))
    theirs_new = {item["short"] for item in data["province_names"].values()}
    theirs_old = {item["short"] for item in data["old_province_names"].values()}
    assert {provinces.lookup(name).current for name in theirs_new} == set(provinces.current_names())
    assert {provinces.lookup(name).current for name in theirs_old} == set(provinces.current_names())
    assert all(provinces.lookup(name) is not None for name in theirs_old)
    for mapping in data["province_mapping"].values() if isinstance(data["province_mapping"], dict) else []:
        if isinstance(mapping, dict) and "old" in mapping and "new" in mapping:
            assert provinces.lookup(mapping["old"]).current == provinces.lookup(mapping["new"]).current


def test_protocol_order() -> None:
    titles = ["Trưởng ban Tổ chức Trung ương", "Bí thư Trung ương Đảng", "Ủy viên Bộ Chính trị"]
    assert sorted(titles, key=protocol_rank) == [
        "Ủy viên Bộ Chính trị",
        "Bí thư Trung ương Đảng",
        "Trưởng ban Tổ chức Trung ương",
    ]
    assert protocol_rank("Phó Chủ tịch UBND tỉnh") > protocol_rank("Bí thư Tỉnh ủy Nghệ An")
