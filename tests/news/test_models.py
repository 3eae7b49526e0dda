from datetime import UTC, datetime

import pytest
from django.urls import reverse

from toasoan.news.models import ArticleFormat, ArticlePage

pytestmark = pytest.mark.django_db


def test_article_url_is_ascii_slug_and_id(make_article):
    article = make_article(title="Đại hội Đảng các cấp Đà Nẵng")
    assert article.slug == "dai-hoi-dang-cac-cap-da-nang"
    assert article.url == f"/dai-hoi-dang-cac-cap-da-nang-{article.pk}.html"
    assert reverse("article", kwargs={"slug": article.slug, "pk": article.pk}) == article.url


def test_admin_js_slug_with_dj_is_rebuilt_by_the_server(section):
    article = section.add_child(instance=ArticlePage(title="Đại hội Đảng", slug="djai-hoi-djang", sapo="s"))
    assert article.slug == "dai-hoi-dang"


def test_editor_chosen_slug_is_kept(section):
    article = section.add_child(instance=ArticlePage(title="Đại hội Đảng các cấp", slug="dai-hoi", sapo="s"))
    assert article.slug == "dai-hoi"


def test_same_title_twice_in_a_section_gets_distinct_slugs(make_article):
    first = make_article(title="Họp báo thường kỳ")
    second = make_article(title="Họp báo thường kỳ")
    assert first.slug != second.slug
    assert second.slug.startswith("hop-bao-thuong-ky")


def test_article_page_serves_at_its_canonical_url(client, make_article):
    article = make_article()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_wrong_slug_and_tree_url_redirect_to_canonical(client, make_article, section):
    article = make_article()
    assert client.get(f"/ten-cu-{article.pk}.html").headers["Location"] == article.url
    response = client.get(f"/{section.slug}/{article.slug}/")
    assert response.status_code == 301
    assert response.headers["Location"] == article.url


def test_retitled_article_old_url_redirects(client, make_article):
    article = make_article(title="Tên ban đầu của bài")
    old_url = article.url
    article.title = "Tên mới sau khi biên tập"
    article.slug = ""
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.url != old_url
    response = client.get(old_url)
    assert response.status_code == 301
    assert response.headers["Location"] == article.url


def test_moving_article_keeps_url_and_updates_section(client, make_article, section):
    from toasoan.home.services import ensure_section

    other = ensure_section(title="Kinh tế", slug="kinh-te")
    article = make_article()
    url = article.url
    article.move(other, pos="last-child")
    article = ArticlePage.objects.get(pk=article.pk)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.url == url
    assert article.section_id == other.pk
    assert client.get(url).status_code == 200


def test_unpublished_and_unknown_articles_are_404(client, make_article):
    article = make_article(live=False)
    assert client.get(f"/{article.slug}-{article.pk}.html").status_code == 404
    assert client.get("/khong-co-bai-999999.html").status_code == 404


def test_published_at_follows_first_publication(make_article):
    when = datetime(2019, 7, 1, 12, 37, tzinfo=UTC)
    article = make_article(published=when)
    assert article.published_at == when
    assert article.section.slug == "thoi-su"


def test_rich_text_is_sanitised_when_saved(make_article):
    article = make_article(body=[("paragraph", '<p onclick="x()">Chào<script>alert(1)</script></p>')])
    raw = article.body.raw_data[0]["value"]
    assert "<script" not in raw and "onclick" not in raw and "Chào" in raw


def test_missing_images_are_counted_and_flagged(make_article):
    article = make_article(
        body=[
            ("figure", {"image": None, "caption": "Toàn cảnh hội nghị.", "credit": "", "original_source": ""}),
            ("paragraph", "<p>Nội dung.</p>"),
            ("gallery", {"title": "", "photos": [{"image": None, "caption": "Ảnh 1", "credit": "",
                                                   "original_source": ""}]}),
        ]
    )
    assert article.missing_image_count == 2
    assert "thiếu 2 ảnh" in article.get_admin_display_title()


@pytest.mark.parametrize("fmt", [choice for choice, _ in ArticleFormat.choices])
def test_every_format_renders(client, make_article, fmt):
    article = make_article(title=f"Bài thể loại {fmt}", format=fmt)
    response = client.get(article.url)
    assert response.status_code == 200
    assert f"article--{fmt}" in response.content.decode()


def test_tag_slugs_are_ascii_the_vietnamese_way():
    from toasoan.news.models import NewsTag

    assert NewsTag.objects.create(name="Đại hội Đảng").slug == "dai-hoi-dang"
    # The same slug from another spelling gets a suffix instead of failing.
    assert NewsTag.objects.create(name="Dai hoi Dang").slug == "dai-hoi-dang-1"
