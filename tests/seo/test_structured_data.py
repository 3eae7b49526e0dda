"""JSON-LD, OpenGraph, Twitter card and canonical tags in the rendered pages, and the builders themselves."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from tests.seo.conftest import body, make_image
from toasoan.seo import structured

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def json_ld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def by_type(items: list[dict], kind: str) -> list[dict]:
    return [i for i in items if i["@type"] == kind]


def meta(html: str, prop: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)


@pytest.mark.django_db
def test_article_has_news_article_breadcrumbs_og_and_canonical(archive, client):
    lead = archive["lead"]
    html = client.get(lead.url).content.decode()
    items = json_ld(html)
    [article] = by_type(items, "NewsArticle")
    url = f"http://testserver/{lead.slug}-{lead.pk}.html"
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == lead.title
    assert article["description"] == lead.sapo
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert ISO.match(article["datePublished"]) and ISO.match(article["dateModified"])
    assert article["dateModified"] >= article["datePublished"]
    assert article["author"] == [{"@type": "Person", "name": "Lê Thu Hà"}]
    assert article["articleSection"] == "Thời sự"
    assert article["isAccessibleForFree"] is True
    assert article["image"][0].startswith("http://testserver/uploads/")
    assert article["publisher"]["@type"] == "NewsMediaOrganization"
    assert article["publisher"]["logo"]["url"].endswith("/toasoan/seo/logo.png")
    assert set(article["keywords"].split(", ")) == {"giao thông", "Nghệ An"}
    [crumbs] = by_type(items, "BreadcrumbList")
    assert [(c["position"], c["name"]) for c in crumbs["itemListElement"]] == [
        (1, "Trang chủ"), (2, "Thời sự"), (3, lead.title)]
    assert crumbs["itemListElement"][-1]["item"] == url
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:url") == [url]
    assert meta(html, "og:image") == article["image"]
    assert meta(html, "og:image:width") == ["1200"] and meta(html, "og:image:height") == ["675"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "article:section") == ["Thời sự"]


@pytest.mark.django_db
def test_article_without_authors_is_by_the_newspaper(archive, client):
    items = json_ld(client.get(archive["old"].url).content.decode())
    [article] = by_type(items, "NewsArticle")
    assert article["author"][0]["@type"] == "NewsMediaOrganization"
    assert "image" not in article


@pytest.mark.django_db
def test_photo_story_has_an_image_gallery(archive, client, make_article):
    photos = [make_image(title=f"Ảnh {i}") for i in range(2)]
    article = make_article(title="Một ngày ở làng gốm Bát Tràng", format="photo", body=body(
        ("gallery", {"title": "", "photos": [
            {"image": photos[0].pk, "caption": "Lò nung buổi sớm", "credit": "", "original_source": ""},
            {"image": photos[1].pk, "caption": "Men lam", "credit": "Ảnh: Hải Yến", "original_source": ""},
            {"image": None, "caption": "Ảnh chưa có", "credit": "", "original_source": ""},
        ]}),
    ))
    [gallery] = by_type(json_ld(client.get(article.url).content.decode()), "ImageGallery")
    media = gallery["associatedMedia"]
    assert [m["caption"] for m in media] == ["Lò nung buổi sớm", "Men lam"]
    assert media[0]["creditText"] == "Ảnh: Minh Khang"  # falls back to the library credit
    assert media[1]["creditText"] == "Ảnh: Hải Yến"
    assert all(m["@type"] == "ImageObject" and m["contentUrl"].startswith("http://testserver/") for m in media)
    assert all(m["contentUrl"].endswith(".webp") for m in media)  # shared with the srcset's 1200w rendition


@pytest.mark.django_db
def test_media_story_has_a_video_object(archive, client, make_article):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Phóng sự lũ", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", "lu.mp4"))
    poster = make_image(title="Ảnh poster")
    article = make_article(title="Video: nước lũ rút ở Quảng Bình", format="media", body=body(
        ("media", {"kind": "video", "file": document.pk, "embed": None, "poster": poster.pk,
                   "duration": "3:05", "transcript": "Người dân dọn bùn sau lũ."}),
    ))
    [video] = by_type(json_ld(client.get(article.url).content.decode()), "VideoObject")
    assert video["name"] == article.title
    assert video["duration"] == "PT3M5S"
    assert video["contentUrl"].startswith("http://testserver/") and video["contentUrl"].endswith(".mp4")
    assert video["thumbnailUrl"][0].startswith("http://testserver/uploads/")
    assert ISO.match(video["uploadDate"])
    assert video["transcript"] == "Người dân dọn bùn sau lũ."


@pytest.mark.django_db
def test_person_page_has_person_json_ld(archive, client):
    person = archive["person"]
    html = client.get(person.get_absolute_url()).content.decode()
    [node] = by_type(json_ld(html), "Person")
    assert node["name"] == "Nguyễn Văn Tâm"
    assert node["url"] == f"http://testserver{person.get_absolute_url()}"
    assert meta(html, "og:type") == ["profile"]


@pytest.mark.django_db
def test_home_section_and_event_pages(archive, client):
    home = client.get("/").content.decode()
    [site] = by_type(json_ld(home), "WebSite")
    assert site["potentialAction"]["target"].endswith("/tim-kiem/?q={search_term_string}")
    section = client.get(archive["section"].url + "?sau=abc").content.decode()
    assert f'<link rel="canonical" href="http://testserver{archive["section"].url}">' in section
    [crumbs] = by_type(json_ld(section), "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]] == ["Trang chủ", "Thời sự"]
    event = client.get(archive["event"].url).content.decode()
    [crumbs] = by_type(json_ld(event), "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]][-1] == "Mùa lũ miền Trung"


def test_script_escaping_cannot_close_the_tag():
    html = structured.to_script({"headline": "</script><script>alert(1)</script> & <b>"})
    assert html.count("</script>") == 1
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner)["headline"] == "</script><script>alert(1)</script> & <b>"


@pytest.mark.parametrize(("text", "expected"), [
    ("12:34", "PT12M34S"), ("0:07", "PT7S"), ("75:00", "PT1H15M0S"), ("1:02:03", "PT1H2M3S"),
    ("", None), ("ba phút", None), ("12:75", None),
])
def test_iso_duration(text, expected):
    assert structured.iso_duration(text) == expected


def test_news_article_shortens_long_headlines_and_drops_empty_fields():
    publisher = structured.Publisher(name="Tòa Soạn", url="https://example.vn/")
    data = structured.news_article(
        url="https://example.vn/a-1.html", headline="Dài " * 60, description="Sapo", published=datetime(2026, 1, 2,
        tzinfo=UTC), modified=None, authors=[], images=[], publisher=publisher, section=None)
    assert len(data["headline"]) <= structured.HEADLINE_MAX and data["headline"].endswith("…")
    assert data["dateModified"] == data["datePublished"]
    assert "articleSection" not in data and "image" not in data and "keywords" not in data


@pytest.mark.django_db
def test_not_found_page_still_renders_with_a_canonical(archive, client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert '<link rel="canonical" href="http://testserver/khong-co-trang-nay/">' in response.content.decode()


@pytest.mark.django_db
def test_a_broken_share_image_does_not_break_the_article(archive, client):
    import os

    os.remove(archive["image"].file.path)  # the file is gone from storage, the row remains
    archive["image"].renditions.all().delete()
    response = client.get(archive["lead"].url)
    assert response.status_code == 200
    [article] = by_type(json_ld(response.content.decode()), "NewsArticle")
    assert "image" not in article
