"""Write side of the site skeleton: the home page, the fixed listings and the events index."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from toasoan.events.models import EventIndexPage
from toasoan.home.models import HomePage
from toasoan.sections.models import ListingPage, SectionPage

LISTING_SLUGS = {
    ListingPage.Kind.LATEST: "moi-nhat",
    ListingPage.Kind.HOT: "tin-nong",
    ListingPage.Kind.MEDIA: "media",
    ListingPage.Kind.MAGAZINE: "magazine",
    ListingPage.Kind.INFOGRAPHIC: "infographic",
    ListingPage.Kind.PHOTO: "tin-anh",
}


@dataclass(frozen=True)
class SiteStructure:
    site: Site
    home: HomePage
    listings: dict[str, ListingPage]
    events_index: EventIndexPage


def _create_tree_root() -> Page:
    """Wagtail's migrations make the tree root and default locale; a database emptied since gets them back."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(instance=Page(title="Gốc", slug="root"))


def _publish(page: Page) -> None:
    page.save_revision().publish()


@transaction.atomic
def ensure_site_structure(*, site_name: str = "Tòa Soạn", hostname: str = "localhost", port: int = 80) -> SiteStructure:
    """Create what is missing of the skeleton; running it again changes nothing that exists."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or _create_tree_root()
        if Collection.get_first_root_node() is None:  # images and documents need it (emptied database)
            Collection.add_root(name="Thư viện chung")
        # Wagtail's initial migration makes a placeholder "Welcome" page; replace it as the default site's root.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.slug == "home":
                Site.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        home = root.add_child(instance=HomePage(title=site_name, slug="trang-chu", tagline=_("Báo điện tử")))
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True,
                                   site_name=site_name)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    listings: dict[str, ListingPage] = {}
    existing = {p.kind: p for p in ListingPage.objects.child_of(home)}
    for kind, slug in LISTING_SLUGS.items():
        page = existing.get(kind)
        if page is None:
            page = home.add_child(instance=ListingPage(title=str(ListingPage.Kind(kind).label), slug=slug, kind=kind,
                                                       show_in_menus=True))
            _publish(page)
        listings[kind] = page

    events_index = EventIndexPage.objects.child_of(home).first()
    if events_index is None:
        events_index = home.add_child(instance=EventIndexPage(title=str(_("Sự kiện")), slug="su-kien"))
        _publish(events_index)
    return SiteStructure(site=site, home=home, listings=listings, events_index=events_index)


@transaction.atomic
def ensure_section(*, title: str, slug: str, parent: Page | None = None, intro: str = "") -> SectionPage:
    """The section with ``slug`` under ``parent`` (the home page by default), created and published if missing."""
    parent = parent or ensure_site_structure().home
    section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
    if section is None:
        section = parent.add_child(instance=SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True))
        _publish(section)
    return section
