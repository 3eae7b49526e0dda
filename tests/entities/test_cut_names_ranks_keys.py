"""Issue 22, what an imported archive still stored wrong (sentences of our own that show the same patterns): a
village's number cut off its name, a name cut where it goes on in lower case, a given name after a rank read as a
country, one body written with two kinds of dash stored twice."""

from __future__ import annotations

import importlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from toasoan.entities.extraction import extract_entities
from toasoan.entities.records import place_record_name

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _places(text: str) -> dict[str, str]:
    return {place.name: place.kind for place in extract_entities(text).places}


# --- 1. a number ends a village's name; a name that goes on in lower case is cut ------------------------------
@pytest.mark.parametrize(("text", "whole", "kind"), [
    ("Gia đình ông Tư mua mảnh vườn ở ấp Khu 2, xã Tân Lập, huyện Hàm Tân.", "Khu 2", "ấp"),
    ("Ông sống ở thôn Khối 3 xã Hòa Bình đã lâu.", "Khối 3", "thôn"),
    ("Trận lũ quét qua làng Plei 4, xã Ia Pếch, trong đêm.", "Plei 4", "làng"),
    ("Bà Hạnh trú tại thôn Đông Xuân 2, xã Quảng Tiến, cho biết.", "Đông Xuân 2", "thôn"),
    ("Người dân khu phố Bình Minh 3, phường An Lạc, dọn dẹp sau bão.", "Bình Minh 3", "khu phố"),
])
def test_a_number_that_ends_a_village_name_stays_in_it(text: str, whole: str, kind: str) -> None:
    places = _places(text)
    assert places.get(whole) == kind
    assert whole.rsplit(" ", 1)[0] not in places  # never "Khu", "Đông Xuân" cut off their number


@pytest.mark.parametrize(("name", "kind", "stored"), [
    ("Khu 2", "ấp", "ấp Khu 2"),  # one word and a number say nothing alone
    ("Lộ 12", "xã", "xã Lộ 12"),
    ("Đông Xuân 2", "thôn", "Đông Xuân 2"),  # a whole name already
    ("Mỹ Đình 2", "phường", "Mỹ Đình 2"),
])
def test_a_numbered_place_is_stored_under_a_name_that_says_what_it_is(name: str, kind: str, stored: str) -> None:
    assert place_record_name(name=name, kind=kind) == stored


@pytest.mark.parametrize(("text", "cut"), [
    ("Ông ở thôn Na 5 năm trước khi chuyển đi.", "Na"),  # the number counts years: the name did not take it
    ("Ông ở ấp Giồng 12 tháng thì về quê.", "Giồng"),
    ("Viên tướng đem quân về quận Ký châu để giữ đất.", "Ký"),  # "Ký châu": the name goes on in lower case
    ("Đội kỵ binh rút về huyện Dương châu ngay trong đêm.", "Dương"),
    ("Quân Thục tiến vào thành phố Thành đô sau ba ngày.", "Thành"),
])
def test_a_village_cut_before_its_number_or_its_lower_case_rest_is_not_a_place(text: str, cut: str) -> None:
    places = _places(text)
    assert cut not in places
    assert not any(name.startswith(f"{cut} ") for name in places)


@pytest.mark.parametrize(("text", "place"), [
    ("Ông Lê Văn Tư về thành phố Vinh 3 ngày để thăm mẹ.", "Vinh"),  # a known city keeps its name
    ("Anh ta sống ở xóm Pheo, xã Cun Pheo nhiều năm.", "Pheo"),
    ("Người dân thôn Bợm cho biết nước đã rút.", "Bợm"),
])
def test_whole_one_word_places_are_still_found(text: str, place: str) -> None:
    assert place in _places(text)


# --- 2. a given name after a rank is a person, not a country --------------------------------------------------
@pytest.mark.parametrize("text", [
    "Trung tá Đức, Phó Trưởng Công an huyện, cho biết vụ việc đang được điều tra.",
    "Theo Thiếu tướng Anh, lực lượng đã có mặt từ sáng.",
    "Đại úy Pháp đã lập biên bản vụ việc.",
    "Hậu quả khiến Thiếu uý Nga bị xây xát nhẹ.",
])
def test_a_given_name_after_a_rank_is_no_country(text: str) -> None:
    result = extract_entities(text)
    assert not result.places, [p.name for p in result.places]
    assert not result.people  # one syllable the article resolves to nobody: no person either


def test_the_short_name_after_a_rank_is_the_full_name_given_earlier_and_takes_the_rank() -> None:
    result = extract_entities(
        "Sáng 3/4, ông Nguyễn Xuân Đức, Trưởng Công an huyện Krông Ana, cho biết đã bắt được nghi phạm. "
        "Theo Trung tá Đức, trước đó nghi phạm đã bỏ trốn. Đại tá Hà Văn Anh cũng có mặt. "
        "Thượng tá Anh, Phó Giám đốc Công an tỉnh, chỉ đạo khám nghiệm."
    )
    assert not result.places or all(p.name not in ("Đức", "Anh") for p in result.places)
    duc = result.person("Nguyễn Xuân Đức")
    anh = result.person("Hà Văn Anh")
    assert duc is not None and anh is not None
    assert {"Trung tá", "Trưởng Công an huyện Krông Ana"} <= set(duc.position_texts)
    assert {"Đại tá", "Thượng tá", "Phó Giám đốc Công an tỉnh"} <= set(anh.position_texts)
    assert len(duc.mentions) == 2 and len(anh.mentions) == 2
    assert {p.name for p in result.people} == {"Nguyễn Xuân Đức", "Hà Văn Anh"}


@pytest.mark.parametrize(("text", "place"), [
    ("Một đại tá Mỹ cho biết cuộc tập trận sẽ kéo dài.", "Mỹ"),  # a rank in lower case: the rank's country
    ("Thiếu tướng Mỹ James Mattis thăm căn cứ.", "Mỹ"),  # a country before a full name
    ("Đại sứ Đức gặp lãnh đạo tỉnh sáng nay.", "Đức"),  # not a rank
])
def test_a_country_after_a_rank_of_that_country_or_after_another_title_is_still_a_place(text: str, place: str) -> None:
    assert place in _places(text)


# --- 3. one record per body, whatever dash or quote it is written with -----------------------------------------
@pytest.mark.parametrize("variant", [
    "Công an tỉnh Bà Rịa – Vũng Tàu", "Công an tỉnh Bà Rịa — Vũng Tàu", "Công an tỉnh Bà Rịa-Vũng Tàu",
    "CÔNG AN TỈNH BÀ RỊA ‑ VŨNG TÀU", "Công an tỉnh  Bà Rịa − Vũng Tàu",
])
def test_the_record_key_folds_dash_variants(variant: str) -> None:
    from toasoan.entities.models import Organisation, Person, Place

    key = Organisation.key_for("Công an tỉnh Bà Rịa - Vũng Tàu")
    assert Organisation.key_for(variant) == key
    assert Place.key_for(variant) == Person.key_for(variant) == key
    assert Organisation.key_for(key) == key  # a key folds to itself


@pytest.mark.parametrize(("one", "other"), [
    ("Công ty CP “Sao Mai”", 'Công ty CP "Sao Mai"'),
    ("Sở GD&ĐT Hà Nội", "Sở GD & ĐT Hà Nội"),
    ("Jean-Baptiste O’Neill", "Jean-Baptiste O'Neill"),
])
def test_the_record_key_folds_quote_and_spacing_variants(one: str, other: str) -> None:
    from toasoan.entities.models import Organisation

    assert Organisation.key_for(one) == Organisation.key_for(other)


@pytest.mark.parametrize("hostile", ["", "   ", "---", "“”", "–", "<script>–</script>", "Bộ\u00a0Y\u00a0tế"])
def test_a_key_of_punctuation_alone_or_odd_spaces_is_still_a_key(hostile: str) -> None:
    from toasoan.entities.models import Organisation

    key = Organisation.key_for(hostile)
    assert key == key.strip() and "  " not in key and len(key) <= 255


@pytest.mark.django_db
def test_two_articles_writing_one_body_with_two_dashes_link_one_record(make_article) -> None:
    from toasoan.entities.models import ArticleEntity, Organisation, Place
    from toasoan.entities.services import extract_many

    first = make_article(title="Bắt đối tượng trộm cắp", published=datetime(2025, 3, 2, 9, tzinfo=VN),
                         sapo="Công an tỉnh Bà Rịa - Vũng Tàu vừa bắt một đối tượng trộm xe máy.")
    second = make_article(title="Triệt phá đường dây ma túy", published=datetime(2025, 3, 3, 9, tzinfo=VN),
                          sapo="Công an tỉnh Bà Rịa – Vũng Tàu triệt phá một đường dây ma túy lớn.")
    ArticleEntity.objects.all().delete()
    extract_many(articles=[first])
    extract_many(articles=[second])

    bodies = Organisation.objects.filter(name__startswith="Công an tỉnh Bà Rịa")
    assert bodies.count() == 1
    linked = set(ArticleEntity.objects.filter(organisation=bodies.get()).values_list("article_id", flat=True))
    assert linked == {first.pk, second.pk}
    assert Place.objects.filter(key="ba ria vung tau").count() == 1


@pytest.mark.django_db
def test_the_migration_merges_records_a_dash_kept_apart_and_keeps_every_link(make_article) -> None:
    from django.apps import apps

    from toasoan.entities.models import (
        ArticleEntity,
        LinkSource,
        LinkState,
        Organisation,
        Person,
        PersonAlias,
        Place,
        Position,
    )

    migration = importlib.import_module("toasoan.entities.migrations.0003_keys_fold_punctuation")
    a = make_article(title="Bài thứ nhất", published=datetime(2025, 3, 2, 9, tzinfo=VN))
    b = make_article(title="Bài thứ hai", published=datetime(2025, 3, 3, 9, tzinfo=VN))
    c = make_article(title="Bài thứ ba", published=datetime(2025, 3, 4, 9, tzinfo=VN))
    ArticleEntity.objects.all().delete()
    # Records as the old key made them: the dash kept in the key, so each spelling had its own record.
    hyphen = Organisation.objects.create(name="Công an tỉnh Bà Rịa - Vũng Tàu", key="cong an tinh ba ria - vung tau")
    en_dash = Organisation.objects.create(name="Công an tỉnh Bà Rịa – Vũng Tàu", key="cong an tinh ba ria – vung tau")
    glued = Organisation.objects.create(name="Công an tỉnh Bà Rịa-Vũng Tàu", key="cong an tinh ba ria-vung tau")
    other = Organisation.objects.create(name="Sở Y tế Hà Tĩnh", key="so y te ha tinh")
    place_one = Place.objects.create(name="Bà Rịa - Vũng Tàu", key="ba ria - vung tau", kind="")
    place_two = Place.objects.create(name="Bà Rịa – Vũng Tàu", key="ba ria – vung tau", kind="tỉnh")
    person = Person.objects.create(name="Jean-Baptiste Salvaing", key="jean-baptiste salvaing")
    PersonAlias.objects.create(person=person, name="Jean-Baptiste")
    PersonAlias.objects.filter(person=person, name="Jean-Baptiste").update(key="jean-baptiste")
    PersonAlias.objects.create(person=person, name="Jean Baptiste")

    def link(article, target, state=LinkState.SUGGESTED, source=LinkSource.EXTRACTED):
        kind = target._meta.model_name
        return ArticleEntity.objects.create(article=article, kind=kind, state=state, source=source, **{kind: target})

    link(a, hyphen)
    link(b, hyphen, state=LinkState.SUGGESTED)
    link(b, en_dash, state=LinkState.CONFIRMED, source=LinkSource.EDITOR)  # the editor's decision must win
    link(c, glued, state=LinkState.REJECTED)
    link(a, other)
    link(a, place_one)
    link(b, place_two)
    Position.objects.create(person=person, title="Giám đốc Công an tỉnh Bà Rịa – Vũng Tàu", organisation=en_dash,
                            article=b, seen_at=datetime(2025, 3, 3).date())

    migration.forwards(apps, None)

    body = Organisation.objects.get(key="cong an tinh ba ria vung tau")
    assert body.pk == hyphen.pk  # the oldest record stays, with its page address
    assert not Organisation.objects.filter(pk__in=[en_dash.pk, glued.pk]).exists()
    states = dict(ArticleEntity.objects.filter(organisation=body).values_list("article_id", "state"))
    assert states == {a.pk: LinkState.SUGGESTED, b.pk: LinkState.CONFIRMED, c.pk: LinkState.REJECTED}
    assert Position.objects.get(person=person).organisation_id == body.pk
    assert Organisation.objects.get(pk=other.pk).key == "so y te ha tinh"  # untouched
    place = Place.objects.get(key="ba ria vung tau")
    assert place.pk == place_one.pk and place.kind == "tỉnh"
    assert set(ArticleEntity.objects.filter(place=place).values_list("article_id", flat=True)) == {a.pk, b.pk}
    person.refresh_from_db()
    assert person.key == "jean baptiste salvaing"
    assert list(PersonAlias.objects.filter(person=person).values_list("key", flat=True)) == ["jean baptiste"]
    migration.forwards(apps, None)  # a second run changes nothing
    assert Organisation.objects.count() == 2 and Place.objects.count() == 1
