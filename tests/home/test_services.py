import pytest
from wagtail.models import Page, Site

from toasoan.home.models import HomePage
from toasoan.home.services import ensure_section, ensure_site_structure
from toasoan.sections.models import ListingPage

pytestmark = pytest.mark.django_db


def test_site_structure_is_idempotent():
    first = ensure_site_structure()
    second = ensure_site_structure()
    assert first.home.pk == second.home.pk
    assert HomePage.objects.count() == 1
    assert ListingPage.objects.count() == 6
    assert Site.objects.get(is_default_site=True).root_page_id == first.home.pk
    assert not Page.objects.filter(slug="home", depth=2).exists()
    urls = sorted(p.url for p in first.listings.values())
    assert urls == ["/infographic/", "/magazine/", "/media/", "/moi-nhat/", "/tin-anh/", "/tin-nong/"]
    assert first.events_index.url == "/su-kien/"


def test_ensure_section_reuses_existing(site_structure):
    a = ensure_section(title="Thời sự", slug="thoi-su")
    b = ensure_section(title="Thời sự", slug="thoi-su")
    assert a.pk == b.pk and a.live


def test_menu_has_the_six_entries_in_order_then_sections(client, site_structure):
    from toasoan.core.context_processors import _menu_for_site

    ensure_section(title="Thời sự", slug="thoi-su")
    ensure_section(title="Kinh tế", slug="kinh-te")
    menu = _menu_for_site(site_structure.site)
    assert [item["title"] for item in menu["listings"]] == [
        "Mới nhất", "Tin nóng", "Media", "Magazine", "Infographic", "Tin ảnh",
    ]
    assert [item["title"] for item in menu["sections"]] == ["Thời sự", "Kinh tế"]


def test_an_emptied_database_gets_the_tree_root_locale_and_root_collection_back():
    from wagtail.models import Collection, Locale, Page

    Collection.objects.all().delete()
    Site.objects.all().delete()
    Page.objects.all().delete()
    Locale.objects.all().delete()

    structure = ensure_site_structure()

    assert Page.get_first_root_node() is not None and Locale.objects.exists()
    assert Collection.get_first_root_node() is not None
    assert Site.objects.get(is_default_site=True).root_page_id == structure.home.pk
