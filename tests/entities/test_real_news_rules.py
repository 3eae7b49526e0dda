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


@pytest.mark.parametrize(("text", "whole"), [
    ("Cơ quan Cảnh sát điều tra Công an tỉnh Bắc Giang đã khởi tố vụ án.",
     "Cơ quan Cảnh sát điều tra Công an tỉnh Bắc Giang"),
    ("Ngày 20/6, Phòng Cảnh sát điều tra tội phạm về ma tuý Công an TP. HCM cho biết.",
     "Phòng Cảnh sát điều tra tội phạm về ma tuý Công an TP. HCM"),
    ("Bác sĩ Trần Ngọc Cường - Phó giám đốc bệnh viện Đa khoa Hà Đông cho biết, bệnh nhân đã ổn.",
     "Bệnh viện Đa khoa Hà Đông"),
    ("Bộ LĐ, TB & XH đang lấy ý kiến dự thảo.", "Bộ LĐ, TB & XH"),
])
def test_police_units_hospitals_and_abbreviated_ministries_are_whole(text: str, whole: str) -> None:
    _, organisations, _ = _names(text)
    assert whole in organisations
    assert not {"Cơ quan Cảnh sát", "Phòng Cảnh sát", "Bệnh viện Đa", "Bộ LĐ"} & organisations


def test_a_whole_ministry_inside_a_position_leaves_the_name_after_it() -> None:
    people, organisations, _ = _names(
        "Thứ trưởng Thường trực bộ Nông nghiệp và Phát triển nông thôn Hà Công Tuấn vừa ký văn bản.")
    assert people == {"Hà Công Tuấn"}
    assert organisations == {"Bộ Nông nghiệp và Phát triển nông thôn"}


@pytest.mark.parametrize(("text", "organisation"), [
    ("Công an TP. HCM khám nghiệm tử thi để điều tra.", "Công an TP. HCM"),
    ("Sáng nay, TAND tỉnh Phú Thọ đối chất các bị cáo.", "TAND tỉnh Phú Thọ"),
    ("Đại hội Đảng bộ tỉnh Nghệ An lần thứ XIX khai mạc.", "Đảng bộ tỉnh Nghệ An"),
    ("Báo Tiền Phong đăng tải, theo cáo trạng, bị cáo đã nhận tiền.", "Báo Tiền Phong"),
])
def test_a_name_ends_with_its_place_or_before_a_verb(text: str, organisation: str) -> None:
    _, organisations, _ = _names(text)
    assert organisations == {organisation}


@pytest.mark.parametrize("text", [
    "Theo Bộ Luật hình sự, hành vi này bị phạt tù.",
    "Thứ trưởng Vương cho biết, đến nay chưa nhận được văn bản.",
    "Vụ việc khiến nguyên Chủ tịch xã bị khởi tố.",
    "Cơ quan CSĐT đã khởi tố vụ án.",
    "Thông tin trên báo Đại Đoàn Kết, thời điểm bị bắt tạm giam.",
])
def test_laws_surnames_communes_bare_agencies_and_heads_inside_names_are_not_organisations(text: str) -> None:
    _, organisations, _ = _names(text)
    assert not organisations - {"Đại Đoàn Kết"}


@pytest.mark.parametrize(("text", "person"), [
    ("Cơ quan CSĐT đã bắt giam đối tượng Đỗ Minh Thế để điều tra.", "Đỗ Minh Thế"),
    ("Trao đổi với PV, anh Đức Vũ cho biết sự việc xảy ra tối qua.", "Đức Vũ"),
    ("Đội HLV Đức Trí gồm hai thí sinh.", "Đức Trí"),
    ("Danh hài Chiến Thắng đã lên tiếng về điều này.", "Chiến Thắng"),
    ("Hoa Trần chia sẻ, ông xã Việt Hoàn chính là người tư vấn.", "Việt Hoàn"),
    ("Tòa án xét xử Giàng A Páo (SN 1990) về tội mua bán ma túy.", "Giàng A Páo"),
])
def test_people_after_words_for_people_and_minority_surnames(text: str, person: str) -> None:
    people, organisations, _ = _names(text)
    assert person in people
    assert person not in organisations


def test_a_country_word_starts_a_given_name_only_when_the_rest_is_vietnamese() -> None:
    people, _, places = _names("Thủ tướng Anh Theresa May gặp Thủ tướng Nhật Shinzo Abe. Ông Anh Pháp đến thăm.")
    assert people == {"Theresa May", "Shinzo Abe"}
    assert {"Anh", "Nhật"} <= places


def test_names_listed_with_known_people_are_people() -> None:
    people, _, _ = _names("Phim có sự tham gia của NSƯT Trung Anh, NSƯT Thanh Quý, Việt Anh, Hồng Đăng, Đan Lê.")
    assert people == {"Trung Anh", "Thanh Quý", "Việt Anh", "Hồng Đăng", "Đan Lê"}
    # Places in a list stay places, even beside people.
    people, _, places = _names("Đoàn đến từ Hà Nội, Đà Nẵng, Huế cùng ông Nguyễn Văn An, bà Trần Thị Bình.")
    assert people == {"Nguyễn Văn An", "Trần Thị Bình"}
    assert {"Hà Nội", "Đà Nẵng", "Huế"} <= places


def test_a_relative_shares_the_family_name_but_a_foundation_does_not() -> None:
    people, organisations, _ = _names(
        "Chelsea Clinton, con gái của cựu ngoại trưởng Hillary Clinton, hạ sinh con thứ hai. Video Clinton gây sốt. "
        "Quỹ Clinton hoạt động.")
    assert people == {"Chelsea Clinton", "Hillary Clinton"}
    assert "Quỹ Clinton" in organisations


def test_a_company_after_a_companys_title_is_not_a_person() -> None:
    people, _, _ = _names("Tổng giám đốc Agribank cho biết lãi suất sẽ giảm. Tổng thống Duterte phát biểu.")
    assert people == {"Duterte"}


@pytest.mark.parametrize(("text", "organisations", "places"), [
    ("Phát biểu, đồng chí Nguyễn Thị Bích Hạnh đề nghị Đảng bộ xã chú trọng công tác dân vận, giải quyết kiến nghị.",
     set(), set()),
    ("Ông Vi Văn Thắng, trưởng bản Pủng, vẫn nhớ những năm đất đồi trơ sỏi đá.", set(), {"Pủng"}),
    ("Hiện em tập luyện tại Trung tâm Huấn luyện thể thao tỉnh.", {"Trung tâm Huấn luyện thể thao tỉnh"}, set()),
    ("Theo Ban Chỉ huy phòng chống thiên tai huyện Kỳ Sơn, lượng mưa rất lớn.",
     {"Ban Chỉ huy phòng chống thiên tai huyện Kỳ Sơn"}, {"Kỳ Sơn"}),
    ("Đại hội đã bầu Ban Chấp hành khóa mới gồm 15 đồng chí.", set(), set()),
    ("Chi bộ xóm 5 họp. Ông Lê An, Trưởng ban Văn hóa xã hội HĐND tỉnh, dự.",
     {"Chi bộ xóm 5", "Ban Văn hóa xã hội HĐND tỉnh"}, set()),
])
def test_a_bare_place_type_ends_a_name_and_a_village_head_names_a_village(
    text: str, organisations: set[str], places: set[str]
) -> None:
    _, found, found_places = _names(text)
    assert found == organisations
    assert places <= found_places


@pytest.mark.parametrize("text", [
    "Giá lúa tăng, nông dân Yên Thành phấn khởi sau vụ hè thu.",
    "Nhóm dự kiến mở thêm lớp cho học sinh Kỳ Sơn từ học kỳ sau.",
])
def test_the_people_of_a_district_are_not_a_person(text: str) -> None:
    people, _, _ = _names(text)
    assert not people


@pytest.mark.parametrize(("text", "expected"), [
    ("Theo AFP, Reuters cũng đưa tin rằng tờ Washington Post và hãng tin Yonhap đã xác nhận.",
     {"AFP", "Reuters", "Washington Post", "Yonhap"}),
    ("Trao đổi với PV Người Đưa Tin, theo trang tin Business Insider và tờ Times of Israel.",
     {"Người Đưa Tin", "Business Insider", "Times of Israel"}),
    ("Phóng viên của hãng tin Reuters Wa Lone rời phiên tòa, hãng tin Sputnik News cho biết.",
     {"Reuters", "Sputnik News"}),
])
def test_papers_and_agencies_named_bare_or_after_a_word_for_a_paper(text: str, expected: set[str]) -> None:
    people, organisations, _ = _names(text)
    assert organisations == expected
    assert not people & expected


@pytest.mark.parametrize("text", [
    "Báo Mỹ nói chiến hạm bị phủ bạt. Một công ty Trung Quốc đã trúng thầu.",  # the papers or firms of a country
    "Chiếc máy bay Boeing 777 hạ cánh an toàn.",  # a product
    "Nhà báo Lê Văn An thông báo cho cơ quan chức năng, ông trình báo Công an nhưng chưa có kết quả.",
    "Theo Sun Group và Times City, dự án sẽ hoàn thành.",  # English words inside longer names are not papers
])
def test_no_paper_where_the_words_only_look_like_one(text: str) -> None:
    _, organisations, _ = _names(text)
    assert not organisations & {"Mỹ", "Báo Mỹ", "Công ty Trung Quốc", "Boeing", "Sun", "Times", "Công an"}


@pytest.mark.parametrize(("text", "whole", "cut"), [
    ("Theo Cục Quản lý đăng ký kinh doanh, số doanh nghiệp tăng.", "Cục Quản lý đăng ký kinh doanh", "Cục Quản lý"),
    ("Chính quyền phê bình Trung tâm Phát triển quỹ đất và yêu cầu làm rõ.", "Trung tâm Phát triển quỹ đất",
     "Trung tâm Phát triển"),
    ("Cục Quản lý thị trường phối hợp với Cục Cạnh tranh và Bảo vệ người tiêu dùng kiểm tra.",
     "Cục Cạnh tranh và Bảo vệ người tiêu dùng", "Cục Cạnh tranh và Bảo vệ"),
    ("Buổi diễn tập do Ủy ban An ninh hàng không dân dụng quốc gia tổ chức.",
     "Ủy ban An ninh hàng không dân dụng quốc gia", "Ủy ban An ninh"),
    ("Chủ tịch Ủy ban châu Âu Jean-Claude Juncker cho biết.", "Ủy ban châu Âu", "Ủy ban châu"),
    ("Hôm qua, TAND cấp cao tại TP HCM mở phiên phúc thẩm.", "TAND cấp cao tại TP HCM", "TAND cấp cao"),
])
def test_a_name_is_not_cut_at_a_lower_case_word(text: str, whole: str, cut: str) -> None:
    found = _names(text)[1]
    assert (whole in found, cut in found) == (True, False), found


@pytest.mark.parametrize(("text", "person", "organisation"), [
    ("Phó chủ tịch Quốc hội Tòng Thị Phóng cho biết thời gian tới sẽ sửa luật.", "Tòng Thị Phóng", "Quốc hội"),
    ("Đại sứ Mỹ tại Liên Hợp Quốc Nikki Haley nói sau khi bỏ phiếu.", "Nikki Haley", "Liên Hợp Quốc"),
    ("Chủ tịch Ủy ban châu Âu Jean-Claude Juncker cho biết.", "Jean-Claude Juncker", "Ủy ban châu Âu"),
    ("Phó trưởng đoàn Đoàn đại biểu Quốc hội TP HCM Phan Nguyễn Như Khuê phát biểu.", "Phan Nguyễn Như Khuê",
     "Đoàn đại biểu Quốc hội TP HCM"),
    ("Các cáo buộc Bộ Tư pháp và Cục Điều tra Liên bang Mỹ đã làm sai.", None, "Cục Điều tra Liên bang Mỹ"),
])
def test_a_body_ends_where_a_name_or_another_body_starts(text: str, person: str | None, organisation: str) -> None:
    people, organisations, _ = _names(text)
    if person:
        assert person in people
    assert organisation in organisations
    assert not any(name != organisation and name.startswith(organisation) for name in organisations)


@pytest.mark.parametrize(("text", "person"), [
    ("Trấn Thành nói rằng, đây là vai diễn hay nhất của cô.", "Trấn Thành"),
    ("Cảnh sát cho biết nghi can là Ichiro Kojima (22 tuổi).", "Ichiro Kojima"),
    ("Lãnh đạo Triều Tiên Kim Jong Un đã tới thành phố Đại Liên.", "Kim Jong Un"),
    ("Vụ kiện có cơ sở\", Alison Lundergan Grimes, Bộ trưởng Thường vụ bang Kentucky, nói.",
     "Alison Lundergan Grimes"),
])
def test_stage_names_and_foreign_names_said_to_be_people(text: str, person: str) -> None:
    people, _, _ = _names(text)
    assert person in people


@pytest.mark.parametrize("text", [
    "Nhà Xanh cho biết điều đó vào sáng nay.",  # a building, not a stage name
    "Hà Nội cho biết sẽ cấm xe máy. Lầu Năm Góc nói sẽ điều tra.",
    "Thứ trưởng Thắng nói hồ chứa an toàn. Bộ trưởng Puchkov đã báo cáo.",
])
def test_no_person_or_ministry_made_of_a_building_a_city_or_a_bare_surname(text: str) -> None:
    people, organisations, _ = _names(text)
    assert not people & {"Nhà Xanh", "Hà Nội", "Lầu Năm Góc"}
    assert not organisations & {"Bộ Thắng", "Bộ Puchkov"}


def test_a_two_syllable_name_written_again_and_again_is_a_person_but_a_river_is_not() -> None:
    people, _, _ = _names(
        "Hoài Lâm tái xuất sau tuyên bố dừng ca hát. Khán giả chờ đợi Hoài Lâm từ lâu. Đây là lần đầu Hoài Lâm "
        "trở lại sân khấu. Người dân ven sông Tô Lịch phàn nàn. Nước Tô Lịch đen. Cá chết ở Tô Lịch."
    )
    assert people == {"Hoài Lâm"}
