"""Site chrome for every reader page: the menu (six fixed entries, then topical sections)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

MENU_CACHE_SECONDS = 60


def _menu_for_site(site: Site) -> dict:
    from toasoan.events.models import EventIndexPage
    from toasoan.sections.models import ListingPage, SectionPage

    root = site.root_page
    children = root.get_children().live()
    listing_order = [kind for kind, _label in ListingPage.Kind.choices]
    listings = sorted(
        ListingPage.objects.child_of(root).live().in_menu(), key=lambda p: listing_order.index(p.kind)
    )
    sections = list(SectionPage.objects.child_of(root).live().in_menu().order_by("path"))
    events_index = children.type(EventIndexPage).first()
    return {
        "home_url": root.url,
        "listings": [{"title": p.title, "url": p.url, "kind": p.kind} for p in listings],
        "sections": [{"title": p.title, "url": p.url, "pk": p.pk} for p in sections],
        "events_url": events_index.url if events_index else None,
        "site_name": site.site_name or root.title,
    }


def _menu(request: HttpRequest) -> dict | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    key = f"toasoan:menu:{site.pk}"
    menu = cache.get(key)
    if menu is None:
        menu = _menu_for_site(site)
        cache.set(key, menu, MENU_CACHE_SECONDS)
    return menu


def _site_name(request: HttpRequest) -> str:
    """The site's name: from the site a reader view already holds with its root page (the article view's
    memo), else from the menu (cached)."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None and (site.site_name or Site.root_page.is_cached(site)):
        return site.site_name or site.root_page.title
    menu = _menu(request)
    return menu["site_name"] if menu else ""


def site_chrome(request: HttpRequest) -> dict:
    """The menu and the site's name, read only if the page uses them (a page made of cached fragments may
    not; the ``<title>`` of a page rendered again after a publish needs only the name)."""
    if request.path.startswith("/admin/"):
        return {}
    return {"menu": SimpleLazyObject(lambda: _menu(request)),
            "site_name": SimpleLazyObject(lambda: _site_name(request))}
