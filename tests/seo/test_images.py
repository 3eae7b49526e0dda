"""Responsive images: WebP srcset with width and height, lazy below the fold, infographics at full size."""

from __future__ import annotations

import re

import pytest

from tests.seo.conftest import body, make_image

pytestmark = pytest.mark.django_db


def img_tags(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<img [^>]*class="{css_class}"[^>]*>', html)


def test_figures_are_webp_srcsets_with_dimensions_and_lazy(archive, client, make_article):
    photo = make_image(size=(1600, 1000))
    article = make_article(title="Phố cổ Hội An đón khách trở lại", body=body(
        ("figure", {"image": photo.pk, "caption": "Đèn lồng trên phố Nguyễn Thái Học", "credit": "",
                    "original_source": ""}),
        ("figure", {"image": None, "caption": "Ảnh chưa có tệp", "credit": "", "original_source": ""}),
    ))
    html = client.get(article.url).content.decode()
    [tag] = img_tags(html, "figure__img")
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    candidates = [c.strip().split() for c in srcset.split(",")]
    assert [w for _u, w in candidates] == ["480w", "800w", "1200w"]
    assert all(u.endswith(".webp") for u, _w in candidates)
    width, height = (int(re.search(rf'{a}="(\d+)"', tag).group(1)) for a in ("width", "height"))
    assert abs(width / height - 1.6) < 0.01  # the ratio of the photo: no layout shift
    assert 'loading="lazy"' in tag
    # The missing image is its caption as text for readers, never a broken <img> nor a placeholder.
    missing = html[html.index('<p class="figure-text">'):]
    missing = missing[: missing.index("</p>")]
    assert "<img" not in missing and "figure--missing" not in html


def test_infographic_keeps_full_resolution_and_a_text_alternative(archive, client, make_article):
    chart = make_image(title="Biểu đồ", size=(2000, 6000))
    article = make_article(title="Infographic: lượng mưa tháng Mười", format="infographic", body=body(
        ("infographic", {"image": chart.pk, "caption": "Lượng mưa", "credit": "Đồ họa: Mai Anh",
                         "text_alternative": "Huế 820 mm; Quảng Trị 640 mm."}),
    ))
    html = client.get(article.url).content.decode()
    [tag] = img_tags(html, "infographic__img")
    assert "2000w" in tag and "1000w" in tag
    assert "Huế 820 mm; Quảng Trị 640 mm." in html
    assert "toasoan/js/viewer.js" in html and "toasoan/css/viewer.css" in html


def test_share_images_are_remembered_until_the_image_or_its_focal_point_changes(rf, monkeypatch):
    from toasoan.images.models import NewsImage
    from toasoan.seo.images import share_image

    image = make_image(size=(1600, 1000))
    looked_up: list[str] = []
    original = NewsImage.get_rendition

    def counting(self, spec):
        looked_up.append(str(spec))
        return original(self, spec)

    monkeypatch.setattr(NewsImage, "get_rendition", counting)
    first = share_image(image, request=rf.get("/", HTTP_HOST="bao.example"))
    again = share_image(NewsImage.objects.get(pk=image.pk), request=rf.get("/", HTTP_HOST="m.bao.example"))
    assert len(looked_up) == 1
    assert first.url.startswith("http://bao.example/") and again.url.startswith("http://m.bao.example/")
    assert (again.width, again.height) == (first.width, first.height) == (1200, 675)

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 100, 50, 50
    image.save()
    moved = share_image(NewsImage.objects.get(pk=image.pk), request=rf.get("/"))
    assert len(looked_up) == 2 and moved.url != first.url.replace("bao.example", "testserver")
