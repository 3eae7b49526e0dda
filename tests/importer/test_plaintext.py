"""The plain-text page parser: the seed field by field, our own fixture pages, broken files, properties."""

from __future__ import annotations

import json
import time
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toasoan.importer.parsers.plaintext import (
    ParsedArticle,
    ParsedFigure,
    ParsedParagraph,
    ParseError,
    decode_bytes,
    parse_plain_text,
    read_text_file,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importer"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_f29a639858279024"
# Keys of the seed's expected JSON that belong to later issues (people, organisations and places
# are extracted by the People issue, not by the page parser).
SEED_KEYS_OF_OTHER_ISSUES = {"_about", "people", "organisations_at_least", "places_at_least"}


def P(text: str) -> ParsedParagraph:  # noqa: N802 - reads like the dataclass it builds
    return ParsedParagraph(text=text)


def F(caption: str, credit: str | None = None) -> ParsedFigure:  # noqa: N802
    return ParsedFigure(caption=caption, credit=credit)


def parse_fixture(name: str) -> ParsedArticle:
    return parse_plain_text(read_text_file(FIXTURES / name))


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def block_as_json(block: ParsedParagraph | ParsedFigure) -> dict:
    if isinstance(block, ParsedParagraph):
        return {"type": "paragraph", "text": block.text}
    return {"type": "figure", "image": None, "caption": block.caption, "credit": block.credit}


# --- the seed ----------------------------------------------------------------------------------


@pytest.mark.seed
def test_seed_matches_expected_json_field_by_field():
    if not SEED.with_suffix(".txt").exists():
        pytest.skip(f"../shared/seed is absent: {SEED.with_suffix('.txt')} not found beside the repository")
    expected = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))
    parsed = parse_plain_text(read_text_file(SEED.with_suffix(".txt")))

    compared = {
        "removed_as_site_chrome",
        "title",
        "first_published_at",
        "sapo",
        "body",
        "ends_with_end_mark",
        "byline",
    }
    assert set(expected) == compared | SEED_KEYS_OF_OTHER_ISSUES, "the expected JSON gained a field"
    assert list(parsed.removed_chrome) == expected["removed_as_site_chrome"]
    assert parsed.title == expected["title"]
    assert parsed.published_at == datetime.fromisoformat(expected["first_published_at"])
    assert parsed.published_at.isoformat() == expected["first_published_at"]
    assert str(parsed.published_at.tzinfo) == "Asia/Ho_Chi_Minh"
    assert parsed.sapo == expected["sapo"]
    assert [block_as_json(block) for block in parsed.body] == expected["body"]
    assert parsed.ends_with_end_mark is expected["ends_with_end_mark"]
    assert list(parsed.byline) == expected["byline"]


@pytest.mark.seed
def test_seed_text_is_nfc_without_invisible_characters():
    if not SEED.with_suffix(".txt").exists():
        pytest.skip(f"../shared/seed is absent: {SEED.with_suffix('.txt')} not found beside the repository")
    raw = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    assert "\u00a0" in raw  # the page really carries a no-break space...
    parsed = parse_plain_text(raw)
    texts = [parsed.title, parsed.sapo, *(b.text for b in parsed.body if isinstance(b, ParsedParagraph))]
    for text in texts:  # ...and none survives
        assert "\u00a0" not in text and unicodedata.is_normalized("NFC", text)
    assert any("phải phải" in text for text in texts)  # kept exactly as written


# --- our own fixture pages ---------------------------------------------------------------------


def test_pipe_menu_pipe_dateline_source_prefix_two_bylines():
    parsed = parse_fixture("pipe_menu_source_prefix.txt")
    assert parsed.title == "Khánh thành cầu treo bản Khe Nứa sau ba tháng thi công"
    assert parsed.published_at == datetime(2023, 3, 14, 8, 5, tzinfo=VN)
    assert parsed.sapo.startswith("Sáng 14/3, UBND huyện Tương Sơn")  # "(Baonghean.vn) - " removed
    assert parsed.body == (
        # A verb-less line without credit may be a caption, but it is not clearly one: a paragraph,
        # listed among the warnings for the report.
        P("Chiếc cầu treo mới của bản Khe Nứa."),
        P(
            "Cây cầu dài 86 m, rộng 1,5 m, được xây dựng từ nguồn vốn xã hội hóa và ngân sách huyện với "
            "tổng kinh phí gần 2,4 tỷ đồng. Đơn vị thi công đã hoàn thành sớm hơn kế hoạch hai tuần."
        ),
        F("Quang cảnh lễ khánh thành cầu treo bản Khe Nứa."),
        P(
            "Trước đây, mỗi khi nước suối dâng cao, học sinh trong bản phải nghỉ học nhiều ngày liền. "
            "Người dân muốn ra chợ xã phải đi vòng qua đường rừng dài hơn 10 km."
        ),
        F("Người dân bản Khe Nứa đi qua cầu mới trong ngày khánh thành.", "Ảnh: Thành Duy"),
        P(
            "Phát biểu tại buổi lễ, ông Lương Văn Kiên, Chủ tịch UBND huyện Tương Sơn đề nghị chính quyền "
            "xã và bà con trong bản cùng giữ gìn, bảo vệ công trình để cây cầu phục vụ lâu dài."
        ),
    )
    assert parsed.byline == ("Mai Hương", "Thành Duy")
    assert parsed.ends_with_end_mark is False
    assert parsed.source_prefix == "(Baonghean.vn) -"
    assert any("Chiếc cầu treo mới" in warning for warning in parsed.warnings)
    assert parsed.removed_chrome == (
        "Trang chủ | Thời sự | Kinh tế | Xã hội | Thể thao | Giải trí",
        "Chia sẻ Facebook Zalo",
        "Tin liên quan",
        "Huyện Tương Sơn đẩy mạnh xây dựng nông thôn mới",
        "Hơn 1.000 học sinh vùng cao được tặng áo ấm",
        "Bình luận",
    )


def test_dateline_before_title_breadcrumb_bare_and_standalone_credits():
    parsed = parse_fixture("dateline_before_title.txt")
    assert parsed.title == "Trường làng ven sông Lam đón bộ máy tính mới cho học sinh"
    assert parsed.published_at == datetime(2023, 6, 5, 7, 15, tzinfo=VN)
    assert parsed.sapo.startswith("Sau hai năm vận động,")  # "(Dân trí) - " removed
    assert parsed.body == (
        F("Các em học sinh lớp 5 trong giờ tin học đầu tiên.", "Ảnh: Lan Anh"),
        P(
            "Thầy Trần Quốc Hưng, Hiệu trưởng nhà trường cho biết, trước đây học sinh chỉ được học tin học "
            "qua tranh vẽ và sách giáo khoa."
        ),
        P("Lớp học đầu tiên kéo dài 45 phút."),  # short, but a sentence with a verb: a paragraph
        P("Phòng máy được đặt ở tầng hai của dãy nhà mới, có điều hòa và hệ thống điện riêng."),
        F("Bộ máy tính được lắp đặt trong phòng học mới.", "Ảnh minh họa"),  # credit on its own line
        P("Nhóm cựu học sinh cho biết sẽ tiếp tục vận động để trang bị thêm máy chiếu cho các lớp học."),
    )
    assert parsed.byline == ()  # "Theo TTXVN" says where the story came from: not an author
    assert parsed.source_attribution == "Theo TTXVN"
    assert parsed.removed_chrome == ("Trang chủ > Xã hội > Giáo dục", "In bài")


def test_date_first_format_end_mark_no_byline_related_headlines_dropped():
    parsed = parse_fixture("date_first_end_mark.txt")
    assert parsed.title == "Tỉnh tổ chức diễn tập phòng chống bão lũ năm 2022"
    assert parsed.published_at == datetime(2022, 9, 21, 16, 40, tzinfo=VN)
    assert parsed.byline == ()
    assert parsed.ends_with_end_mark is True
    assert parsed.body[-1] == P(
        "Kết thúc buổi diễn tập, Ban Chỉ huy yêu cầu các địa phương rà soát lại kế hoạch, bổ sung vật tư "
        "và phương tiện trước mùa mưa bão./."
    )
    assert parsed.body[1] == F("Lực lượng cứu hộ đưa người dân đến nơi tránh trú an toàn.", "Ảnh minh họa")
    assert parsed.removed_chrome == (
        "Mới nhất Tin nóng Video Podcast Thời sự Kinh tế Thế giới",
        "Thời sự",
        "Tin liên quan",
        "Dự báo mùa mưa bão năm nay đến sớm",
        "Xem thêm",
    )


def test_nfd_page_with_nbsp_zero_width_and_tab_comes_out_nfc():
    raw = (FIXTURES / "nfd_dash_dateline.txt").read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", raw) and "\u00a0" in raw and "\u200b" in raw and "\t" in raw
    parsed = parse_plain_text(raw)
    assert parsed.title == "Hợp tác xã nuôi ong đạt doanh thu kỷ lục sau mùa hoa bạc hà"
    assert parsed.published_at == datetime(2024, 1, 2, 9, 30, tzinfo=VN)
    assert parsed.sapo.startswith("Năm 2023, Hợp tác xã Ong Mật Đá Trắng")  # "(Chinhphu.vn) -" removed
    assert parsed.body == (
        P(
            "Hợp tác xã hiện có 45 thành viên với khoảng 3.000 đàn ong, phần lớn được nuôi trên sườn đồi "
            "gần khu rừng phòng hộ."
        ),
        F("Thành viên hợp tác xã kiểm tra cầu ong trước mùa thu hoạch.", "Ảnh: Hoàng Yến"),
        P(
            "Nhờ đạt chứng nhận sản phẩm OCOP 4 sao, mật ong của hợp tác xã đã có mặt tại nhiều siêu thị ở "
            "các thành phố lớn."
        ),
    )
    assert parsed.byline == ("Nhóm PV",)
    assert parsed.removed_chrome[0] == "Mới nhất Tin nóng Media Magazine Infographic Tin ảnh"


def test_updated_prefix_dateline_no_byline_captions_and_short_paragraphs():
    parsed = parse_fixture("no_byline_comma_date.txt")
    assert parsed.published_at == datetime(2023, 12, 12, 10, 20, tzinfo=VN)
    assert parsed.byline == ()
    assert parsed.body == (
        P("Giải năm nay có 12 đội thuyền đến từ các xã ven sông, mỗi đội gồm 22 tay chèo."),
        F("Toàn cảnh đường đua trên sông Lam."),
        P("Đây là lần thứ ba huyện tổ chức giải đua thuyền."),
        P("Nhiều kết quả nổi bật"),  # an intertitle (no full stop) is not a caption
        P("Đội thuyền xã Hưng Lộc giành giải nhất sau hai lượt đua, đội xã Nghi Phong về nhì."),
        P("Các đội thuyền đã tập luyện từ hai tháng trước."),
        P("Ban tổ chức cho biết giải sẽ được tổ chức hằng năm vào dịp cuối năm."),
    )


def test_utf16_page_parses_like_its_utf8_twin():
    assert (FIXTURES / "utf16_no_byline.txt").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert parse_fixture("utf16_no_byline.txt") == parse_fixture("no_byline_comma_date.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32"])
def test_boms_are_honoured(tmp_path, encoding):
    text = (FIXTURES / "no_byline_comma_date.txt").read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    assert read_text_file(path).lstrip("\ufeff") == text


# --- broken files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("broken_binary.bin", "tệp nhị phân"),
        ("broken_latin1.txt", "không phải UTF-8"),
        ("broken_empty.txt", "tệp trống"),
        ("broken_no_title.txt", "không tìm thấy tiêu đề"),
        ("broken_only_chrome.txt", "chỉ có phần khung"),
    ],
)
def test_broken_files_fail_with_a_clear_reason(name, reason):
    with pytest.raises(ParseError, match=reason):
        parse_fixture(name)


def test_page_without_dateline_is_kept_undated_and_refused_only_when_strict():
    parsed = parse_fixture("broken_no_dateline.txt")
    assert parsed.published_at is None and parsed.dateline_text == ""
    assert parsed.title == "Nông dân phấn khởi vì vụ lúa hè thu bội thu"
    assert parsed.sapo.startswith("Nông dân các xã ven sông") and parsed.byline == ("Mai Hương",)
    assert parsed.warnings[0].startswith("không tìm thấy ngày giờ đăng") and "bản nháp" in parsed.warnings[0]
    with pytest.raises(ParseError, match="không tìm thấy ngày giờ đăng"):
        parse_plain_text(read_text_file(FIXTURES / "broken_no_dateline.txt"), strict=True)


def test_unreadable_paths(tmp_path):
    with pytest.raises(ParseError, match="không tìm thấy tệp"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(ParseError, match="thư mục"):
        read_text_file(tmp_path)


def test_whitespace_only_and_control_heavy_input():
    with pytest.raises(ParseError, match="trống"):
        parse_plain_text(" \n\u00a0\t\u200b\n")
    with pytest.raises(ParseError, match="nhị phân"):
        decode_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(ParseError, match="BOM"):
        decode_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM then a lone surrogate


def test_title_too_long_is_refused_only_when_strict():
    with pytest.raises(ParseError, match="không phải tiêu đề"):
        parse_plain_text(page("Tin " * 100, "19:37, 01/07/2019", "Nội dung bài."), strict=True)


def test_impossible_date_is_refused():
    with pytest.raises(ParseError, match="không hợp lệ"):
        parse_plain_text(page("Tiêu đề bài", "10:00, 31/02/2019", "Nội dung bài."))


def test_page_with_title_and_date_but_no_text_is_refused():
    with pytest.raises(ParseError, match="không có nội dung"):
        parse_plain_text(page("Tiêu đề bài", "10:00, 01/02/2019", "Bình luận"))


# --- datelines, sapo prefixes, bylines, figures ---------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("19:37, 01/07/2019", (2019, 7, 1, 19, 37)),
        ("19:37 | 01/07/2019", (2019, 7, 1, 19, 37)),
        ("01/07/2019 19:37", (2019, 7, 1, 19, 37)),
        ("01/07/2019 - 19:37", (2019, 7, 1, 19, 37)),
        ("Thứ Hai, 01/07/2019 19:37", (2019, 7, 1, 19, 37)),
        ("Thứ hai, 1/7/2019, 19:37 (GMT+7)", (2019, 7, 1, 19, 37)),
        ("19:37, 01/07/2019 (GMT+7)", (2019, 7, 1, 19, 37)),
        ("Chủ nhật, 07/07/2019 - 08:05 GMT+7", (2019, 7, 7, 8, 5)),
        ("Cập nhật: 19h37, 01/07/2019", (2019, 7, 1, 19, 37)),
        ("Ngày đăng: 01-07-2019 07:05", (2019, 7, 1, 7, 5)),
        ("T2, 01.07.2019 | 19:37", (2019, 7, 1, 19, 37)),
        ("2019-07-01 19:37", (2019, 7, 1, 19, 37)),
        ("01/07/2019", (2019, 7, 1, 0, 0)),
    ],
)
def test_dateline_formats(dateline, expected):
    parsed = parse_plain_text(page("Tiêu đề bài viết", dateline, "Sapo của bài viết."))
    assert parsed.published_at == datetime(*expected, tzinfo=VN)
    assert parsed.published_at.utcoffset().total_seconds() == 7 * 3600
    assert parsed.title == "Tiêu đề bài viết" and parsed.sapo == "Sapo của bài viết."


@pytest.mark.parametrize(
    ("first_line", "sapo"),
    [
        ("(Baonghean.vn) - Sáng nay, tỉnh khai mạc hội chợ.", "Sáng nay, tỉnh khai mạc hội chợ."),
        ("(Dân trí) - Sáng nay, tỉnh khai mạc hội chợ.", "Sáng nay, tỉnh khai mạc hội chợ."),
        ("(Chinhphu.vn) -Sáng nay, tỉnh khai mạc hội chợ.", "Sáng nay, tỉnh khai mạc hội chợ."),
        ("Baonghean.vn - Sáng nay, tỉnh khai mạc hội chợ.", "Sáng nay, tỉnh khai mạc hội chợ."),
        ("VOV.VN - Sáng nay, tỉnh khai mạc hội chợ.", "Sáng nay, tỉnh khai mạc hội chợ."),
        ("TTO - Sáng nay, tỉnh khai mạc hội chợ.", "Sáng nay, tỉnh khai mạc hội chợ."),
        # Not a newspaper's name: kept as written.
        ("TP.HCM - Sáng nay, thành phố khai mạc hội chợ.", "TP.HCM - Sáng nay, thành phố khai mạc hội chợ."),
        ("(1/7) - Sáng nay, tỉnh khai mạc hội chợ.", "(1/7) - Sáng nay, tỉnh khai mạc hội chợ."),
        ("Chiều nay (1/7), tỉnh khai mạc hội chợ.", "Chiều nay (1/7), tỉnh khai mạc hội chợ."),
    ],
)
def test_sapo_source_prefix(first_line, sapo):
    assert parse_plain_text(page("Tiêu đề", "19:37, 01/07/2019", first_line)).sapo == sapo


@pytest.mark.parametrize(
    ("last_lines", "byline", "source"),
    [
        (["Mai Hương"], ("Mai Hương",), ""),
        (["Nhóm PV"], ("Nhóm PV",), ""),
        (["PV"], ("PV",), ""),
        (["Theo TTXVN"], (), "Theo TTXVN"),
        (["(Theo Dân trí)"], (), "Theo Dân trí"),
        (["Mai Hương", "Theo TTXVN"], ("Mai Hương",), "Theo TTXVN"),
        (["Mai Hương - Thành Duy"], ("Mai Hương", "Thành Duy"), ""),
        (["Lê Thị Thu Hà, Trần Văn Bình"], ("Lê Thị Thu Hà", "Trần Văn Bình"), ""),
        (["Mai Hương", "Thành Duy"], ("Mai Hương", "Thành Duy"), ""),
        (["Ban tổ chức cho biết giải sẽ được tổ chức hằng năm."], (), ""),
        (["Hết"], (), ""),
        (["Nghệ An ngày 1/7"], (), ""),
        (["Theo kế hoạch, hội chợ kéo dài năm ngày"], (), ""),
    ],
)
def test_byline(last_lines, byline, source):
    parsed = parse_plain_text(page("Tiêu đề", "19:37, 01/07/2019", "Sapo của bài.", *last_lines))
    assert parsed.byline == byline
    assert parsed.source_attribution == source
    body_texts = [b.text for b in parsed.body if isinstance(b, ParsedParagraph)]
    assert body_texts == ([] if byline or source else last_lines)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Toàn cảnh hội chợ. (Ảnh: Thành Duy)", F("Toàn cảnh hội chợ.", "Ảnh: Thành Duy")),
        ("Người dân mua sắm tại hội chợ (Ảnh minh họa)", F("Người dân mua sắm tại hội chợ", "Ảnh minh họa")),
        ("Một gian hàng nông sản. (Ảnh cắt clip)", F("Một gian hàng nông sản.", "Ảnh cắt clip")),
        ("Khách tham quan gian hàng gốm. Ảnh: Lan Anh", F("Khách tham quan gian hàng gốm.", "Ảnh: Lan Anh")),
        ("Khách tham quan gian hàng gốm - Ảnh: Lan Anh", F("Khách tham quan gian hàng gốm", "Ảnh: Lan Anh")),
        ("Bản đồ khu hội chợ. (Nguồn: Sở Công Thương)", F("Bản đồ khu hội chợ.", "Nguồn: Sở Công Thương")),
        ("Sơ đồ các gian hàng (Đồ họa: Minh Khôi)", F("Sơ đồ các gian hàng", "Đồ họa: Minh Khôi")),
        ("Quang cảnh khu trưng bày sản phẩm OCOP.", F("Quang cảnh khu trưng bày sản phẩm OCOP.")),
        # A sentence about people is not clearly a caption: it stays a paragraph.
        ("Các đại biểu cắt băng khai mạc hội chợ.", P("Các đại biểu cắt băng khai mạc hội chợ.")),
        ("Thời gian từ ngày 27/4 đến 20/8.", P("Thời gian từ ngày 27/4 đến 20/8.")),
        ("Cảnh sát giao thông phân luồng tại cổng hội chợ.", P("Cảnh sát giao thông phân luồng tại cổng hội chợ.")),
        # Genuinely short paragraphs stay paragraphs.
        ("Hội chợ kết thúc vào ngày 10/7.", P("Hội chợ kết thúc vào ngày 10/7.")),
        ("Đây là năm thứ năm tỉnh tổ chức hội chợ.", P("Đây là năm thứ năm tỉnh tổ chức hội chợ.")),
        ("Các đại biểu đã thống nhất thông qua nghị quyết.", P("Các đại biểu đã thống nhất thông qua nghị quyết.")),
        ("Vì sao giá nông sản giảm?", P("Vì sao giá nông sản giảm?")),
        ("Ông Tâm nói: “Năm nay bà con phấn khởi.”", P("Ông Tâm nói: “Năm nay bà con phấn khởi.”")),
        ("Kết quả nổi bật", P("Kết quả nổi bật")),
        (
            "Sản lượng tăng 12% so với năm trước. Giá bán ổn định. (Nguồn: Tổng cục Thống kê)",
            P("Sản lượng tăng 12% so với năm trước. Giá bán ổn định. (Nguồn: Tổng cục Thống kê)"),
        ),
    ],
)
def test_figure_detection(line, expected):
    parsed = parse_plain_text(
        page(
            "Tiêu đề",
            "19:37, 01/07/2019",
            "Sáng nay, tỉnh khai mạc hội chợ thương mại với hơn 300 gian hàng của các doanh nghiệp.",
            line,
            "Hội chợ mở cửa từ 8 giờ đến 22 giờ hằng ngày, vào cửa tự do cho mọi người dân và du khách.",
        )
    )
    assert parsed.body[0] == expected


def test_short_sentence_at_the_very_end_is_not_a_caption():
    parsed = parse_plain_text(page("Tiêu đề", "19:37, 01/07/2019", "Sapo của bài.", "Toàn cảnh hội chợ."))
    assert parsed.body == (P("Toàn cảnh hội chợ."),)


def test_end_mark_alone_on_last_line_joins_the_last_paragraph():
    parsed = parse_plain_text(page("Tiêu đề", "19:37, 01/07/2019", "Sapo của bài.", "Đoạn cuối bài.", "./."))
    assert parsed.body == (P("Đoạn cuối bài. ./."),)
    assert parsed.ends_with_end_mark is True


def test_end_mark_before_byline_and_in_a_one_paragraph_article():
    parsed = parse_plain_text(page("Tiêu đề", "19:37, 01/07/2019", "Chỉ có một đoạn./.", "Mai Hương"))
    assert parsed.sapo == "Chỉ có một đoạn./." and parsed.ends_with_end_mark is True
    assert parsed.byline == ("Mai Hương",)


def test_share_widgets_inside_the_body_are_dropped_and_reported():
    parsed = parse_plain_text(
        page("Tiêu đề", "19:37, 01/07/2019", "Sapo của bài.", "Chia sẻ", "Đoạn hai của bài viết.", "In bài")
    )
    assert parsed.body == (P("Đoạn hai của bài viết."),)
    assert parsed.removed_chrome == ("Chia sẻ", "In bài")


def test_menu_words_inside_a_sentence_are_not_chrome():
    parsed = parse_plain_text(
        page("Kinh tế Nghệ An tăng trưởng mạnh", "19:37, 01/07/2019", "Thời sự Kinh tế là chuyên mục mới.")
    )
    assert parsed.title == "Kinh tế Nghệ An tăng trưởng mạnh"
    assert parsed.sapo == "Thời sự Kinh tế là chuyên mục mới."
    assert parsed.removed_chrome == ()


# --- scale and properties ------------------------------------------------------------------------


def test_five_megabyte_page_parses_in_linear_time():
    paragraph = "Người dân các xã ven sông tất bật thu hoạch lúa, năng suất ước đạt 6 tấn mỗi héc ta. "
    lines = ["Tiêu đề bài rất dài", "19:37, 01/07/2019"]
    size = 0
    i = 0
    while size < 5_000_000:
        line = f"Toàn cảnh cánh đồng số {i}." if i % 3 == 0 else paragraph * 3
        lines.append(line)
        size += len(line.encode()) + 1
        i += 1
    start = time.perf_counter()
    parsed = parse_plain_text("\n".join(lines))
    assert time.perf_counter() - start < 30
    assert len(parsed.body) == len(lines) - 3


def test_one_huge_line_is_handled_fast():
    # CPU time of this process (a loaded machine does not inflate it): a backtracking rule would take minutes.
    start = time.process_time()
    with pytest.raises(ParseError):
        parse_plain_text("a" * 5_000_000, strict=True)
    parsed = parse_plain_text("a" * 5_000_000)  # kept, undated, with its line as the sapo (the import's limits apply)
    assert parsed.published_at is None and len(parsed.title) <= 255 and len(parsed.sapo) == 5_000_000
    assert time.process_time() - start < 10


LINE_PARTS = st.sampled_from(
    [
        "Mới nhất Tin nóng Media",
        "19:37, 01/07/2019",
        "31/02/2019 10:00",
        "Toàn cảnh hội nghị.",
        "(Ảnh: Thành Duy)",
        "Ảnh minh họa",
        "(Baonghean.vn) - ",
        "Mai Hương",
        "./.",
        "Xem thêm",
        "Chia sẻ",
        "Theo ",
        " - ",
        "(",
        ")",
        ".",
        "\u00a0",
        "\u200b",
        "\t",
        "e\u0301",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_only_raises_parse_error(text):
    try:
        parsed = parse_plain_text(text)
    except ParseError as exc:
        assert str(exc)
    else:
        assert parsed.title
        if parsed.published_at is None:  # kept as an undated draft, and said so
            assert parsed.warnings[0].startswith("không tìm thấy ngày giờ đăng")
        else:
            assert parsed.published_at.tzinfo is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(LINE_PARTS, st.text(max_size=8)), max_size=6).map("".join), max_size=14))
def test_page_shaped_text_only_raises_parse_error(lines):
    try:
        parsed = parse_plain_text("\n".join(lines))
    except ParseError as exc:
        assert str(exc)
        return
    assert parsed.title.strip() == parsed.title and len(parsed.title) <= 255
    for block in parsed.body:
        text = block.text if isinstance(block, ParsedParagraph) else block.caption
        assert unicodedata.is_normalized("NFC", text) and "\u00a0" not in text


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_decode_or_raise_parse_error(data):
    try:
        text = decode_bytes(data)
    except ParseError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


def test_windows_line_endings_and_bom(tmp_path):
    text = (FIXTURES / "date_first_end_mark.txt").read_text(encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert parse_plain_text(read_text_file(path)) == parse_fixture("date_first_end_mark.txt")
