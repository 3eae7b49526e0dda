"""Page caching for anonymous readers, in Django's cache or through a front cache.

Never stored: requests carrying a session cookie (editors), responses that set a cookie or say
``private``/``no-store``, anything but GET with status 200 or 301 (or 404 for an article's address: purged
with the article), the admin and the beacon.
Responses rendered for a signed-in user get ``Cache-Control: private, no-store`` so no cache keeps them.

In front mode a page that nginx will store carries only what nginx needs (body, type, length, lifetime):
the headers every reader gets (security headers, ``Cache-Control``) are added by nginx on the way out
(deploy/nginx), so the entry nginx reads and parses on every hit is small (:class:`FrontHeadersMiddleware`).

Django mode keeps ``{body, headers, tag versions, fresh-until}``: a purged tag makes the entry a miss at
once; an entry past its lifetime is served stale to everyone but one request, which re-renders it.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from toasoan.caching import cdn, conf, page_files, store
from toasoan.caching.tags import add_cache_tags, request_tags

PAGE_PREFIX = "toasoan:page:"
# Not 404 in general: an embargoed story's URL answers 404 until it goes live, and only the 404 of an article's
# address is purged when it does (see _article_gone).
CACHEABLE_STATUS = {200, 301}
STORED_HEADERS = ("Content-Type", "Location", "Content-Language", "X-Cache-Tags")
# Set by the nginx front (deploy/nginx) on what it fetches: only those URLs are in its cache to refresh.
FRONT_HEADER = "HTTP_X_TOASOAN_FRONT"
# Left out of a page the front stores; nginx adds each one, with the value the app would send, to every
# response that lacks it (deploy/nginx/toasoan.conf.template, the maps on $upstream_http_*).
FRONT_ADDED_HEADERS = ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
                       "Cache-Control", "Content-Security-Policy", "Permissions-Policy")
# Of no use to a reader of a front-cached page: one language (nginx ignores Vary), tags only matter to the app.
FRONT_DROPPED_HEADERS = ("Vary", "Content-Language", "X-Cache-Tags")
FRONT_STORED_ATTR = "_toasoan_front_stored"
# Set by a view outside the page cache that gives the front its own short lifetime (``X-Accel-Expires``), such as
# the live-coverage feed (toasoan/live/views.py): the front keeps it that long, whatever this middleware says.
OWN_LIFETIME_ATTR = "_toasoan_own_front_lifetime"


def page_key(host: str, full_path: str) -> str:
    """The cache key of a page. Hashed: query strings (search) can be long or hold any character."""
    return hashlib.blake2b(f"{host}|{full_path}".encode(), digest_size=16).hexdigest()


def _front_url(request: HttpRequest) -> str | None:
    """``host|path?query``: what the front cache's key is made of, and what a purge asks it to refresh."""
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: let Django answer
        return None
    return f"{host}|{request.get_full_path()}"


def remember_for_front(request: HttpRequest, tags: set[str]) -> None:
    """For a view outside the page cache whose answer the front keeps (``OWN_LIFETIME_ATTR``): a purge of
    ``tags`` has the front fetch this URL again at once, as it does for pages."""
    if conf.mode() == "front" and request.META.get(FRONT_HEADER):
        url = _front_url(request)
        if url is not None:
            store.remember_urls(tags, url)


def _cache_key(request: HttpRequest) -> str | None:
    url = _front_url(request)
    return None if url is None else page_key(*url.split("|", 1))


def _eligible_request(request: HttpRequest) -> bool:
    if request.method != "GET" or request.path.startswith(conf.EXCLUDED_PREFIXES):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.cookies or response.streaming:
        return False
    if response.status_code not in CACHEABLE_STATUS and not _article_gone(request, response):
        return False
    control = response.get("Cache-Control", "").lower()
    return "private" not in control and "no-store" not in control and "no-cache" not in control


def _article_gone(request: HttpRequest, response: HttpResponse) -> bool:
    """A 404 for an article's address (the article view tags it ``a:<id>``): purged, like the article's page,
    when the article is published again, so it may be stored — and must be, so that an unpublish replaces the
    story the front kept. Any other 404 is never stored (nothing would purge it)."""
    return response.status_code == 404 and any(t.startswith("a:") for t in request_tags(request))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        mode = conf.mode()
        eligible = mode != "off" and _eligible_request(request)
        key = _cache_key(request) if eligible else None
        if mode == "django" and key is not None:
            cached = self._lookup(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
            response["X-Accel-Expires"] = "0"
            return response
        if key is None or not _storable(request, response):
            if mode == "front" and not getattr(response, OWN_LIFETIME_ATTR, False):
                response["X-Accel-Expires"] = "0"
                if key is not None and request.META.get(FRONT_HEADER):
                    _remove_page_file(request)  # what the front may no longer store has no file either
            return response
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "tag":
            add_cache_tags(request, f"t:{match.kwargs.get('slug')}")
        tags = request_tags(request)
        response["X-Cache-Tags"] = " ".join(sorted(tags))
        for name, value in cdn.page_headers(tags).items():  # the CDN's tag header (and lifetime), docs/operations.md
            response[name] = value
        _drop_vary_cookie(response)
        if mode == "front":
            response["X-Accel-Expires"] = str(conf.fresh_seconds())
            patch_cache_control(response, public=True, max_age=0)
            if request.META.get(FRONT_HEADER):  # rendered for the front (not a direct request to the app)
                store.remember_urls(tags, _front_url(request))
                setattr(response, FRONT_STORED_ATTR, True)
                if not _write_page_file(request, response):
                    _remove_page_file(request)
        else:
            self._store(key, response, tags)
            response["X-Page-Cache"] = "MISS"
        return response

    @staticmethod
    def _lookup(key: str) -> HttpResponse | None:
        entry = cache.get(PAGE_PREFIX + key)
        if entry is None:
            return None
        if store.tag_versions(set(entry["versions"])) != entry["versions"]:
            return None  # purged
        state = "HIT"
        if time.time() > entry["fresh_until"]:
            # Stale: one request (the one that takes the lock) re-renders, everyone else gets this copy.
            if cache.add(f"{PAGE_PREFIX}lock:{key}", 1, 30):
                return None
            state = "STALE"
        response = HttpResponse(entry["body"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = state
        return response

    @staticmethod
    def _store(key: str, response: HttpResponse, tags: set[str]) -> None:
        now = time.time()
        entry = {
            "body": response.content,
            "status": response.status_code,
            "headers": [(h, response[h]) for h in (*STORED_HEADERS, *cdn.header_names()) if response.has_header(h)],
            "versions": store.current_versions(tags),
            "fresh_until": now + conf.fresh_seconds(),
            "stored": now,
        }
        cache.set(PAGE_PREFIX + key, entry, conf.fresh_seconds() + conf.STALE_SECONDS)
        cache.delete(f"{PAGE_PREFIX}lock:{key}")


def _write_page_file(request: HttpRequest, response: HttpResponse) -> bool:
    """A 200 HTML page the front stores for every reader, with no query string, is also written as its page
    file (True when it was)."""
    if not page_files.directory() or response.status_code != 200 or request.META.get("QUERY_STRING"):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return page_files.write(host=request.get_host(), path=request.path, body=response.content)


def _remove_page_file(request: HttpRequest) -> None:
    if page_files.directory() and request.method == "GET" and not request.META.get("QUERY_STRING"):
        page_files.remove(host=request.get_host(), path=request.path)


def _drop_vary_cookie(response: HttpResponse) -> None:
    """A page rendered without a session is the same for every anonymous reader: do not split on Cookie."""
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "cookie"]
    if kept != vary:
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


class FrontHeadersMiddleware:
    """First in ``MIDDLEWARE``: strips the reader headers from a page the nginx front will store.

    A cache hit costs nginx a parse of every stored upstream header (``ngx_http_parse_header_line``, a hash
    lookup each); 14 headers made a hit cost ~1 µs more nginx CPU than the same page without the 8 listed
    here (docs/performance.md). nginx adds the ``FRONT_ADDED_HEADERS`` back itself, so readers get the same
    security headers. Only pages fetched by the front (``X-Toasoan-Front``) and stored by it are touched:
    a direct request to the app, an editor's page or a 404 keeps every header. Outermost, because
    ``SecurityMiddleware`` adds its headers after the page cache has answered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, FRONT_STORED_ATTR, False):
            for name in (*FRONT_ADDED_HEADERS, *FRONT_DROPPED_HEADERS):
                if response.has_header(name):
                    del response[name]
        return response
