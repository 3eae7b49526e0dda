"""Rules from the third round on real news (issue 22): who holds a position, people named by what they are, whole
names of bodies. Sentences of our own, in the shapes the press uses."""

from __future__ import annotations

from toasoan.entities.extraction import extract_entities


def _people(text: str) -> dict[str, list[str]]:
    return {p.name: p.position_texts for p in extract_entities(text).people if not p.alone}


def _organisations(text: str) -> set[str]:
    return {o.name for o in extract_entities(text).organisations}


def test_position_then_name_between_commas() -> None:
    people = _people("Đại sứ Pháp tại Hà Nội, Olivier Brochet, cho biết chuyến thăm sẽ diễn ra vào tháng tới.")
    assert people == {"Olivier Brochet": ["Đại sứ Pháp tại Hà Nội"]}


def test_a_position_between_two_names_belongs_to_the_second_when_titles_come_first() -> None:
    people = _people(
        "Khách mời gồm đồng sáng lập Google, Larry Page, đồng sáng lập Microsoft, Paul Allen, và nhiều người."
    )
    assert people["Larry Page"] == ["đồng sáng lập Google"]
    assert people["Paul Allen"] == ["đồng sáng lập Microsoft"]
    # Names first: each position follows its own person.
    people = _people("Ông Lê Văn Tâm, Giám đốc Sở Y tế, ông Trần Quốc Bảo, Phó giám đốc Sở Y tế, cùng dự họp.")
    assert people["Lê Văn Tâm"] == ["Giám đốc Sở Y tế"]
    assert people["Trần Quốc Bảo"] == ["Phó giám đốc Sở Y tế"]


def test_a_position_the_person_does_not_hold() -> None:
    people = _people("Bà ấy là con gái của ứng cử viên tổng thống Mỹ Linda Harper và thượng nghị sĩ Tom Walsh.")
    assert people["Linda Harper"] == []
    assert people["Tom Walsh"] == ["thượng nghị sĩ"]
    # "của Chủ tịch…, ông X": the decision of the chairman, not X's title.
    people = _people("Theo quyết định của Chủ tịch UBND tỉnh Lai Châu, ông Lò Văn Páo sẽ nghỉ hưu từ tháng 7.")
    assert people == {"Lò Văn Páo": []}
    people = _people("Chủ tịch UBND tỉnh Lai Châu, ông Lò Văn Páo, cho biết tỉnh đã sẵn sàng.")
    assert people == {"Lò Văn Páo": ["Chủ tịch UBND tỉnh Lai Châu"]}


def test_lower_ranks_are_positions() -> None:
    people = _people("Thượng uý Đinh Văn Khoa và đại uý Mark Dawson tham gia cuộc tìm kiếm.")
    assert people == {"Đinh Văn Khoa": ["Thượng uý"], "Mark Dawson": ["đại uý"]}


def test_abbreviation_in_brackets_between_position_and_name() -> None:
    people = _people("Giám đốc Cơ quan Thời tiết Quốc gia (NWS) Louis Uccellini cảnh báo bão lớn.")
    assert people == {"Louis Uccellini": ["Giám đốc Cơ quan Thời tiết Quốc gia"]}
    assert "NWS" not in people


def test_foreign_names_described_as_people() -> None:
    people = _people(
        "Theo chuyên gia hàng không Brent Ludwig, chiếc máy bay đã hạ cánh an toàn. Bella Novak, 34 tuổi, "
        "là hành khách. Sau đó, nhà văn người Chile Pablo Arteaga nói chuyện với Nora Quist, người đồng sáng lập "
        "quỹ."
    )
    assert {"Brent Ludwig", "Bella Novak", "Pablo Arteaga", "Nora Quist"} <= set(people)
    # A word for a person does not reach over "tại"/"của" to a firm or a band.
    people = _people("Các kỹ sư tại Northwind Labs đã thử robot. Buổi diễn của nhóm Silver Echo kết thúc muộn.")
    assert not {"Northwind Labs", "Silver Echo"} & set(people)


def test_capitalised_honorific_inside_a_name_is_part_of_it() -> None:
    people = _people("Các bị cáo Trần Duy Khang 5 năm tù, Nguyễn Huỳnh Anh Lâm và Phạm Minh Trí 4 năm tù.")
    assert {"Trần Duy Khang", "Nguyễn Huỳnh Anh Lâm", "Phạm Minh Trí"} == set(people)
    assert "Lâm" not in people


def test_stage_names_that_are_also_communes() -> None:
    people = _people("HLV Ngọc Sơn chọn thí sinh. Tối qua, nam diễn viên Thanh Bình đón con đầu lòng.")
    assert people == {"Ngọc Sơn": ["HLV"], "Thanh Bình": []}
    # The people of a place stay a group.
    assert _people("Nông dân Yên Thành phấn khởi vì được mùa.") == {}


def test_spaced_hyphens_in_korean_and_french_names() -> None:
    people = _people("Ông Ri Kwang - il gặp người đồng cấp Pháp Jean - Yves Morel. Xung đột Iran - Iraq kéo dài.")
    assert {"Ri Kwang-il", "Jean-Yves Morel"} <= set(people)
    assert "Iran-Iraq" not in people


def test_bodies_end_where_another_starts_or_a_document_is_named() -> None:
    organisations = _organisations(
        "Anh Tuấn, cán bộ Cục Đăng ký thuộc Bộ Nội vụ Lào, đã gửi tới Ủy ban Thường vụ Quốc hội Dự thảo Nghị quyết. "
        "Cục Thú y vùng 3 - Tổng cục Thủy sản phối hợp kiểm tra."
    )
    assert {"Cục Đăng ký", "Bộ Nội vụ Lào", "Ủy ban Thường vụ Quốc hội"} <= organisations
    assert not any("thuộc" in name or "Dự thảo" in name or " - Tổng cục" in name for name in organisations)


def test_whole_names_from_the_list_and_bare_local_bodies() -> None:
    organisations = _organisations(
        "Đại diện Tổ chức Y tế thế giới và Uỷ ban Văn hoá, giáo dục, thanh niên, thiếu niên và nhi đồng làm việc với "
        "UBND xã. Trường ĐH cũng tham dự. Người dân ở đường Thanh Niên và ven rừng Amazon được hỏi ý kiến."
    )
    assert {"Tổ chức Y tế thế giới", "Uỷ ban Văn hoá, giáo dục, thanh niên, thiếu niên và nhi đồng"} <= organisations
    assert not {"UBND xã", "Trường ĐH", "Thanh Niên", "Amazon"} & organisations


def test_ho_chi_minh_city_however_it_is_spelt() -> None:
    result = extract_entities("TP HCM mưa lớn. Tại TP. HCM và TP.HCM, Công an TP HCM điều tiết giao thông.")
    places = [p.name for p in result.places]
    assert places == ["TP HCM"]
    assert len(result.places[0].mentions) == 4
    assert {o.name for o in result.organisations} == {"Công an TP HCM"}


def test_surnames_and_names_that_start_like_a_body() -> None:
    people = _people("Ông Đoàn Minh Khôi đi kiểm tra. Tối qua, diễn viên Trường Giang cùng ông Đoàn Thanh niên tới.")
    assert {"Đoàn Minh Khôi", "Trường Giang"} <= set(people)
    assert "Đoàn Thanh niên" in _organisations("Ông Đoàn Thanh niên tới thăm.")
