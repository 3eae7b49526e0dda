"""Stored records are whole names: no place cut out of a longer name, no person of one word, no province written
twice in a body's name, no commune stored as an organisation (issue 22; sentences of our own)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from toasoan.entities import provinces
from toasoan.entities.extraction import extract_entities
from toasoan.entities.records import administrative_unit, place_record_name
from toasoan.entities.services import qualified_organisation

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _places(text: str) -> set[str]:
    return {place.name for place in extract_entities(text).places}


# --- extraction: a place after a type word is its whole name ---------------------------------------------------
@pytest.mark.parametrize(("text", "whole", "cut"), [
    ("Ông Lò Văn Pình trú tại thôn Ba Lãng, xã Hòa Lạc, cho biết nước đã rút.", "Ba Lãng", "Ba"),
    ("Gia đình bà Lụa ở thôn Đông Khánh vừa được hỗ trợ.", "Đông Khánh", "Đông"),
    ("Đoàn công tác về xã Quế Khương kiểm tra đê.", "Quế Khương", "Quế"),
])
def test_a_gazetteer_syllable_that_a_longer_name_goes_on_from_is_not_cut_out(text: str, whole: str, cut: str) -> None:
    places = _places(text)
    assert whole in places and cut not in places


@pytest.mark.parametrize(("text", "junk"), [
    ("Người dân thôn K., xã Hòa Lạc kể lại sự việc.", "K"),  # an initial
    ("Đạo diễn gửi bản Dự thảo kịch bản cho đoàn phim.", "Dự"),  # a document, not a village
    ("Nhóm biên kịch hoàn tất kịch bản Gió mùa trong tháng này.", "Gió"),  # a script's title
    ("Hợp tác xã Nông nghiệp Tân Tiến chia lãi cho xã viên.", "Nông"),  # a cooperative
    ("Hạt Kiểm lâm Mường Khoa phát hiện gỗ lậu.", "Kiểm"),  # a forest ranger station
    ("Chiếc xe chở hàng từ tỉnh Nghệ ra Hà Nội thì bị bắt.", "Nghệ"),  # Nghệ An, cut by a typo
    ("Ông Lê Văn Hòa, Phó trưởng Công an huyện Kỳ Anh, cho biết sáng nay.", "Anh"),  # not England
    ("Viện kiểm sát thị xã Phú Mỹ vừa phê chuẩn lệnh bắt.", "Mỹ"),  # not America
    ("Nhạc trưởng người Nhật Bản Kenji Moriyama chỉ huy buổi diễn.", "Kenji Moriyama"),  # "Bản" of Nhật Bản
])
def test_no_place_of_a_letter_a_title_or_a_syllable_of_another_name(text: str, junk: str) -> None:
    assert junk not in _places(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Thủ tướng Anh và Tổng thống Mỹ điện đàm tối qua.", "Anh"),
    ("Thủ tướng Anh và Tổng thống Mỹ điện đàm tối qua.", "Mỹ"),
    ("Tại Pháp, giá điện tăng mạnh.", "Pháp"),  # a capitalised first word does not glue to the country
    ("Nông dân ở nông thôn Tây Nguyên đã thu hoạch xong cà phê.", "Tây Nguyên"),
    ("Vụ tai nạn xảy ra trên đường liên xã Phước Hưng, huyện Long Điền.", "Phước Hưng"),
    ("NGUYỄN VĂN BẢY - CHỦ TỊCH UBND XÃ HƯNG LỢI PHÁT BIỂU TẠI BUỔI LỄ.", "Hưng Lợi"),
    ("Anh ta sống ở xóm Pheo, xã Cun Pheo nhiều năm.", "Pheo"),  # a village of one syllable is still a place
])
def test_whole_places_are_still_found(text: str, place: str) -> None:
    assert place in _places(text)


def test_one_word_street_is_no_place() -> None:
    assert all(len(place.name.split()) > 1 for place in extract_entities("Vũ \"nhôm\" bị lừa nhiều tỷ đồng.").places
               if place.kind == "đường")


# --- the name a record is stored under ----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "kind", "stored"), [
    ("Bợm", "thôn", "thôn Bợm"),  # a village of one syllable keeps its type word
    ("Lắk", "huyện", "huyện Lắk"),
    ("Cảng", "thành phố", "thành phố Cảng"),
    ("Vinh", "thành phố", "Vinh"),  # a city the gazetteer knows
    ("Pháp", "quốc gia", "Pháp"),
    ("Huế", "tỉnh/thành phố", "Huế"),
    ("Hòa Lạc", "xã", "Hòa Lạc"),  # two words: whole already
])
def test_place_record_name(name: str, kind: str, stored: str) -> None:
    assert place_record_name(name=name, kind=kind) == stored


@pytest.mark.parametrize(("name", "unit"), [
    ("xã Tràng Lâm", ("Tràng Lâm", "xã")),
    ("thị trấn Hồ", ("Hồ", "thị trấn")),
    ("tỉnh Thanh Hóa", ("Thanh Hóa", "tỉnh")),
    ("Huyện ủy Tứ Lộc", None),  # a Party body
    ("Tỉnh đoàn Nghệ An", None),
    ("UBND xã Tràng Lâm", None),
    ("Quân khu 4", None),  # not "quận"
    ("xã viên", None),
])
def test_administrative_unit(name: str, unit: tuple[str, str] | None) -> None:
    assert administrative_unit(name) == unit


# --- a province already in a body's name -----------------------------------------------------------------------
@pytest.mark.parametrize("name", [
    "Kho bạc Nhà nước tỉnh Bà Rịa – Vũng Tàu",
    "Kho bạc Nhà nước tỉnh Bà Rịa - Vũng Tàu",
    "Kho bạc Nhà nước tỉnh Bà Rịa-Vũng Tàu",
    "Kho bạc Nhà nước tỉnh Bà Rịa —Vũng Tàu",
    "Sở Y tế Thừa Thiên - Huế",
    "Sở Y tế tỉnh Thanh Hoá",  # the old accent placement
    "Cục Thuế tỉnh Đắc Lắc",
])
def test_a_province_in_the_name_by_any_dash_or_spelling_is_not_appended(name: str) -> None:
    assert qualified_organisation(name, province="Bình Dương") == name


def test_a_dash_between_two_provinces_still_names_both() -> None:
    assert provinces.named_in("cao tốc Hà Nội-Hải Phòng") == {"Hà Nội", "Hải Phòng"}
    assert provinces.lookup("Bà Rịa — Vũng Tàu").current == "Hồ Chí Minh"


# --- what an article stores ------------------------------------------------------------------------------------
STORY = (
    "Ông Nguyễn Văn Sáu, Chủ tịch xã Tràng Lâm, cho biết thôn Bợm bị ngập sâu. "
    "Thuyền trưởng Jack kể lại chuyến đi qua vùng biển Nghệ An. "
    "Đoàn đã nộp tiền tại Kho bạc Nhà nước tỉnh Bà Rịa – Vũng Tàu."
)


@pytest.mark.django_db
def test_an_article_stores_whole_places_no_one_word_person_and_no_commune_as_a_body(make_article) -> None:
    from toasoan.entities.models import ArticleEntity, Organisation, Person, Place
    from toasoan.entities.services import extract_many

    article = make_article(title="Mưa lớn gây ngập", sapo=STORY, published=datetime(2025, 3, 2, 9, tzinfo=VN))
    ArticleEntity.objects.all().delete()
    extract_many(articles=[article])

    linked = ArticleEntity.objects.filter(article=article)
    places = {link.place.name for link in linked.filter(kind="place")}
    organisations = {link.organisation.name for link in linked.filter(kind="organisation")}
    people = {link.person.name for link in linked.filter(kind="person")}
    assert {"thôn Bợm", "Tràng Lâm"} <= places
    assert not Place.objects.filter(name="Bợm").exists()
    assert "Nguyễn Văn Sáu" in people
    assert not Person.objects.filter(name="Jack").exists()
    assert "Kho bạc Nhà nước tỉnh Bà Rịa – Vũng Tàu" in organisations
    assert not Organisation.objects.filter(name__startswith="xã ").exists()
    assert not any(name.count("Vũng Tàu") > 1 for name in Organisation.objects.values_list("name", flat=True))


@pytest.mark.parametrize(("text", "junk"), [
    ("Khán giả thích bản Việt hơn bản gốc của bộ phim.", "Việt"),
    ("Nghệ sĩ trình bày bản Sonata cung Rê trưởng.", "Sonata"),
])
def test_a_version_or_a_piece_of_music_is_no_village(text: str, junk: str) -> None:
    assert junk not in _places(text)
