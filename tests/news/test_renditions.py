"""Figures in AVIF then WebP, with the renditions made in the background when an article is published."""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from toasoan.images.models import NewsImage
from toasoan.news.renditions import figure_filter_specs

pytestmark = pytest.mark.django_db


def photo(size=(1300, 800)) -> NewsImage:
    buffer = BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    return NewsImage.objects.create(title="Cầu mới", file=ImageFile(buffer, name="cau.jpg"), credit="Thành Duy")


def test_publishing_makes_avif_and_webp_renditions_then_the_page_offers_both(
        settings, client, make_article, django_capture_on_commit_callbacks):
    settings.TOASOAN_AVIF = True
    image = photo()
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(body=[("figure", {"image": image, "caption": "Cầu mới", "credit": "",
                                                  "original_source": ""})])
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert set(figure_filter_specs()) <= made
    assert any("format-avif" in spec.split("|") for spec in made)
    html = client.get(article.url).content.decode()
    assert '<source type="image/avif"' in html or 'type="image/avif"' in html
    figure_img = html[html.index('class="figure__img"') - 400:]
    assert ".webp" in figure_img


def test_without_avif_the_figure_is_a_webp_srcset(client, make_article):
    image = photo(size=(900, 600))
    article = make_article(body=[("figure", {"image": image, "caption": "Cầu", "credit": "",
                                              "original_source": ""})])
    html = client.get(article.url).content.decode()
    assert "image/avif" not in html and ".webp" in html


def figure(image, caption="Ảnh") -> dict:
    return {"image": image, "caption": caption, "credit": "", "original_source": ""}


def every_image_block(images: list[NewsImage]) -> list[tuple[str, dict]]:
    cover, photo_a, photo_b, chart, chapter, poster = images
    return [
        ("figure", figure(photo_a)),
        ("gallery", {"title": "Bộ ảnh", "photos": [figure(photo_a), figure(photo_b)]}),
        ("infographic", {"image": chart, "text_alternative": "Số liệu bằng chữ.", "caption": "Biểu đồ", "credit": ""}),
        ("chapter", {"heading": "Chương một", "image": chapter}),
        ("media", {"kind": "video", "poster": poster, "duration": "", "transcript": ""}),
    ]


@pytest.mark.parametrize(("fmt", "avif"), [("magazine", False), ("photo", True), ("standard", True)])
def test_after_the_publish_warm_up_reader_pages_make_no_rendition(
        settings, client, make_article, section, django_capture_on_commit_callbacks, fmt, avif):
    """The warm-up and the templates ask for the same specs, so no reader request encodes an image.

    (The warm-up once wrote ``width-480|format-avif`` where the figure's ``{% picture %}`` asks for
    ``format-avif|width-480``: every AVIF was made twice, the second time in a reader's request.)
    """
    from toasoan.images.models import NewsRendition

    settings.TOASOAN_AVIF = avif
    images = [photo(size=(900 + 10 * i, 600)) for i in range(6)]
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(format=fmt, cover_image=images[0], body=every_image_block(images))
    made = NewsRendition.objects.count()
    assert made > 0
    for url in (article.url, section.url, "/moi-nhat/"):
        assert client.get(url).status_code == 200
    new = sorted(NewsRendition.objects.values_list("filter_spec", flat=True)[made:])
    assert NewsRendition.objects.count() == made, f"made by a reader request: {new}"
