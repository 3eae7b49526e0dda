"""Rules made on the tuning half of the real-news set (sentences of our own in the same shapes)."""

from __future__ import annotations

import pytest

from toasoan.entities.extraction import extract_entities


def _names(text: str) -> tuple[set[str], set[str], set[str]]:
    result = extract_entities(text)
    return ({p.name for p in result.people}, {o.name for o in result.organisations}, {p.name for p in result.places})


@pytest.mark.parametrize(("text", "person", "not_place"), [
    ("Sáng qua, Trần Thị Hồng Nga (chuyên viên phòng thi) đã ký biên bản.", "Trần Thị Hồng Nga", "Nga"),
    ("Trong trận đấu, Lê Tuấn Anh ghi bàn thắng thứ hai.", "Lê Tuấn Anh", "Anh"),
    ("Sau khi về nhất, Phan Nhật Duy chia sẻ niềm vui.", "Phan Nhật Duy", "Nhật"),
    ("Người được khen là Vũ Đức Lương, 19 tuổi.", "Vũ Đức Lương", "Đức"),
])
def test_a_country_inside_given_names_is_a_name(text: str, person: str, not_place: str) -> None:
    people, _, places = _names(text)
    assert person in people
    assert not_place not in places


def test_a_country_before_a_name_is_still_a_place() -> None:
    people, _, places = _names("Tổng thống Nga Vladimir Putin phát biểu. Đoàn Việt Nam giành 5 huy chương vàng.")
    assert people == {"Vladimir Putin"}
    assert {"Nga", "Việt Nam"} <= places


def test_korean_name_with_a_vietnamese_surname() -> None:
    people, _, _ = _names("Nhà lãnh đạo Kim Jong-un thị sát nhà máy. Ông Kim Văn Hùng cho biết thêm.")
    assert {"Kim Jong-un", "Kim Văn Hùng"} <= people


def test_foreign_given_names() -> None:
    people, _, _ = _names("Tài liệu về Adolf Hitler được công bố. Nhà báo Jamal Khashoggi mất tích.")
    assert {"Adolf Hitler", "Jamal Khashoggi"} <= people


def test_stage_names_listed_after_a_word_for_people() -> None:
    people, _, _ = _names("Đêm nhạc có các nghệ sĩ như Hồng Nhung, Thanh Lam và Tùng Dương tham gia.")
    assert {"Hồng Nhung", "Thanh Lam", "Tùng Dương"} <= people
    people, _, places = _names("Các cầu thủ như Hà Nội, Việt Nam và Quang Hải đều góp mặt.")
    assert "Quang Hải" in people and not {"Hà Nội", "Việt Nam"} & people
    assert {"Hà Nội", "Việt Nam"} <= places
    # Without a word for people before the list, two syllables are not enough.
    people, _, _ = _names("Khách đến từ Hồng Nhung, Thanh Lam và Tùng Dương.")
    assert not people


def test_kings_by_reign_name() -> None:
    people, _, _ = _names("Bà là vợ vua Khải Định, mẹ vua Bảo Đại.")
    assert {"Khải Định", "Bảo Đại"} <= people


def test_generic_heads_alone_and_places_with_their_type_are_not_organisations() -> None:
    _, organisations, _ = _names(
        "Văn phòng đã nhận hồ sơ. Hợp tác xã cho biết sẽ trả nợ. UBND tỉnh Kiên Giang họp chiều qua."
    )
    assert not {"Văn phòng", "Hợp tác xã", "Tỉnh Kiên Giang", "tỉnh Kiên Giang"} & organisations
    assert organisations == {"UBND tỉnh Kiên Giang"}


def test_official_names_with_a_comma_are_whole() -> None:
    _, organisations, _ = _names("Cục Quản lý Khám, chữa bệnh yêu cầu báo cáo. "
                                 "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An tổ chức lễ hội.")
    assert organisations == {"Cục Quản lý Khám, chữa bệnh", "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An"}


def test_a_person_or_a_country_is_not_an_organisation() -> None:
    _, organisations, _ = _names("Ngoại trưởng Trung Quốc phát biểu. Nhà Trắng cho biết Tổng thống Moon Jae-in "
                                 "sẽ sang thăm.")
    assert "Trung Quốc" not in organisations and "Moon" not in organisations
    assert "Nhà Trắng" in organisations  # not the city of Nha Trang


def test_ministries_are_whole_and_a_sentence_end_is_not_a_village() -> None:
    _, organisations, places = _names("Bộ Nông nghiệp và Phát triển nông thôn vừa ký văn bản. Cục Quản lý thị "
                                      "trường vào cuộc. Người dân TP. Hà Tĩnh đón Tết.")
    assert {"Bộ Nông nghiệp và Phát triển nông thôn", "Cục Quản lý thị trường"} <= organisations
    assert places == {"Hà Tĩnh"}
