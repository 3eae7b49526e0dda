"""Render tests for the reader site: every page type shows its anatomy, with real content built through services."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from django.utils import timezone
from PIL import Image as PILImage

from toasoan.news.models import ArticleFormat, ArticlePage

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def make_image(*, title: str = "Cầu mới qua sông", credit: str = "Ảnh: Minh Anh", size=(800, 500)):
    from toasoan.images.models import NewsImage

    buffer = BytesIO()
    PILImage.new("RGB", size, (160, 30, 40)).save(buffer, format="PNG")
    return NewsImage.objects.create(title=title, credit=credit, file=ImageFile(buffer, name="anh-thu.png"))


def body(*blocks: tuple[str, object]) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def author(db):
    from toasoan.people.models import Author

    return Author.objects.create(name="Lê Thu Hà")


@pytest.fixture
def event(site_structure):
    from toasoan.events.models import EventPage

    page = site_structure.events_index.add_child(
        instance=EventPage(title="Mùa lũ miền Trung 2026", description="Diễn biến mưa lũ ở các tỉnh miền Trung.")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def story(make_article, author, event):
    """A standard article with everything the anatomy needs: figure, missing figure, quote, authors, tags, event."""
    from toasoan.news.models import ArticleAuthor

    image = make_image()
    article = make_article(
        title="Tỉnh khánh thành cầu Hưng Đức nối đôi bờ sông Lam",
        sapo="Sáng 1/7, cây cầu dài nhất tỉnh chính thức thông xe sau hai năm thi công.",
        published=datetime(2019, 7, 1, 19, 37, tzinfo=VN),
        body=body(
            ("paragraph", "<p>Đoạn thứ nhất kể về buổi lễ.</p>"),
            ("figure", {"image": image.pk, "caption": "Toàn cảnh cây cầu mới.", "credit": ""}),
            ("paragraph", "<p>Đoạn thứ hai có lời bình.</p>"),
            ("figure", {"image": None, "caption": "Người dân đi trên cầu ngày đầu.", "credit": "(Ảnh cắt clip)"}),
            ("quote", {"text": "Cây cầu là niềm mơ ước của bà con.", "attribution": "Ông Trần Văn Lộc", "pull": False}),
        ),
    )
    ArticleAuthor.objects.create(article=article, author=author, sort_order=0)
    article.tags.add("Giao thông", "COVID-19")
    article.events.add(event)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_article_page_anatomy_in_order(client: Client, story, event, make_article):
    older = make_article(title="Bài cũ cùng sự kiện", published=datetime(2019, 6, 1, 8, 0, tzinfo=VN))
    older.events.add(event)
    older.save_revision().publish()
    html = html_of(client.get(story.url))

    assert '<html lang="vi">' in html
    title = html.index('class="article__title"')
    dateline = html.index("19:37, 01/07/2019")
    sapo = html.index('class="article__sapo"')
    body_start = html.index('class="article__body"')
    byline = html.index('class="article__byline"')
    tags = html.index('class="article__tags"')
    events = html.index("Sự kiện liên quan")
    more_events = html.index("Xem thêm sự kiện")
    assert title < dateline < sapo < body_start < byline < tags < events < more_events
    assert "Lê Thu Hà" in html[byline:tags]
    assert 'href="/tu-khoa/covid-19/"' in html
    assert "Giao thông" in html[tags:events]  # shown even while its slug cannot be routed (see below)
    # The related event links to its page and shows its newest other article.
    assert f'href="{event.url}"' in html
    assert "Bài cũ cùng sự kiện" in html[events:]
    assert "Toàn cảnh cây cầu mới." in html
    assert "Ảnh: Minh Anh" in html  # credit taken from the image library


def test_figure_with_image_uses_a_sized_lazy_rendition(client: Client, story):
    html = html_of(client.get(story.url))
    figure = re.search(r'<figure class="figure">.*?</figure>', html, re.S).group(0)
    img = re.search(r"<img[^>]*>", figure).group(0)
    assert 'loading="lazy"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'alt="Toàn cảnh cây cầu mới."' in img


def test_missing_figure_shows_readers_its_caption_as_text(client: Client, story):
    html = html_of(client.get(story.url))
    assert "figure--missing" not in html  # the placeholder is for editors (tests/news/test_placeholders.py)
    missing = re.search(r'<p class="figure-text">.*?</p>', html, re.S).group(0)
    assert "<img" not in missing
    assert "Người dân đi trên cầu ngày đầu." in missing
    assert "(Ảnh cắt clip)" in missing


def test_more_from_section_links_to_section_page_with_cursor(client: Client, story, make_article, section, settings):
    settings.TOASOAN_PAGE_SIZE = 2
    base = datetime(2019, 6, 1, 8, 0, tzinfo=VN)
    for n in range(8):
        make_article(title=f"Tin thời sự số {n}", published=base + timedelta(hours=n))
    html = html_of(client.get(story.url))
    assert "Tin thời sự số 7" in html
    match = re.search(rf'href="{re.escape(section.url)}\?sau=([^"]+)"[^>]*data-more="cung-chuyen-muc"', html)
    assert match, "the section's own Xem thêm must lead to the section page with a cursor"
    assert "Xem thêm" in html[match.start():]


def test_paragraph_script_and_event_handlers_never_reach_the_page(client: Client, make_article):
    article = make_article(
        title="Bài có mã độc trong đoạn văn",
        body=body(("paragraph", '<p onclick="alert(1)">Chữ<script>alert(2)</script> <a href="javascript:alert(3)">'
                                'liên kết</a><img src="x" onerror="alert(4)"></p>')),
    )
    html = html_of(client.get(article.url))
    article_html = html[html.index('class="article__body"'):html.index("</article>")]
    assert "<script" not in article_html
    assert "onclick" not in article_html and "onerror" not in article_html
    assert "javascript:" not in article_html
    assert "Chữ" in article_html


def test_home_page_renders_menu_in_order_and_lists(client: Client, story, site_structure, make_article):
    make_article(title="Ảnh: phố cổ vào mùa thu", format=ArticleFormat.PHOTO,
                 body=body(("figure", {"image": make_image().pk, "caption": "Phố cổ.", "credit": ""})))
    html = html_of(client.get("/"))
    nav = html[html.index('<nav class="menu"'):html.index("</nav>")]
    labels = re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', nav)
    assert labels[:6] == ["Mới nhất", "Tin nóng", "Media", "Magazine", "Infographic", "Tin ảnh"]
    assert "Thời sự" in labels[6:]
    assert story.title in html
    assert "Ảnh: phố cổ vào mùa thu" in html
    assert 'class="skip-link"' in html


def test_section_and_latest_pages_page_with_a_plain_link_and_fragment(client: Client, make_article, section,
                                                                         site_structure, settings):
    settings.TOASOAN_PAGE_SIZE = 3
    base = timezone.now() - timedelta(days=3)
    for n in range(7):
        make_article(title=f"Bản tin số {n}", published=base + timedelta(hours=n))
    latest = site_structure.listings["latest"]
    for url in (section.url, latest.url):
        html = html_of(client.get(url))
        assert "Bản tin số 6" in html
        if url == latest.url:  # a section's first page also shows its front (lead and featured stories)
            assert "Bản tin số 3" not in html
        cursor = re.search(r'href="\?sau=([^"]+)"', html).group(1)
        # Without JavaScript: the link opens the next page, a full page.
        next_html = html_of(client.get(url, {"sau": cursor}))
        assert "<html" in next_html and "Bản tin số 3" in next_html and "Bản tin số 6" not in next_html
        # With JavaScript: the fragment has only the next items and the next link.
        fragment = html_of(client.get(url, {"sau": cursor, "fragment": "1"}))
        assert "<html" not in fragment and "<header" not in fragment and "<nav" not in fragment
        assert fragment.count('<li class="story-list__item">') == 3
        assert "Bản tin số 3" in fragment and "Bản tin số 6" not in fragment
        assert re.search(r'href="\?sau=[^"]+"', fragment)
        last = html_of(client.get(url, {"sau": re.search(r'href="\?sau=([^"]+)"', fragment).group(1),
                                         "fragment": "1"}))
        assert "Bản tin số 0" in last and "?sau=" not in last


def test_format_listings_show_only_their_format(client: Client, make_article, site_structure):
    make_article(title="Video: lễ hội đua thuyền", format=ArticleFormat.MEDIA)
    make_article(title="Bài thường về giá lúa")
    html = html_of(client.get(site_structure.listings["media"].url))
    assert "Video: lễ hội đua thuyền" in html and "Bài thường về giá lúa" not in html
    assert "<h1" in html and "Media" in html


def test_hot_listing_shows_pins_in_editor_order(client: Client, make_article, site_structure):
    from toasoan.home.models import FrontSlot

    first, second = make_article(title="Tin ghim thứ nhất"), make_article(title="Tin ghim thứ hai")
    FrontSlot.objects.create(front=site_structure.home, kind="hot", article=second, position=0)
    FrontSlot.objects.create(front=site_structure.home, kind="hot", article=first, position=1)
    html = html_of(client.get(site_structure.listings["hot"].url))
    assert html.index("Tin ghim thứ hai") < html.index("Tin ghim thứ nhất")


def test_event_pages_list_articles_and_events(client: Client, story, event, site_structure):
    html = html_of(client.get(event.url))
    assert event.title in html and story.title in html
    assert "Diễn biến mưa lũ" in html
    index_html = html_of(client.get(site_structure.events_index.url))
    assert event.title in index_html
    fragment = html_of(client.get(site_structure.events_index.url, {"fragment": "1"}))
    assert "<html" not in fragment and event.title in fragment


def test_tag_page_lists_tagged_articles(client: Client, story):
    html = html_of(client.get("/tu-khoa/covid-19/"))
    assert story.title in html and "COVID-19" in html
    fragment = html_of(client.get("/tu-khoa/covid-19/", {"fragment": "1"}))
    assert "<html" not in fragment and story.title in fragment


def test_vietnamese_tag_links_to_ascii_tag_page(client: Client, story):
    html = html_of(client.get(story.url))
    assert 'href="/tu-khoa/giao-thong/"' in html
    tag_page = client.get("/tu-khoa/giao-thong/")
    assert tag_page.status_code == 200
    assert story.title in html_of(tag_page)


@pytest.mark.parametrize(
    ("fmt", "blocks", "expected"),
    [
        (ArticleFormat.PHOTO, lambda img: [("gallery", {"title": "Phố cổ", "photos": [
            {"image": img.pk, "caption": "Mái ngói rêu phong.", "credit": ""}]})], ["Mái ngói rêu phong.", "gallery"]),
        (ArticleFormat.INFOGRAPHIC, lambda img: [("infographic", {
            "image": img.pk, "text_alternative": "Sản lượng lúa tăng 5%.", "caption": "Lúa vụ hè thu",
            "credit": "Thu Hà"})],
         ["Sản lượng lúa tăng 5%.", "Đọc nội dung infographic dạng chữ", "infographic__img"]),
        (ArticleFormat.MAGAZINE, lambda img: [
            ("chapter", {"heading": "Chương một: Con đường", "image": img.pk}),
            ("quote", {"text": "Đường đã về tới bản.", "attribution": "", "pull": True})],
         ["Chương một: Con đường", "chapter--image", "quote--pull"]),
        (ArticleFormat.MEDIA, lambda img: [], ["media-stage"]),
    ],
)
def test_each_format_has_its_template(client: Client, make_article, fmt, blocks, expected):
    article = make_article(title=f"Bài dạng {fmt}", format=fmt, body=body(*blocks(make_image(size=(600, 1400)))))
    html = html_of(client.get(article.url))
    assert f"article--{fmt}" in html
    assert article.title in html
    for piece in expected:
        assert piece in html


def test_media_block_renders_player_with_poster_duration_and_transcript(client: Client, make_article):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Bản tin video", file=ContentFile(b"\x00" * 64, name="tin.mp4")
    )
    poster = make_image()
    article = make_article(title="Video: đêm hội trăng rằm", format=ArticleFormat.MEDIA, body=body(
        ("media", {"kind": "video", "file": document.pk, "embed": None, "poster": poster.pk, "duration": "3:25",
                   "transcript": "Người dẫn: Chào quý vị."}),
        ("paragraph", "<p>Lời dẫn bài viết.</p>"),
    ))
    html = html_of(client.get(article.url))
    stage = html[html.index('class="media-stage"'):html.index('class="article__sapo"')]
    assert "<video" in stage and "poster=" in stage and f'src="{document.url}"' in stage
    assert "3:25" in stage and "Người dẫn: Chào quý vị." in stage
    assert html.index('class="article__sapo"') < html.index("Lời dẫn bài viết.")


def test_404_page_is_vietnamese(client: Client, site_structure):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert 'class="menu"' in html


def test_500_page_is_vietnamese_and_self_contained():
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert '<html lang="vi">' in html and "máy chủ" in html
    assert "<link" not in html and "<script" not in html


def test_no_third_party_requests_in_the_chrome(client: Client, story):
    html = html_of(client.get(story.url))
    for match in re.finditer(r'(?:src|href)="([^"]+)"', html):
        url = match.group(1)
        # Absolute links to this site (canonical, feeds) are fine; any other host is a third party.
        if url.startswith(("http://testserver/", "https://testserver/")):
            continue
        assert not url.startswith(("http://", "https://", "//")), url


def test_media_block_without_file_shows_its_poster_as_a_still_not_a_player(client: Client, make_article):
    poster = make_image(title="Ảnh chụp từ video")
    article = make_article(title="Video: chợ phiên vùng cao", format=ArticleFormat.MEDIA, body=body(
        ("media", {"kind": "video", "file": None, "embed": None, "poster": poster.pk, "duration": "2:10",
                   "transcript": ""}),
    ))
    html = html_of(client.get(article.url))
    stage = html[html.index('class="media-stage"'):html.index('class="article__sapo"')]
    assert "<video" not in stage and "<iframe" not in stage
    # Not offered as video: no player, no "Video · Thời lượng", no "being updated" note; the poster as a still.
    assert "media__poster" in stage and "media--still" in stage
    assert "2:10" not in stage and "đang được cập nhật" not in stage
