"""Fronts look right whatever the stories carry: a lead without a photo, teasers without thumbnails, each
story once per front; and the paper's imprint on every reader page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from tests.newsroom.conftest import (
    newsroom,  # noqa: F401 - the newsroom fixture: one account per role
    refused,
)

pytestmark = pytest.mark.django_db


def _image(title: str = "Ảnh"):
    from django.core.files.images import ImageFile
    from PIL import Image

    from toasoan.images.models import NewsImage

    buffer = BytesIO()
    Image.new("RGB", (320, 200), (120, 40, 40)).save(buffer, format="JPEG")
    return NewsImage.objects.create(title=title, credit="Ảnh: Phóng viên", file=ImageFile(buffer, name="a.jpg"))


def _placements(html: str) -> list[str]:
    """The story links of the page's main part, once per teaser or list line; Đọc nhiều (a ranking) left out."""
    main = html[html.index("<main"):html.index("</main>")]
    main = re.sub(r'<section class="most-read".*?</section>', "", main, flags=re.S)
    teasers = re.findall(r'class="teaser__title"><a href="([^"]+)"', main)
    lines = re.findall(r'<li><time[^>]*>[^<]*</time> <a href="([^"]+)"', main)
    return teasers + lines


def test_a_lead_without_a_photo_gets_the_text_layout(client, make_article, django_capture_on_commit_callbacks):
    make_article(title="Bài có ảnh hôm qua", cover_image=_image(), published=timezone.now() - timedelta(days=1))
    lead = make_article(title="Tin nóng chỉ có chữ: 🚨 Sạt lở đèo Keo Nưa", published=timezone.now())
    html = client.get("/").content.decode()
    assert "front-top--text-lead" in html
    lead_part = html[html.index('class="front-top__lead"'):html.index('class="front-top__featured"')]
    assert lead.title in lead_part and "teaser--no-image" in lead_part and "<img" not in lead_part

    lead.cover_image = _image("Ảnh bìa")
    with django_capture_on_commit_callbacks(execute=True):  # the purge after the commit
        lead.save_revision().publish()
    assert "front-top--text-lead" not in client.get("/").content.decode()


def test_no_story_twice_on_the_home_front_or_a_section_front(client, site_structure, section, make_article):
    from toasoan.home.models import FrontSlot
    from toasoan.home.services import ensure_section

    economy = ensure_section(title="Kinh tế", slug="kinh-te")
    now = timezone.now()
    formats = ["standard", "photo", "infographic", "magazine", "media"]
    made = []
    for i in range(30):
        article = make_article(title=f"Bản tin số {i} ngày 20/12", parent=section if i % 2 else economy,
                               format=formats[i % 5], published=now - timedelta(hours=i),
                               cover_image=_image() if i % 3 else None)
        if i % 4 == 0:  # in both sections' lists
            article.secondary_sections.add(section if article.section_id == economy.pk else economy)
            article.save_revision().publish()
        made.append(article)
    home = site_structure.home
    for position, article in enumerate(made[:3]):  # Tin nóng pins that are also the newest stories
        FrontSlot.objects.create(front=home, kind="hot", article=article, position=position)
    FrontSlot.objects.create(front=section, kind="lead", article=made[7])

    for url in ("/", section.url, economy.url):
        placements = _placements(client.get(url).content.decode())
        assert len(placements) >= 10, url
        twice = {href for href in placements if placements.count(href) > 1}
        assert not twice, (url, twice)


def test_no_empty_latest_box_when_every_story_is_already_on_the_front(client, section, make_article,
                                                                     django_capture_on_commit_callbacks):
    """A young paper (four stories, all in the top block): no "Mới nhất" heading over an empty list."""
    now = timezone.now()
    for i in range(4):
        make_article(title=f"Tin thứ {i + 1} của ngày 20/12 🌾", parent=section, published=now - timedelta(hours=i))
    html = client.get("/").content.decode()
    side = html[html.index('class="front-top__latest'):]
    side = side[:side.index("</section>")]
    assert "home-moi-nhat" not in side and "<ol" not in side
    with django_capture_on_commit_callbacks(execute=True):  # the cached home page is purged as in production
        for i in range(12):  # more stories than the top block holds: the box comes back, with stories in it
            make_article(title=f"Bản tin muộn số {i}", parent=section, published=now - timedelta(days=1, hours=i))
    html = client.get("/").content.decode()
    side = html[html.index('class="front-top__latest'):]
    assert 'id="home-moi-nhat"' in side[:side.index("</ol>")] and "<li><time" in side[:side.index("</ol>")]


def test_teasers_without_a_thumbnail_are_marked_for_the_full_width_layout(client, section, make_article):
    make_article(title="Bài chỉ có chữ", published=timezone.now())
    html = client.get(section.url).content.decode()
    assert re.search(r'class="teaser teaser--\w+ teaser--no-image"', html)


@pytest.fixture
def imprint(site_structure):
    from toasoan.home.models import Imprint

    imprint = Imprint.for_site(site_structure.site)
    imprint.legal_name = "Báo điện tử Sông Lam"
    imprint.owner = "Hội Truyền thông Cộng đồng tỉnh Nghệ An"
    imprint.licence_number = "68/GP-BVHTTDL"
    imprint.licence_date = date(2025, 9, 18)
    imprint.licence_issuer = "Bộ Văn hóa, Thể thao và Du lịch"
    imprint.editor_in_chief = "Vũ Thị Giang"
    imprint.address = "Số 12 đường Lê Hồng Phong, phường Thành Vinh, tỉnh Nghệ An"
    imprint.phone = "0238 3 844 555"
    imprint.email = "lienhe@toasoan.example"
    imprint.save()
    return imprint


def test_the_imprint_is_in_the_footer_of_every_page_type(client, imprint, site_structure, section, make_article):
    from toasoan.events.models import EventPage

    event = site_structure.events_index.add_child(instance=EventPage(title="Mùa lũ", slug="mua-lu"))
    event.save_revision().publish()
    article = make_article(title="Lũ về sông Lam")
    article.events.add(event)
    article.tags.add("Mưa lũ")
    article.save_revision().publish()
    urls = ["/", section.url, site_structure.listings["latest"].url, site_structure.listings["hot"].url,
            event.url, site_structure.events_index.url, article.canonical_path(), "/tu-khoa/mua-lu/",
            "/tim-kiem/?q=lu", "/khong-co-trang-nay/"]
    for url in urls:
        for _ in range(2):  # rendered, then from the fragment and page caches
            response = client.get(url)
            html = response.content.decode()
            footer = html[html.index('<footer class="footer">'):]
            assert "Báo điện tử Sông Lam" in footer, url
            assert "Cơ quan chủ quản: Hội Truyền thông Cộng đồng tỉnh Nghệ An" in footer, url
            assert "Giấy phép số 68/GP-BVHTTDL ngày 18/09/2025 của Bộ Văn hóa, Thể thao và Du lịch" in footer, url
            assert "Tổng biên tập: <strong>Vũ Thị Giang</strong>" in footer, url
            assert "phường Thành Vinh" in footer and "0238 3 844 555" in footer, url
            assert 'href="mailto:lienhe@toasoan.example"' in footer, url


def test_a_saved_imprint_reaches_pages_already_cached(client, imprint, make_article, settings,
                                                     django_capture_on_commit_callbacks):
    settings.TOASOAN_PAGE_CACHE = "on"
    article = make_article(title="Bài đã có trong bộ đệm")
    for url in ("/", article.canonical_path()):
        assert "Vũ Thị Giang" in client.get(url).content.decode()
    imprint.editor_in_chief = "Nguyễn Thị Ánh Tuyết"
    with django_capture_on_commit_callbacks(execute=True):
        imprint.save()
    for url in ("/", article.canonical_path()):
        html = client.get(url).content.decode()
        assert "Nguyễn Thị Ánh Tuyết" in html and "Vũ Thị Giang" not in html, url


def test_the_home_title_is_not_the_site_name_twice(client, site_structure):
    title = re.search(r"<title>(.*?)</title>", client.get("/").content.decode(), re.S).group(1)
    assert title == "Tòa Soạn – Báo điện tử"


def test_the_masthead_shows_the_logo_chosen_in_the_imprint(client, imprint, django_capture_on_commit_callbacks):
    from toasoan.news.rendition_specs import LOGO_SPEC

    assert 'class="masthead__logo"' in client.get("/").content.decode()  # the default mark beside the name
    imprint.logo = _image("Logo Báo Sông Lam")
    with django_capture_on_commit_callbacks(execute=True):  # the purge, and the logo's rendition made at once
        imprint.save()
    assert imprint.logo.renditions.filter(filter_spec=LOGO_SPEC).exists()
    html = client.get("/").content.decode()
    logo = re.search(r'<img[^>]*masthead__logo--own[^>]*>', html).group(0)
    assert 'alt="Tòa Soạn"' in logo and 'height="112"' in logo


def test_only_the_administrator_role_opens_the_imprint(client, newsroom):  # noqa: F811
    url = "/admin/settings/home/imprint/"
    for role in ("reporter", "desk_editor", "managing_editor", "eic"):
        client.force_login(newsroom.user(role))
        assert refused(client.get(url)), role
    client.force_login(newsroom.user("administrator"))
    response = client.get(url, follow=True)
    assert response.status_code == 200 and "Tổng biên tập" in response.content.decode()
