"""The index itself: the bulk rebuild stores what publishing stores; PostgreSQL's vectors and search windows."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import connection

from tests.conftest import VN
from toasoan.search import backends
from toasoan.search.backends import ALL, HEAD, PHRASE, TITLE, Backend, Filters, get_backend
from toasoan.search.ddl import ENTRY, FTS, FTS_HEAD, FTS_TITLE
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
            cursor.execute(f"SELECT article_id, document::text, title_doc::text, head::text, exact::text, "  # noqa: S608
                           "pairs::text "
                           f"FROM {ENTRY} ORDER BY article_id")
        else:
            cursor.execute(f"SELECT rowid, title_f, sapo_f, body_f, title_x, sapo_x FROM {FTS} ORDER BY rowid")  # noqa: S608
            fulltext = cursor.fetchall()
            for table in (FTS_TITLE, FTS_HEAD):
                cursor.execute(f"SELECT * FROM {table} ORDER BY rowid")  # noqa: S608
                fulltext += [(table, *row) for row in cursor.fetchall()]
            return entries, terms, fulltext
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


def test_a_bulk_import_s_batch_insert_stores_exactly_what_publishing_stores(article):
    from toasoan.news.models import ArticlePage
    from toasoan.search.services import row_for

    article("UBND TP Huế họp bàn Đại hội XIII", sapo="Đ/c Bí thư chỉ đạo; hoà giải, thuỷ lợi.",
            body=("Hội nghị hội nghị lần thứ XII của HĐND tỉnh.", "Giá lúa tăng 5% — “kỷ lục” 🌾; \\ \"x\"."))
    article("Đảng bộ xã tổng kết năm", sapo="—", body=("Xã đang xây trường; dạng mới.",),
            published=datetime(2023, 3, 1, tzinfo=VN))
    published = snapshot()
    get_backend().clear()
    assert get_backend().write_new([row_for(a) for a in ArticlePage.objects.order_by("pk")]) == 2
    assert snapshot() == published


@postgres_only
def test_postgres_vectors_leave_a_gap_between_fields(article):
    a = article("Ban tổ", sapo="Chức năng, hội nghị", body=("Hội nghị bàn tổ chức.",))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT document::text, title_doc::text, head::text, exact::text, pairs::text "  # noqa: S608
                       f"FROM {ENTRY} WHERE article_id = %s", [a.pk])
        document, title, head, exact, pairs = cursor.fetchone()
    assert document == "'ban':1,11 'chuc':4,13 'hoi':6,9 'nang':5 'nghi':7,10 'to':2,12"
    assert title == "'ban':1 'to':2"
    # Only ever asked "every syllable" / "some syllable": no positions.
    assert head == "'ban' 'chuc' 'hoi' 'nang' 'nghi' 'to'"
    assert exact == "'ban' 'chuwcs' 'hooij' 'nawng' 'nghij' 'toor'"
    # Adjacent syllables of each field: "to chuc" is a pair of the body, not of the title running into the sapo.
    assert pairs == "'ban_to' 'chuc_nang' 'hoi_nghi' 'nang_hoi' 'nghi_ban' 'to_chuc'"
    assert SearchTerm.objects.get(term="hoi_nghi").df == 1  # counted once an article, like syllables


@postgres_only
def test_phrases_without_pairs_until_every_row_has_them(article):
    """Rows indexed before migration 0005 have no pairs: phrases are then found as before, from the pool of articles
    having every syllable; once every row has its pairs (``toasoan reindex``), from the pairs."""
    a = article("Ban tổ chức họp", sapo="Họp thường kỳ.")
    b = article("Tổ chức ban đầu", sapo="Ban tổ chức mới.", published=datetime(2020, 1, 1, tzinfo=VN))
    c = article("Ban mới", sapo="Tổ chức lại.", published=datetime(2019, 1, 1, tzinfo=VN))
    backend = get_backend()
    backends._pairs_states.clear()
    asked = []
    ask = type(backend)._ask
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(backend), "_ask", lambda self, question, *args: asked.append(question) or ask(
            self, question, *args))
        with_pairs = backend.newest(PHRASE, ["ban", "to", "chuc"], Filters(), 10)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {ENTRY} SET pairs = NULL WHERE article_id = %s", [c.pk])  # noqa: S608
        assert backend._pairs_ready()  # cached
        backends._pairs_states.clear()
        without = backend.newest(PHRASE, ["ban", "to", "chuc"], Filters(), 10)
    backends._pairs_states.clear()
    assert with_pairs == without == [a.pk, b.pk]
    assert asked == [backends.PAIRS, ALL]


def test_phrase_does_not_run_from_title_into_sapo(article):
    a = article("Ban tổ", sapo="Chức năng mới của phường.")
    b = article("Ban tổ chức họp", sapo="Họp thường kỳ.", published=datetime(2020, 1, 1, tzinfo=VN))
    assert ids_for("ban to chuc") == [b.pk, a.pk]


def ids_for(query: str) -> list[int]:
    return ranked_ids(parse_query(query)).ids


def test_long_phrases_are_newest_first_past_newer_rows_with_every_pair_apart(article):
    """PostgreSQL finds a phrase of three or more syllables from its pairs, then checks positions on the newest
    candidates first until enough answer: rows having every pair but not the phrase, newer than the answers, must
    neither answer nor shift the page."""
    phrases = [article(f"Ban tổ chức hội thi số {n}", sapo="Thi tài năng.", published=datetime(2021, n, 1, tzinfo=VN))
               for n in (1, 2, 3)]
    for day in (1, 2, 3):
        article("Ban tổ công tác chức năng mới", sapo="Tổ chức họp ban.", published=datetime(2024, 1, day, tzinfo=VN))
    newest_first = [a.pk for a in reversed(phrases)]
    backend = get_backend()
    assert backend.newest(PHRASE, ["ban", "to", "chuc"], Filters(), 10) == newest_first
    assert backend.newest(PHRASE, ["ban", "to", "chuc"], Filters(), 2) == newest_first[:2]
    assert backend.newest(PHRASE, ["ban", "to", "chuc"], Filters(), 1, offset=1) == newest_first[1:2]
    assert backend.newest(PHRASE, ["ban", "to", "chuc"], Filters(date_to=datetime(2021, 2, 15, tzinfo=VN)),
                          10) == newest_first[1:]


@postgres_only
def test_windowed_questions_give_the_answers_of_the_whole_archive(article, monkeypatch):
    made = [article(f"Xã {name} đang bàn chuyện đê điều", sapo="Đảng bộ xã họp bàn.",
                    published=datetime(2024, 1, day, tzinfo=VN))
            for day, name in enumerate(["Yên Lạc", "Tân An", "Phú Mỹ", "Hòa Bình", "An Phú", "Đông Hòa"], start=1)]
    made.append(article("Đê điều mùa lũ", sapo="Đảng ủy xã chỉ đạo.", published=datetime(2019, 5, 1, tzinfo=VN)))
    questions = [(TITLE, ["xa", "dang"]), (HEAD, ["dang", "de", "dieu"]), (PHRASE, ["de", "dieu"]), (ALL, ["dang"])]
    whole = {q: get_backend().newest(q, tokens, Filters(), 3) for q, tokens in questions}
    asked = []
    monkeypatch.setattr(Backend, "_first_window", lambda self, question, tokens, wanted: 1)
    monkeypatch.setattr(Backend, "_archive_size", lambda self: 7)
    monkeypatch.setattr(backends, "WINDOW_MIN", 1)
    monkeypatch.setattr(backends, "WINDOW_WIDE", 0.9)
    ask = type(get_backend())._ask
    monkeypatch.setattr(type(get_backend()), "_ask", lambda self, *args: asked.append(args[6]) or ask(self, *args))
    backends._bounds.clear()
    try:
        windowed = get_backend()
        for question, tokens in questions:
            assert windowed.newest(question, tokens, Filters(), 3) == whole[question], question
        assert windowed.newest(ALL, ["de", "dieu"], Filters(), 2, offset=6) == [made[-1].pk]
    finally:
        backends._bounds.clear()
    assert any(asked) and None in asked  # windows were asked, and the whole archive when they held too few


@postgres_only
def test_windows_are_sized_from_the_expected_share_of_matches(monkeypatch):
    monkeypatch.setattr(Backend, "_archive_size", lambda self: 1_000_000)
    backend = get_backend()
    backend._df = {"dang": 400_000, "hiem": 30, "chuc": 50_000}
    # "dang" is everywhere: the newest 5,000 articles are enough to find 60 titles.
    assert backend._first_window(ALL, ["dang"], 60) == 5_000
    assert backend._first_window(TITLE, ["dang", "chuc"], 60) == backends._window_step(72_000)
    assert 72_000 <= backends._window_step(72_000) < 72_000 * 1.42
    assert backend._first_window(TITLE, ["dang", "hiem"], 60) > 250_000  # rare: the whole archive is asked
    # Phrases from their pairs: sized from the rarest pair; at most 2,000 articles have it: the whole archive.
    backend._df.update({"dang_hiem": 2_000, "hiem_chuc": 90_000, "dang_chuc": 200_000})
    assert backend._first_window(backends.PAIRS, ["dang", "hiem", "chuc"], 60) is None
    assert backend._first_window(backends.PAIRS, ["dang", "chuc"], 60) == backends._window_step(900)
    monkeypatch.setattr(Backend, "_archive_size", lambda self: 20_000)
    assert backend._first_window(ALL, ["dang"], 60) is None  # a small archive is always asked directly


sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite only")


def fts_keys() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {FTS} ORDER BY rowid")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


@sqlite_only
def test_sqlite_walks_time_keys_in_exact_newest_first_order(article):
    """FTS5 rows are keyed by (minute, id); ties inside a minute and ids out of time order still come out exactly
    in (published_at, id) order, with offsets and date bounds."""
    times = [datetime(2024, 3, 1, 9, 0, 50, tzinfo=VN), datetime(2024, 3, 1, 9, 0, 10, tzinfo=VN),
             datetime(2024, 3, 1, 9, 0, 30, tzinfo=VN), datetime(2024, 3, 1, 9, 0, 30, tzinfo=VN),
             datetime(2025, 1, 1, tzinfo=VN), datetime(2016, 1, 1, tzinfo=VN), datetime(2024, 3, 1, 8, 59, tzinfo=VN)]
    made = [article(f"Đê điều số {i}", published=when) for i, when in enumerate(times)]
    expected = [a.pk for a in sorted(made, key=lambda a: (a.published_at, a.pk), reverse=True)]
    assert sorted(fts_keys()) == sorted(backends.time_key(a.published_at, a.pk) for a in made)
    backend = get_backend()
    for limit in range(1, len(made) + 1):
        for offset in range(0, len(made) - limit + 1):
            assert backend.newest(TITLE, ["de", "dieu"], Filters(), limit, offset=offset) == \
                expected[offset : offset + limit], (limit, offset)
    window = Filters(date_from=datetime(2024, 3, 1, 9, 0, 20, tzinfo=VN), date_to=datetime(2024, 12, 1, tzinfo=VN))
    inside = [a.pk for a in sorted(made[:4], key=lambda a: (a.published_at, a.pk), reverse=True)
              if a.published_at >= window.date_from]
    assert backend.newest(TITLE, ["de", "dieu"], window, 10) == inside
    embargo = Filters(now=datetime(2024, 3, 1, 9, 0, 40, tzinfo=VN))
    assert backend.newest(TITLE, ["de", "dieu"], embargo, 2) == [made[3].pk, made[2].pk]


@sqlite_only
def test_sqlite_rewrite_and_delete_follow_the_time_key(article):
    a = article("Cầu mới qua sông Lam", published=datetime(2024, 1, 1, tzinfo=VN))
    b = article("Cầu cũ qua sông Lam", published=datetime(2023, 1, 1, tzinfo=VN))
    backend = get_backend()
    moved = backends.IndexRow(article_id=a.pk, published_at=datetime(2022, 6, 1, tzinfo=VN), section_id=None,
                              format="standard", title=a.title, sapo="", body="")
    backend.write([moved], count_terms=False)
    assert sorted(fts_keys()) == sorted([backends.time_key(moved.published_at, a.pk),
                                         backends.time_key(b.published_at, b.pk)])
    assert backend.newest(TITLE, ["cau", "song"], Filters(), 5) == [b.pk, a.pk]
    backend.delete([b.pk])
    assert fts_keys() == [backends.time_key(moved.published_at, a.pk)]


@sqlite_only
def test_sqlite_migration_rekeys_rows_indexed_by_article_id(article):
    from toasoan.search import ddl

    made = [article("Đảng bộ xã tổng kết năm", published=datetime(2020 + i, 2, 1, tzinfo=VN)) for i in range(3)]
    keyed = snapshot()
    with connection.cursor() as cursor:  # the layout before migration 0004: rowid = article id, no other tables
        for a in made:
            cursor.execute(f"UPDATE {FTS} SET rowid = %s WHERE rowid = %s",  # noqa: S608
                           [a.pk, backends.time_key(a.published_at, a.pk)])
        for table in (FTS_TITLE, FTS_HEAD):
            cursor.execute(f"DROP TABLE {table}")
    assert sorted(fts_keys()) == sorted(a.pk for a in made)
    ddl.time_keyed_fts(connection)
    assert snapshot() == keyed
    assert ids_for("dang bo") == [a.pk for a in reversed(made)]


def test_time_keys_order_like_minutes_then_ids():
    early, late = datetime(1969, 12, 31, 23, 59, 30, tzinfo=VN), datetime(2024, 5, 1, 10, 0, 59, tzinfo=VN)
    assert backends.time_key(early, 9) < backends.time_key(late, 1) < backends.time_key(late, 2)
    assert backends.time_key(late, 5) & backends.KEY_ID_MASK == 5
    far = datetime(9999, 12, 31, tzinfo=VN)  # clamped, still a valid 64-bit key
    assert backends.time_key(late, 1) < backends.time_key(far, 1) < 2**63
    with pytest.raises(ValueError):
        backends.time_key(late, 2**32)


@pytest.mark.parametrize("pairs", [True, False])
@pytest.mark.parametrize("pool", [(1, 2), (2, 3), (300, 1200)])
def test_questions_asked_together_get_the_answers_asked_alone(article, monkeypatch, pool, pairs):
    """PostgreSQL answers the title, head and exact questions from the flagged phrase pool when that is exact (the
    title phrase from the pairs question's flags); the answers must be those of the questions asked one by one,
    whether the pool is full or not, with pairs or without (an index migrated but not yet rebuilt)."""
    monkeypatch.setattr(backends.PostgresBackend, "_pairs_ready", lambda self: pairs)
    monkeypatch.setattr(backends, "PHRASE_WINDOW", pool[0])
    monkeypatch.setattr(backends, "PHRASE_WINDOW_MORE", pool[1])
    article("Đê điều xã Yên Lạc", sapo="Xã họp bàn.", published=datetime(2024, 1, 5, tzinfo=VN))
    article("Xã Tân An bàn chuyện đê điều", sapo="Đảng bộ xã họp.", published=datetime(2024, 1, 4, tzinfo=VN))
    article("Họp bàn mùa lũ", sapo="Đê điều của xã được gia cố.", published=datetime(2024, 1, 3, tzinfo=VN))
    article("Mùa lũ", sapo="Chuyện xã.", body=("Đê điều được bàn kỹ.",), published=datetime(2024, 1, 2, tzinfo=VN))
    article("Đê điều xã Phú Mỹ vững", sapo="Dê đỉều.", published=datetime(2023, 1, 1, tzinfo=VN))
    backend = get_backend()
    for tokens, exact in ((["de", "dieu"], ["ddeer", "ddieeuf"]), (["de", "dieu", "xa"], []), (["xa"], ["xax"]),
                          (["ban", "xa"], ["bafn"])):
        questions = [TITLE, HEAD] + [backends.TITLE_PHRASE, PHRASE] * (len(tokens) > 1) + [backends.EXACT] * bool(exact)
        for limit in (1, 2, 3, 60):
            alone = {q: backend.newest(q, tokens, Filters(), limit, exact=exact) for q in questions}
            assert backend.newest_many(questions, tokens, Filters(), limit, exact=exact) == alone, (tokens, limit)
