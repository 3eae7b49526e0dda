"""HTML sanitising with nh3 (ammonia): what reaches a reader's page never carries script.

Two passes: on the way in (stored rich text keeps Wagtail's internal ``linktype``/``embedtype``
markers) and on the way out (the expanded HTML a reader gets).
"""

from __future__ import annotations

import nh3

_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "a", "ul", "ol", "li",
         "h2", "h3", "h4", "blockquote", "figure", "figcaption", "img", "span", "div", "hr"}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_OUTPUT_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height", "class", "loading", "srcset", "sizes"},
    "figure": {"class"},
    "span": {"class"},
    "div": {"class"},
    "p": {"class"},
}
# Wagtail's stored rich text: <a linktype="page" id="3">, <embed embedtype="image" id="5" .../>.
_STORED_ATTRIBUTES = {
    **_OUTPUT_ATTRIBUTES,
    "a": {"href", "title", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}


def sanitize_html(html: str) -> str:
    """Clean HTML meant for readers: no scripts, event handlers, styles or ``javascript:`` URLs."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_OUTPUT_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize_stored_richtext(html: str) -> str:
    """Clean rich text before it is stored, keeping Wagtail's internal link and embed markers."""
    return nh3.clean(
        html,
        tags=_TAGS | {"embed"},
        attributes=_STORED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
