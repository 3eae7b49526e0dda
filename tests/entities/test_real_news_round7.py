"""Seventh round of the real-news rules (sentences of our own in the same shapes as the news)."""

from __future__ import annotations

import pytest

from toasoan.entities.extraction import extract_entities


def _people(text: str) -> set[str]:
    return {p.name for p in extract_entities(text).people}


@pytest.mark.parametrize(("text", "person"), [
    ("Chuyên gia ngôn ngữ học Marta Oberling nhận định cuộc gặp đã căng thẳng.", "Marta Oberling"),
    ("Nhà nghiên cứu Pellam Dravik được mời phát biểu.\nChuyên gia hàng không Ossie Brandmoor nói thêm.",
     "Ossie Brandmoor"),
])
def test_a_word_for_a_person_opening_a_sentence_still_describes_the_name(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize("text", [
    "Người bị thương trong vụ nổ ở Port Velmar đã xuất viện.",  # a town after "ở"
    "Bạn gái kẻ cướp ở Glen Arrow được thả.",
    "Công ty quảng cáo Brandmoor Creative vừa mở văn phòng.",  # a firm, no word for a person
])
def test_no_person_after_a_place_word_or_in_a_firm(text: str) -> None:
    assert _people(text) == set()


@pytest.mark.parametrize(("text", "person"), [
    ("Nữ diễn viên từng đóng cặp với Angelina Varrow trong bộ phim năm ngoái.", "Angelina Varrow"),
    ("Buổi hòa nhạc của Miley Dorsett bị hoãn vì mưa bão.", "Miley Dorsett"),
    ("Cảnh sát đã bắt giữ Oksana Pelevina tại sân bay.", "Oksana Pelevina"),
    ("Tài liệu cho thấy Osama bin Kareem từng sống tại đây.", "Osama bin Kareem"),
    ("Cuộc gặp với Priyanka Moraes kéo dài hai giờ.", "Priyanka Moraes"),
    ("Tân Tổng thống Andres Manuel Castaño tuyên thệ nhậm chức.", "Andres Manuel Castaño"),
])
def test_more_foreign_given_names_open_a_name(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(("text", "whole"), [
    ("Cơ phó Rudy Ahmad Malik đã hạ cánh an toàn.", "Rudy Ahmad Malik"),
])
def test_a_name_used_in_the_middle_does_not_cut_a_whole_name(text: str, whole: str) -> None:
    assert whole in _people(text)


@pytest.mark.parametrize("text", [
    "Cửa hàng Tiffany Hà Nội khai trương chi nhánh mới.",  # a brand with a given name's look
    "Tuần dương hạm Pyotr Veliky cập cảng.",  # a ship
    "Công ty Kylie Cosmetics báo lãi lớn.",
])
def test_brands_and_ships_named_like_people_are_not_people(text: str) -> None:
    assert _people(text) == set()


@pytest.mark.parametrize(("text", "person"), [
    ("Bộ trưởng Ngoại giao Mevlut Tarhanli cho biết như vậy.", "Mevlut Tarhanli"),
    ("Cuộc gặp giữa Zhang Wenkai và các nhà đầu tư diễn ra hôm qua.", "Zhang Wenkai"),
    ("Thư của Saddam Qurani được công bố sau 20 năm.", "Saddam Qurani"),
])
def test_given_and_family_names_of_more_countries(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(("text", "person"), [
    ("Vụ cháy xảy ra ở Lê Văn Thịnh, phường 5.", "Lê Văn Thịnh"),  # a street
    ("Người dân lấy nước tại Hồ Thanh Sơn để dập lửa.", "Hồ Thanh Sơn"),  # a lake
    ("Vụ nổ súng xảy ra gần Barry Meadow, khu phía đông thành phố.", "Barry Meadow"),
    ("Dự án Wallace Plaza và Lucy Tower được rao bán.", "Wallace Plaza"),
    ("Dự án Wallace Plaza và Lucy Tower được rao bán.", "Lucy Tower"),
])
def test_a_name_where_something_is_or_a_building_is_no_person(text: str, person: str) -> None:
    assert person not in _people(text)


def test_a_name_after_a_disaster_word_that_looks_like_at_is_still_a_person() -> None:
    text = "Trưởng ban chỉ đạo phòng chống thiên tai Nguyễn Văn Tường cho biết bão đã tan."
    assert "Nguyễn Văn Tường" in _people(text)


@pytest.mark.parametrize(("text", "person"), [
    ("Nhà tài phiệt Rakesh Mehrotra vừa mua lại đội bóng.", "Rakesh Mehrotra"),
    ("Khán giả bất ngờ khi người dẫn chương trình Delia Farrow bật khóc.", "Delia Farrow"),
    ("Ảo thuật gia Lâm Khải Phong biểu diễn tiết mục mới.", "Lâm Khải Phong"),
    ("Thủ lĩnh phiến quân Abu Karim al-Wasiti bị tiêu diệt.", "Abu Karim al-Wasiti"),
    ("Trùm ma túy Hector Valdés bị dẫn độ.", "Hector Valdés"),
])
def test_more_words_for_people_before_a_name(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(("text", "person"), [
    ("Sau nhiều ngày im lặng, Quỳnh Như lên tiếng về tin đồn.", "Quỳnh Như"),
    ("Trong đêm nhạc, Khánh Thy bật khóc khi nhắc đến mẹ.", "Khánh Thy"),
])
def test_a_two_syllable_name_that_does_what_only_people_do_is_a_person(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize("text", [
    "Người Thái lên tiếng phản đối dự luật.",  # a people, not a person
    "Hoa hậu H’ Hen Niê lên tiếng cảm ơn khán giả.",  # no name cut after its first letter
    "Hà Nội lên tiếng về kế hoạch cấm xe máy.",  # a city
    "Bộ Công an lên tiếng về vụ việc.",
])
def test_what_only_people_do_does_not_make_a_people_a_city_or_a_cut_name_a_person(text: str) -> None:
    assert not ({"Người Thái", "Hen Niê", "Hà Nội", "Bộ Công"} & _people(text))
