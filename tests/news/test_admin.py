"""The newsroom basics in the admin: each format can be created, previewed and published in Vietnamese."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from toasoan.images.models import NewsImage
from toasoan.news.models import ArticleFormat, ArticlePage
from toasoan.people.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", password="mat-khau-dai-123")
    client.force_login(user)
    return client


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    PILImage.new("RGB", (64, 40), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_admin_speaks_vietnamese(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()


def test_image_upload_keeps_credit_and_source(editor_client):
    response = editor_client.post(
        "/admin/images/add/",
        {"title": "Toàn cảnh hội nghị", "file": png_upload(), "credit": "Thành Duy", "source": "Báo Nghệ An",
         "collection": 1},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = NewsImage.objects.get()
    assert (image.credit, image.source) == ("Thành Duy", "Báo Nghệ An")


@pytest.mark.parametrize("fmt", [choice for choice, _ in ArticleFormat.choices])
def test_editor_creates_previews_and_publishes_each_format(editor_client, section, fmt):
    image = NewsImage.objects.create(title="Ảnh", file=png_upload(f"{fmt}.png"), credit="Hoàng Quốc Bảo")
    author = Author.objects.create(name="Mai Hương")
    body = [
        ("paragraph", rich_text("<p>Nội dung chính của bài.</p>")),
        ("figure", {"image": image.pk, "caption": "Chú thích ảnh.", "credit": "", "original_source": ""}),
    ]
    if fmt == "infographic":
        body.append(("infographic", {"image": image.pk, "text_alternative": "Số liệu bằng chữ.", "caption": "",
                                     "credit": ""}))
    data = nested_form_data(
        {
            "title": f"Bài {fmt} đầu tiên của tòa soạn",
            "slug": "",
            "format": fmt,
            "sapo": "Sapo của bài viết thử nghiệm.",
            "cover_image": image.pk,
            "body": streamfield(body),
            "article_authors": inline_formset([{"author": author.pk}]),
            "tags": "đại hội, nghệ an",
            "action-publish": "publish",
        }
    )
    add_url = f"/admin/pages/add/news/articlepage/{section.pk}/"
    preview = editor_client.post(f"/admin/pages/add/news/articlepage/{section.pk}/preview/", data)
    assert preview.status_code == 200 and preview.json()["is_valid"], preview.content[:2000]
    response = editor_client.post(add_url, data)
    assert response.status_code == 302, (response.context["form"].errors, response.context["form"].formsets)
    article = ArticlePage.objects.get(format=fmt)
    assert article.live
    assert article.slug.startswith(f"bai-{fmt}-dau-tien-cua-toa-soan")
    assert article.byline == ["Mai Hương"]
    assert sorted(t.name for t in article.tags.all()) == ["nghệ an", "đại hội"]
    page = editor_client.get(article.url)
    assert page.status_code == 200
    assert "Chú thích ảnh." in page.content.decode()


def test_script_in_rich_text_never_reaches_readers(editor_client, section):
    from toasoan.people.models import Author

    byline = Author.objects.create(name="Trần Bình")  # publishing needs a byline
    data = nested_form_data(
        {
            "title": "Bài thử mã độc",
            "slug": "",
            "format": "standard",
            "sapo": "Sapo.",
            "body": streamfield([("paragraph", rich_text('<p>An toàn<script>alert(1)</script></p>'))]),
            "article_authors": inline_formset([{"author": byline.pk}]),
            "action-publish": "publish",
        }
    )
    assert editor_client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", data).status_code == 302
    html = editor_client.get(ArticlePage.objects.get().url).content.decode()
    assert "An toàn" in html
    # The converter keeps the script's text as inert text at most; no script element reaches readers.
    assert "<script>alert" not in html
    assert "<script" not in html.split('class="article__body"', 1)[-1].split("</article>", 1)[0]


def test_imported_placeholder_figures_are_flagged_in_the_editor(editor_client, make_article):
    article = make_article(
        title="Bài nhập thiếu ảnh",
        body=[("figure", {"image": None, "caption": "Toàn cảnh hội nghị.", "credit": "", "original_source": ""})],
    )
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Bài có 1 ảnh chưa có tệp" in html
    listing = editor_client.get(f"/admin/pages/{article.section_id}/").content.decode()
    assert "thiếu 1 ảnh" in listing
    # Flagged, not refused: the placeholder never blocks publishing.
    assert article.live


def test_embed_from_an_unknown_host_is_refused_in_vietnamese(editor_client, section):
    data = nested_form_data(
        {
            "title": "Bài nhúng lạ",
            "slug": "",
            "format": "standard",
            "sapo": "Sapo.",
            "body": streamfield([("embed", "https://evil.example/video/1")]),
            "article_authors": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor_client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors["body"].as_data()[0]
    assert "Không nhúng được từ «evil.example»" in str(errors.block_errors[0].messages)
    assert not ArticlePage.objects.exists()


def test_preview_of_a_new_article_in_an_event_renders(editor_client, section, site_structure):
    from toasoan.events.models import EventPage

    event = site_structure.events_index.add_child(
        instance=EventPage(title="Kỳ họp thứ Năm HĐND tỉnh", description="Các phiên họp và kết quả.")
    )
    event.save_revision().publish()
    data = nested_form_data({
        "title": "Khai mạc kỳ họp thứ Năm",
        "slug": "",
        "format": "standard",
        "sapo": "Sáng nay kỳ họp khai mạc tại hội trường tỉnh.",
        "body": streamfield([("paragraph", rich_text("<p>Đại biểu thảo luận về ngân sách.</p>"))]),
        "article_authors": inline_formset([]),
        "tags": "",
    })
    data["events"] = [event.pk]
    preview_url = f"/admin/pages/add/news/articlepage/{section.pk}/preview/"

    assert editor_client.post(preview_url, data).json()["is_valid"]
    rendered = editor_client.get(preview_url)

    assert rendered.status_code == 200
    body = rendered.content.decode()
    assert "Khai mạc kỳ họp thứ Năm" in body and "Kỳ họp thứ Năm HĐND tỉnh" in body
