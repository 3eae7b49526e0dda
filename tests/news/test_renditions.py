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
    _cover, photo_a, photo_b, chart, chapter, poster = images
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


def test_events_and_people_are_warmed_too(client, site_structure, make_article, django_capture_on_commit_callbacks):
    """An event's cover (card, header, share image) and a person's photo, made when published or saved."""
    from toasoan.entities.models import ArticleEntity, EntityKind, LinkState, Person
    from toasoan.events.models import EventPage
    from toasoan.images.models import NewsRendition

    cover, face = photo(size=(1500, 900)), photo(size=(700, 700))
    with django_capture_on_commit_callbacks(execute=True):
        event = site_structure.events_index.add_child(instance=EventPage(title="Mùa lũ 2026", live=False,
                                                                            cover_image=cover))
        event.save_revision().publish()
        person = Person.objects.create(name="Trần Thị Hoa", photo=face)
        story = make_article(title="Nữ kỹ sư trẻ nhận giải sáng tạo")
    ArticleEntity.objects.create(article=story, kind=EntityKind.PERSON, person=person, state=LinkState.CONFIRMED)
    made = NewsRendition.objects.count()
    assert made > 0
    event.refresh_from_db()
    for url in (event.url, site_structure.events_index.url, f"/nhan-vat/{person.slug}/"):
        assert client.get(url).status_code == 200, url
    new = sorted(NewsRendition.objects.values_list("filter_spec", flat=True)[made:])
    assert NewsRendition.objects.count() == made, f"made by a reader request: {new}"


def test_setup_warms_every_live_article_event_and_person(make_article, site_structure):
    from toasoan.entities.models import Person
    from toasoan.events.models import EventPage
    from toasoan.images.models import NewsRendition
    from toasoan.news.renditions import make_live_renditions

    article = make_article(cover_image=photo(), body=[("figure", figure(photo(size=(800, 500))))])
    site_structure.events_index.add_child(instance=EventPage(title="Hội chợ", live=True, cover_image=photo()))
    Person.objects.create(name="Lê Văn Nam", photo=photo(size=(600, 600)))
    NewsRendition.objects.all().delete()
    assert make_live_renditions(threads=2) >= 1  # in the test's transaction: made inline
    specs = set(NewsRendition.objects.values_list("filter_spec", flat=True))
    assert {"fill-480x300", "fill-800x360", "fill-160x160", *figure_filter_specs()} <= specs
    assert article.pk


def test_an_uploaded_image_gets_its_teaser_share_and_figure_renditions(django_capture_on_commit_callbacks):
    from toasoan.seo.images import SHARE_SPEC

    with django_capture_on_commit_callbacks(execute=True):
        image = photo(size=(1000, 700))
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert {"fill-480x300", "fill-960x600", SHARE_SPEC, *figure_filter_specs()} <= specs
