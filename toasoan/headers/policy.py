"""The Content-Security-Policy of the reader site and of the admin, as django-csp directives.

Reader pages are stored by caches (Django's, nginx's, page files), so they carry no nonce: every script and
style of the reader site is a static file (templates are CSP-ready: no inline script, style or handler).
The admin is never cached; Wagtail's admin still writes a few inline scripts (inline panels, date widgets),
which our template overrides mark with the request's nonce (:mod:`toasoan.headers.nonce`).

``deploy/nginx/toasoan.conf.template`` repeats :data:`READER_DIRECTIVES` for the pages nginx serves from
files (tests/headers/test_headers.py checks that both say the same).
"""

from __future__ import annotations

from csp.constants import NONCE, NONE, SELF

# Video hosts editors may embed (toasoan.seo.uploads.EMBED_HOSTS), as frames.
EMBED_FRAMES = [
    "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com",
    "https://www.facebook.com", "https://www.tiktok.com", "https://w.soundcloud.com", "https://open.spotify.com",
]

READER_DIRECTIVES: dict[str, list[str]] = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "media-src": [SELF],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": EMBED_FRAMES,
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN_DIRECTIVES: dict[str, list[str]] = {
    **READER_DIRECTIVES,
    "script-src": [SELF, NONCE],
    # The one inline handler Wagtail's admin sets: Jcrop (focal point tool) tests touch support with
    # setAttribute("ontouch…", "return;") on a detached element; only that exact, inert text is allowed.
    "script-src-attr": ["'unsafe-hashes'", "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
    # Wagtail's admin sets style attributes from its templates and scripts (Draftail, the page tree, progress
    # bars); styles cannot run code, scripts stay nonce-only.
    "style-src": [SELF, "'unsafe-inline'"],
    # Previews and the image focal-point tool show uploads; oEmbed thumbnails come from the video hosts.
    "img-src": [SELF, "data:", "blob:", "https:"],
    "frame-src": [SELF, *EMBED_FRAMES],
    "frame-ancestors": [SELF],  # the live preview frames the admin's own pages
}

ADMIN_PREFIXES = ("/admin/",)


def with_media_origin(directives: dict[str, list[str]], origin: str) -> dict[str, list[str]]:
    """``directives`` allowing images and media from ``origin`` too: uploads served from a CDN host
    (``MEDIA_URL``, docs/operations.md); unchanged for uploads on this site."""
    if not origin:
        return directives
    return {**directives, "img-src": [*directives["img-src"], origin], "media-src": [*directives["media-src"], origin]}


def header_value(directives: dict[str, list[str]]) -> str:
    """The header without a nonce, directives in the order above: what nginx repeats for the pages it stores."""
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def permissions_policy_value(features: dict[str, list[str]]) -> str:
    """``PERMISSIONS_POLICY`` as the header reads (nginx repeats it too)."""
    return ", ".join(f"{name}=({' '.join(origins)})" for name, origins in features.items())


def parse(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as ``{directive: [sources]}`` (to compare two headers)."""
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = sorted(words[1:])
    return parsed
