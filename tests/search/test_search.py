"""Reader search on the database under test (SQLite by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.conftest import VN
from toasoan.search.backends import Filters
from toasoan.search.models import SearchEntry
from toasoan.search.services import highlight, ranked_ids, rebuild, search
from toasoan.search.text import parse_query

pytestmark = pytest.mark.django_db


def ids(query: str, **filters) -> list[int]:
    return ranked_ids(parse_query(query), filters=Filters(**filters)).ids


def test_publishing_indexes_through_the_task(article):
    a = article("Đại hội Đảng bộ tỉnh lần thứ XX thành công tốt đẹp")
    assert SearchEntry.objects.filter(pk=a.pk).exists()
    assert ids("dai hoi dang") == [a.pk]
    assert ids("Đại hội Đảng") == [a.pk]
    assert ids("Đai hoi") == [a.pk]


def test_tone_placement_variants_find_the_same_article(article):
    a = article("Hòa giải ở cơ sở giúp xóm làng thuận hoà", sapo="Hồ thủy lợi Khóa mới")
    for query in ("hoà giải", "hòa giải", "thuỷ lợi", "thủy lợi", "Khoá mới", "khoa moi"):
        assert ids(query) == [a.pk], query


def test_phrase_ranks_above_scattered_syllables(article):
    scattered = article("Ban nhạc trẻ tổ chức đêm diễn", sapo="Chức năng của ban tổ mới.",
                        published=datetime(2024, 5, 1, tzinfo=VN))
    phrase = article("Ban Tổ chức Trung ương họp", published=datetime(2020, 1, 1, tzinfo=VN))
    assert ids("ban to chuc")[:2] == [phrase.pk, scattered.pk]


def test_exact_diacritics_rank_above_folded_matches(article):
    newer = article("Xã đang xây trường mới", published=datetime(2024, 6, 1, tzinfo=VN))
    party = article("Đảng bộ xã tổng kết năm", published=datetime(2023, 1, 1, tzinfo=VN))
    assert ids("Đảng")[0] == party.pk
    assert ids("đang")[0] == newer.pk
    # Without diacritics, the newer of two equal matches comes first.
    assert ids("dang") == [newer.pk, party.pk]


def test_equivalences(article):
    a = article("Ủy ban nhân dân thành phố Vinh họp phiên thường kỳ", sapo="Đại hội Đảng khóa 13 được nhắc lại.")
    b = article("HĐND tỉnh khai mạc kỳ họp", sapo="Đ/c Bí thư phát biểu, TW chỉ đạo.")
    assert ids("UBND TP Vinh") == [a.pk]
    assert ids("khoa XIII") == [a.pk]
    assert ids("Hội đồng nhân dân tỉnh") == [b.pk]
    assert ids("dong chi bi thu") == [b.pk]
    assert ids("trung uong chi dao") == [b.pk]


def test_title_outweighs_body_and_body_is_searched(article):
    in_body = article("Tin vắn buổi sáng", body=("Người dân xã Quỳnh Lưu đón mùa cá bội thu.",),
                      published=datetime(2024, 9, 1, tzinfo=VN))
    in_title = article("Quỳnh Lưu đón mùa cá", published=datetime(2021, 9, 1, tzinfo=VN))
    assert ids("quynh luu") == [in_title.pk, in_body.pk]


def test_unpublished_scheduled_and_embargoed_articles_are_never_found(article, make_article):
    live = article("Cầu Bến Thủy mới thông xe")
    draft = make_article(title="Cầu Bến Thủy bản nháp", live=False)
    future = article("Cầu Bến Thủy thông tin cấm đăng trước", published=timezone.now() + timedelta(days=2))
    assert ids("cau ben thuy") == [live.pk]
    assert not SearchEntry.objects.filter(pk=draft.pk).exists()
    assert SearchEntry.objects.filter(pk=future.pk).exists()  # indexed, but hidden until its time
    live.unpublish()
    assert ids("cau ben thuy") == []


def test_edit_and_republish_updates_the_index(article):
    a = article("Lễ hội làng chài")
    a.title = "Lễ hội đua thuyền"
    a.save_revision().publish()
    assert ids("dua thuyen") == [a.pk]
    assert ids("lang chai") == []


def test_expiry_removes_the_article(article):
    from django.core.management import call_command

    a = article("Thông báo tuyển sinh lớp mười")
    a.expire_at = timezone.now() - timedelta(minutes=1)
    a.save_revision().publish()
    call_command("publish_scheduled")
    assert ids("tuyen sinh") == []


def test_deleting_removes_the_entry(article):
    a = article("Bão số năm đổ bộ")
    a.delete()
    assert ids("bao so nam") == []


def test_filters(article, section):
    from toasoan.home.services import ensure_section

    other = ensure_section(title="Kinh tế", slug="kinh-te")
    old = article("Giá lúa tăng mạnh", published=datetime(2019, 3, 1, tzinfo=VN))
    new = article("Giá lúa giảm nhẹ", parent=other, format="photo", published=datetime(2024, 3, 1, tzinfo=VN))
    assert ids("gia lua", section_ids=[other.pk]) == [new.pk]
    assert ids("gia lua", format="photo") == [new.pk]
    assert ids("gia lua", date_to=datetime(2020, 1, 1, tzinfo=VN)) == [old.pk]
    assert ids("gia lua", date_from=datetime(2020, 1, 1, tzinfo=VN)) == [new.pk]


def test_typo_is_corrected_against_the_archive_vocabulary(article):
    a = article("Nông dân thu hoạch lúa xuân")
    result = search(query="thu hoahc lua")
    assert [h.article.pk for h in result.hits] == [a.pk]
    assert result.corrected_query == "thu hoach lua"


def test_newest_sort_and_paging(article):
    made = [article(f"Bản tin thời tiết số {i}", published=datetime(2024, 1, 1 + i, tzinfo=VN)) for i in range(5)]
    first = search(query="ban tin thoi tiet", sort="newest", size=2)
    assert [h.article.pk for h in first.hits] == [made[4].pk, made[3].pk]
    assert first.has_next
    third = search(query="ban tin thoi tiet", sort="newest", size=2, page=3)
    assert [h.article.pk for h in third.hits] == [made[0].pk]
    assert not third.has_next


def test_highlight_marks_folded_matches_and_escapes():
    html = highlight("<b>Đại hội</b> Đảng bộ", ["dai", "dang"])
    assert html == "&lt;b&gt;<mark>Đại</mark> hội&lt;/b&gt; <mark>Đảng</mark> bộ"


def test_rebuild_restores_a_lost_index(article):
    a = article("Khánh thành nhà máy điện gió")
    SearchEntry.objects.all().delete()
    seen = []
    assert rebuild(progress=lambda done, total: seen.append((done, total))) == 1
    assert seen[-1] == (1, 1)
    assert ids("nha may dien gio") == [a.pk]


def test_rebuild_reads_body_text_from_stored_json(article):
    a = article("Tin vắn", body=("Đoàn công tác do ông Tạ Mạnh Long dẫn đầu đã đến &amp; kiểm tra.",))
    rebuild()
    assert ids("ta manh long") == [a.pk]
