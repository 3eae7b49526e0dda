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
    assert any(spec.endswith("format-avif") for spec in made)
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
