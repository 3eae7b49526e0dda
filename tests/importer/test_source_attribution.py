"""Source lines ("Theo …") and multi-author signatures, from a scraped page to the reader's page, the editor's
form and the JSON-LD: kept as the story's source attribution and its bylines, never a menu, never the sapo."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from toasoan.news.models import ArticlePage

pytestmark = pytest.mark.django_db

PAGE = """Mới nhất Tin nóng Media
Phố cổ bên sông Dương Tử đón lượng khách kỷ lục 🏮
21:05, 13/10/2024
Trong kỳ nghỉ lễ, thành phố cổ đón hơn hai triệu lượt khách, tăng gần một nửa so với năm trước.
Nhiều khách sạn kín phòng từ hai tuần trước kỳ nghỉ; giá phòng tăng gấp đôi.
Đỗ Quỳnh - Phạm Đức Anh - Lê Cường
Theo China Discovery/ Sohu/ Daily
Tin liên quan
"""


@pytest.fixture
def imported(site_structure, tmp_path):
    (tmp_path / "pho-co.txt").write_text(PAGE, encoding="utf-8")
    call_command("import_sources", str(tmp_path), publish=True, stdout=StringIO(), stderr=StringIO())
    return ArticlePage.objects.get()


def test_source_line_is_the_attribution_and_the_signature_three_bylines(imported):
    assert imported.source_attribution == "Theo China Discovery/ Sohu/ Daily"
    assert imported.byline == ["Đỗ Quỳnh", "Phạm Đức Anh", "Lê Cường"]
    assert imported.sapo.startswith("Trong kỳ nghỉ lễ")
    texts = [str(block.value) for block in imported.body]
    assert len(texts) == 1 and "Nhiều khách sạn kín phòng" in texts[0]


def test_reader_sees_the_attribution_under_the_story_and_search_engines_as_credit_text(client, imported):
    html = client.get(imported.canonical_path()).content.decode()
    assert '<p class="article__source">Theo China Discovery/ Sohu/ Daily</p>' in html
    assert html.index("article__byline") < html.index("article__source")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    article = next(data for data in map(json.loads, blocks) if data.get("@type") == "NewsArticle")
    assert article["creditText"] == "Theo China Discovery/ Sohu/ Daily"
    assert [author["name"] for author in article["author"]] == ["Đỗ Quỳnh", "Phạm Đức Anh", "Lê Cường"]


def test_an_article_without_source_shows_no_empty_line(client, make_article):
    article = make_article()
    html = client.get(article.canonical_path()).content.decode()
    assert "article__source" not in html and "creditText" not in html


def test_editor_sees_and_can_change_the_attribution_in_the_edit_form(client, imported, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("bientap", "bt@example.vn", "x"))
    html = client.get(f"/admin/pages/{imported.pk}/edit/").content.decode()
    assert "Nguồn tin" in html
    assert re.search(r'name="source_attribution"[^>]*value="Theo China Discovery/ Sohu/ Daily"', html)
