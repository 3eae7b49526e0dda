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
    # The missing image is a captioned placeholder, never a broken <img>.
    missing = html[html.index("figure--missing"):]
    missing = missing[: missing.index("</figure>")]
    assert "<img" not in missing and "Ảnh chưa có tệp" in missing


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
