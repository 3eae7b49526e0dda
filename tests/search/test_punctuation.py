"""Tokens written with punctuation ("TP.HCM", "Covid-19", "V-League", "SARS-CoV-2", "GD&ĐT", "24/4") are found
through the reader's search page whether typed as written, joined or split, and abbreviations find their long
forms (on the database under test: SQLite by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import VN
from toasoan.search.services import decompound
from toasoan.search.text import compound_keys, parse_query

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def _on(day: int) -> datetime:
    return datetime(2024, 3, day, 8, tzinfo=VN)


@pytest.fixture
def archive(article):
    return {
        "hcm": article("Mưa lớn gây ngập nhiều tuyến đường ở TP.HCM", published=_on(1)),
        "hcm_long": article("Thành phố Hồ Chí Minh mở thêm tuyến xe buýt", published=_on(2)),
        "hue": article("TP Huế đón khách dịp lễ", sapo="Hội chợ mở cửa ở trung tâm.", published=_on(3)),
        "covid": article("Số ca mắc Covid-19 giảm mạnh", published=_on(4)),
        "covid_scattered": article("Tin covid trong tuần", sapo="Có 19 người khỏi bệnh.", published=_on(20)),
        "vleague": article("Vòng 5 V-League: Hà Nội thắng sát nút", published=_on(5)),
        "sars": article("Phát hiện biến thể mới", sapo="Biến thể của SARS-CoV-2 lây nhanh hơn.", published=_on(6)),
        "gddt": article("Sở GD&ĐT Nghệ An công bố điểm thi", published=_on(7)),
        "gddt_long": article("Bộ Giáo dục và Đào tạo ban hành quy chế tuyển sinh", published=_on(8)),
        "date": article("Lễ hội hoa ban khai mạc ngày 24/4", published=_on(9)),
    }


def _found(client, query: str, archive: dict) -> list[str]:
    """Keys of the archive's articles on the first results page, in the order shown."""
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    shown = [(html.index(a.canonical_path()), key) for key, a in archive.items() if a.canonical_path() in html]
    return [key for _, key in sorted(shown)]


@pytest.mark.parametrize(("queries", "expected"), [
    (["tphcm", "TP.HCM", "tp hcm", "TP. HCM", "TPHCM", "Thành phố Hồ Chí Minh"], ["hcm", "hcm_long"]),
    (["covid19", "Covid-19", "covid 19", "COVID19"], ["covid", "covid_scattered"]),
    (["vleague", "V-League", "v league"], ["vleague"]),
    (["sarscov2", "SARS-CoV-2", "sars cov 2", "SarsCov2"], ["sars"]),
    (["gddt", "GD&ĐT", "gd dt", "GD-ĐT", "giáo dục và đào tạo"], ["gddt", "gddt_long"]),
    (["244", "24/4", "24 4"], ["date"]),
])
def test_punctuation_forms_find_the_same_articles(client, archive, queries, expected):
    for query in queries:
        found = _found(client, query, archive)
        assert sorted(found) == sorted(expected), query
        assert found[0] == expected[0] or set(found[:2]) == set(expected[:2]), query


def test_the_phrase_written_with_punctuation_ranks_first(client, archive):
    # "Covid-19" in the title outranks "covid" and "19" scattered over a newer article, however it is typed.
    for query in ("covid19", "covid 19", "Covid-19"):
        assert _found(client, query, archive)[0] == "covid", query


def test_joined_query_highlights_the_written_token(client, archive):
    html = client.get(URL, {"q": "vleague"}).content.decode()
    assert "<mark>V</mark>-<mark>League</mark>" in html


def test_pieces_typed_apart_find_the_token_written_joined(client, archive, article):
    u23 = article("U23 Việt Nam vào chung kết", published=_on(12))
    ha_noi = article("Hà Nội đón khách", published=_on(13))
    article("Hanoi Times đổi tên", published=_on(14))  # "hanoi" is known, yet "ha noi" is two words
    for query in ("u 23", "U-23", "U23"):
        assert client.get(URL, {"q": query}).content.decode().count(u23.canonical_path()) >= 1, query
    assert decompound(parse_query("ha noi")).folded == ["ha", "noi"]
    article("Giao lưu văn nghệ", published=_on(15))
    assert decompound(parse_query("gia o huyen")).folded == ["gia", "o", "huyen"]  # giá ở huyện, not "giao"
    assert ha_noi.canonical_path() in client.get(URL, {"q": "ha noi"}).content.decode()


def test_a_known_word_is_not_split(archive, article):
    article("Năm 2020 khép lại", published=_on(10))
    article("Tỉ số 20/20 sau hiệp một", published=_on(11))
    assert decompound(parse_query("2020")).folded == ["2020"]
    assert decompound(parse_query("Covid")).folded == ["covid"]
    assert decompound(parse_query("zzqxv")).folded == ["zzqxv"]


def test_compound_keys_ignore_long_runs_and_plain_words():
    assert compound_keys("Ông Nguyễn Văn A đi Hà Nội.") == set()
    assert compound_keys("a.b.c.d.e và 1-2") == {"@1_2"}
    assert compound_keys("xin-chao-cac-ban-tre-tuoi-hom-nay") == set()
