"""Saved HTML pages (issue 21): each part of a story comes from the most specific place a layout has for it,
not from whichever candidate comes first in the page, and the headline is read before the body is cleaned.

Imported through the real ``toasoan import <folder>`` console command, then checked in the stored article and
on the reader's page. The pages are our own (tests/fixtures/importer/html-generic/).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "importer" / "html-generic"
CHROME = ["Trang chủ", "Giáo dục", "Sức khỏe", "Đọc nhiều nhất", "Giá phân bón", "Giấy phép số", "Bản quyền",
          "Báo Đồng Bằng", "Tiếng nói của bà con", "Chia sẻ"]


@pytest.fixture
def imported(site_structure, tmp_path, capsys, monkeypatch) -> str:
    """The fixture folder imported with ``toasoan import <folder> --publish``; its printed report."""
    from django.db import connections

    from toasoan.cli import main

    folder = tmp_path / "kho-html"
    shutil.copytree(PAGES, folder)
    # run_from_argv closes every connection when a command ends; that would end this test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    assert main(["import", str(folder), "--publish"]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def body_text(article: ArticlePage) -> str:
    return " ".join(str(block.value) for block in article.body)


def test_article_inside_a_page_with_menus_and_no_title_metadata(client, imported):
    # No og:title, no <title>: the <h1> inside <article> is the headline (not the site's name in the header's).
    article = ArticlePage.objects.get(title="Nông dân xã Tân Phước vào mùa gặt lúa đông xuân")
    assert article.live and article.first_published_at == datetime(2024, 3, 16, 7, 30, tzinfo=VN)
    assert article.sapo == ("Hơn 600 ha lúa đông xuân ở xã Tân Phước đã chín vàng, "
                            "bà con tranh thủ nắng ráo để thu hoạch.")
    assert article.byline == ["Ngọc Hân"]
    body = body_text(article)
    assert "Ông Trần Văn Sáu" in body and "Thương lái đến tận ruộng" in body
    # Only the <article>: no menu, sidebar, footer; the headline and the dateline are not repeated in the body.
    for chrome in CHROME:
        assert chrome not in body, chrome
    assert "mùa gặt lúa đông xuân" not in body and "07:30" not in body and "16/03/2024" not in body

    page = client.get(article.url).content.decode()
    assert page.count("Nông dân xã Tân Phước vào mùa gặt lúa đông xuân</h1>") == 1
    assert "16/03/2024" in page
    assert client.get("/nong-nghiep/mua-gat-lua-dong-xuan-2041.html")["Location"].endswith(article.canonical_path())


def test_page_with_only_a_body_still_imports(imported):
    article = ArticlePage.objects.get(title="Làng nghề đan lát Phú Vinh giữ lửa nghề truyền thống")
    assert article.sapo.startswith("Ở làng Phú Vinh, gần như nhà nào")
    assert [str(block.value) for block in article.body] == [
        "<p>Các sản phẩm của làng đã có mặt ở nhiều tỉnh thành và được bán ra nước ngoài.</p>"]
    # The page gives no time: a draft for the desk (docs/importing.md), like any undated source.
    assert not article.live and article.first_published_at is None and article.needs_publication_time
    assert "1 bài không có ngày giờ đăng" in imported


def test_other_layouts_take_their_specific_selectors_first(imported):
    # A teaser box above the story has a .sapo, an .author and a <time>: the layout's own
    # .article__sapo / .article__author / .article__meta time come first, wherever they are in the page.
    article = ArticlePage.objects.get(title="Cảng cá Sông Đốc nhộn nhịp đầu vụ cá nam")
    assert article.sapo == "Hàng trăm tàu cá cập cảng mỗi ngày, ngư dân phấn khởi vì được mùa được giá."
    assert article.byline == ["Thanh Tùng"]
    assert article.first_published_at == datetime(2024, 4, 14, 5, 45, tzinfo=VN)
    assert article.section.title == "Kinh tế"
    assert "chợ đêm" not in body_text(article)
    assert "bố cục trang: article-body" in imported and "bố cục trang: generic" in imported


def test_an_empty_box_of_the_layout_passes_over_to_the_next_place(tmp_path):
    from toasoan.importer.sources.dispatch import read_source

    path = tmp_path / "bai.html"
    path.write_text(
        '<html><body><h1 class="article__title">Mở đường băng qua rừng phòng hộ</h1>'
        '<p class="article__sapo"> </p><p class="sapo">Con đường dài 3 km giúp lực lượng kiểm lâm tuần tra.</p>'
        '<div class="article__author"></div><div class="article__body"><p>Công trình làm trong hai tháng.</p></div>'
        '<p class="author">Quốc Huy</p></body></html>', encoding="utf-8")
    (item,) = read_source(path, kind="html", options={})
    assert item.parsed.title == "Mở đường băng qua rừng phòng hộ"
    assert item.parsed.sapo == "Con đường dài 3 km giúp lực lượng kiểm lâm tuần tra."
    assert item.parsed.byline == ("Quốc Huy",)
