"""What readers receive at a page's address, fetched through the same handler and middleware as their requests.

The request carries no session (a reader, not an editor) and a throwaway session cookie so the page cache
is neither read nor written: the page is rendered now, as a reader whose cache has just been purged gets it.
The page's stylesheets, scripts, images (``src``, ``srcset``, posters) and the files its stylesheets name are
fetched the same way (uploads that no Django view serves are read from the storage).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory

from toasoan.record import conf

CAPTURE_COOKIE_VALUE = "toasoan-deposit-capture"
CSS_URL = re.compile(rb"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass
class Capture:
    page: Fetched
    assets: list[Fetched] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (url, why)


_handler: BaseHandler | None = None
_handler_lock = threading.Lock()


def _get_handler() -> BaseHandler:
    global _handler
    with _handler_lock:
        if _handler is None:
            handler = BaseHandler()
            handler.load_middleware()
            _handler = handler
    return _handler


def fetch(url: str) -> Fetched:
    """GET ``url`` (absolute) through Django's middleware stack as an anonymous reader."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    request = RequestFactory().get(
        path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https", HTTP_ACCEPT="text/html,image/avif,image/webp,*/*",
        HTTP_USER_AGENT="ToaSoan-LuuChieu",
    )
    request.COOKIES[settings.SESSION_COOKIE_NAME] = CAPTURE_COOKIE_VALUE
    response = _get_handler().get_response(request)
    try:
        body = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        # Not response.close(): it sends request_finished, whose close_old_connections would close the
        # database connection of the task (inside a transaction, at once). Only the response's own files.
        for closer in getattr(response, "_resource_closers", ()):
            closer()
    return Fetched(url=url, status=response.status_code, content_type=response.get("Content-Type", ""), body=body)


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link":
            rel = (values.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "preload"} & set(rel) and values.get("href"):
                self.urls.append(values["href"])
        elif tag in {"img", "source", "video", "audio", "script", "input"}:
            for name in ("src", "poster"):
                if values.get(name):
                    self.urls.append(values[name])
            if values.get("srcset"):
                self.urls.extend(srcset_urls(values["srcset"]))


def srcset_urls(srcset: str) -> list[str]:
    return [item.strip().split()[0] for item in srcset.split(",") if item.strip()]


def asset_urls(html: bytes, *, base: str) -> list[str]:
    """Same-site files a page uses, absolute, in document order, each once."""
    parser = _AssetParser()
    parser.feed(html.decode("utf-8", errors="replace"))
    return _same_site(parser.urls, base=base)


def _same_site(urls: list[str], *, base: str) -> list[str]:
    host = urlsplit(base).netloc
    seen: dict[str, None] = {}
    for raw in urls:
        if raw.startswith(("data:", "blob:", "#")):
            continue
        absolute = urljoin(base, raw)
        if (urlsplit(absolute).netloc == host or _on_media_host(absolute)) and absolute not in seen:
            seen[absolute] = None
    return list(seen)


def _on_media_host(url: str) -> bool:
    """An upload served from a CDN host (``MEDIA_URL`` is an absolute address): part of the page, read from storage."""
    media = settings.MEDIA_URL
    return media.startswith(("http://", "https://")) and url.startswith(media)


def _from_storage(url: str) -> Fetched | None:
    if _on_media_host(url):
        name = unquote(urlsplit(url[len(settings.MEDIA_URL):]).path)
    else:
        path = urlsplit(url).path
        if not path.startswith(settings.MEDIA_URL):
            return None
        name = unquote(path[len(settings.MEDIA_URL):])
    try:
        with default_storage.open(name) as handle:
            body = handle.read()
    except Exception:  # missing or unreadable, on disk (OSError) or in the object store (botocore's errors)
        return None

    return Fetched(url=url, status=200, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
                   body=body)


def _fetch_asset(url: str) -> Fetched | None:
    if _on_media_host(url):
        return _from_storage(url)
    fetched = fetch(url)
    if fetched.status == 200:
        return fetched
    return _from_storage(url)


def capture_page(url: str) -> Capture:
    """The page at ``url`` and every same-site file it uses (and the files its stylesheets use)."""
    page = fetch(url)
    result = Capture(page=page)
    if "html" not in page.content_type:
        return result
    queue = asset_urls(page.body, base=url)
    seen = set(queue)
    limit = conf.asset_max_bytes()
    while queue:
        asset_url = queue.pop(0)
        try:
            fetched = _fetch_asset(asset_url)
        except Exception as exc:  # one broken file must not lose the page's record
            result.missing.append((asset_url, type(exc).__name__))
            continue
        if fetched is None:
            result.missing.append((asset_url, "not_found"))
            continue
        if len(fetched.body) > limit:
            result.missing.append((asset_url, "too_large"))
            continue
        result.assets.append(fetched)
        if "css" in fetched.content_type:
            found = [m.decode("utf-8", errors="replace") for m in CSS_URL.findall(fetched.body)]
            for extra in _same_site(found, base=asset_url):
                if extra not in seen:
                    seen.add(extra)
                    queue.append(extra)
    return result
