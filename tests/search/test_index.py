"""The index itself: the bulk rebuild stores what publishing stores; PostgreSQL's vectors and search windows."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import connection

from tests.conftest import VN
from toasoan.search import backends
from toasoan.search.backends import ALL, HEAD, PHRASE, TITLE, Backend, Filters, get_backend
from toasoan.search.ddl import ENTRY, FTS
from toasoan.search.models import SearchEntry, SearchTerm
from toasoan.search.services import ranked_ids, rebuild
from toasoan.search.text import parse_query

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'",
                                   reason="PostgreSQL only (run with DATABASE_URL=postgres://...)")


def snapshot() -> tuple:
    entries = list(SearchEntry.objects.order_by("pk").values_list(
        "article_id", "published_at", "section_id", "format", "title", "sapo", "title_f", "sapo_f", "title_x",
        "sapo_x"))
    terms = sorted(SearchTerm.objects.values_list("term", "df"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT article_id, document::text, title_doc::text, head::text, exact::text "  # noqa: S608
                           f"FROM {ENTRY} ORDER BY article_id")
        else:
            cursor.execute(f"SELECT rowid, title_f, sapo_f, body_f, title_x, sapo_x FROM {FTS} ORDER BY rowid")  # noqa: S608
        fulltext = cursor.fetchall()
    return entries, terms, fulltext


def test_bulk_rebuild_stores_exactly_what_publishing_stores(article):
    article("UBND TP Huế họp bàn Đại hội XIII", sapo="Đ/c Bí thư chỉ đạo; hoà giải, thuỷ lợi.",
            body=("Hội nghị hội nghị hội nghị lần thứ XII của HĐND tỉnh.", "Giá lúa tăng 5% — “kỷ lục” 🌾."))
    article("Đảng bộ xã tổng kết năm", sapo="—", body=("Xã đang xây trường; dạng mới.",),
            published=datetime(2023, 3, 1, tzinfo=VN))
    article("Covid-19 và 3 bài học", sapo="Tp Vinh, tp lớn.")
    published = snapshot()
    assert len(published[0]) == 3
    assert rebuild(batch_size=2) == 3
    assert snapshot() == published


@postgres_only
def test_postgres_vectors_leave_a_gap_between_fields(article):
    a = article("Ban tổ", sapo="Chức năng, hội nghị", body=("Hội nghị bàn tổ chức.",))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT document::text, title_doc::text, head::text, exact::text FROM {ENTRY} "  # noqa: S608
                       "WHERE article_id = %s", [a.pk])
        document, title, head, exact = cursor.fetchone()
    assert document == "'ban':1,11 'chuc':4,13 'hoi':6,9 'nang':5 'nghi':7,10 'to':2,12"
    assert title == "'ban':1 'to':2"
    # Only ever asked "every syllable" / "some syllable": no positions.
    assert head == "'ban' 'chuc' 'hoi' 'nang' 'nghi' 'to'"
    assert exact == "'ban' 'chuwcs' 'hooij' 'nawng' 'nghij' 'toor'"


def test_phrase_does_not_run_from_title_into_sapo(article):
    a = article("Ban tổ", sapo="Chức năng mới của phường.")
    b = article("Ban tổ chức họp", sapo="Họp thường kỳ.", published=datetime(2020, 1, 1, tzinfo=VN))
    assert ids_for("ban to chuc") == [b.pk, a.pk]


def ids_for(query: str) -> list[int]:
    return ranked_ids(parse_query(query)).ids


def test_windowed_questions_give_the_answers_of_the_whole_archive(article, monkeypatch):
    made = [article(f"Xã {name} đang bàn chuyện đê điều", sapo="Đảng bộ xã họp bàn.",
                    published=datetime(2024, 1, day, tzinfo=VN))
            for day, name in enumerate(["Yên Lạc", "Tân An", "Phú Mỹ", "Hòa Bình", "An Phú", "Đông Hòa"], start=1)]
    made.append(article("Đê điều mùa lũ", sapo="Đảng ủy xã chỉ đạo.", published=datetime(2019, 5, 1, tzinfo=VN)))
    questions = [(TITLE, ["xa", "dang"]), (HEAD, ["dang", "de", "dieu"]), (PHRASE, ["de", "dieu"]), (ALL, ["dang"])]
    whole = {q: get_backend().newest(q, tokens, Filters(), 3) for q, tokens in questions}
    asked = []
    monkeypatch.setattr(Backend, "_windows", lambda self, question, tokens, wanted: [1, 2, 4])
    ask = type(get_backend())._ask
    monkeypatch.setattr(type(get_backend()), "_ask", lambda self, *args: asked.append(args[-1]) or ask(self, *args))
    backends._bounds.clear()
    try:
        windowed = get_backend()
        for question, tokens in questions:
            assert windowed.newest(question, tokens, Filters(), 3) == whole[question], question
        assert windowed.newest(ALL, ["de", "dieu"], Filters(), 2, offset=6) == [made[-1].pk]
    finally:
        backends._bounds.clear()
    assert any(asked) and None in asked  # windows were asked, and the whole archive when they held too few


def test_windows_grow_from_the_expected_share_of_matches(monkeypatch):
    monkeypatch.setattr(Backend, "_archive_size", lambda self: 1_000_000)
    backend = get_backend()
    backend._df = {"dang": 400_000, "hiem": 30, "chuc": 50_000}
    # "dang" is everywhere: the newest 5,000 articles are enough to find 60 titles, then 8 times more each time.
    assert backend._windows(ALL, ["dang"], 60) == [5_000, 40_000, 320_000]
    assert backend._windows(TITLE, ["dang", "chuc"], 60) == [72_000]
    assert backend._windows(TITLE, ["dang", "hiem"], 60) == []  # rare: ask the whole archive at once
    monkeypatch.setattr(Backend, "_archive_size", lambda self: 20_000)
    assert backend._windows(ALL, ["dang"], 60) == []  # a small archive is always asked directly
