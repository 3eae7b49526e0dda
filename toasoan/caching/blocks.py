"""Body blocks cached by what they contain: a publish re-renders only the blocks it changed.

An article's ``main`` fragment shows the whole story and is emptied by every publish of it, even one that
fixes a comma in the sapo. Inside it, each body block (a paragraph, a figure, a gallery…) is kept on its
own under a key made of its type and a digest of its stored value — the same JSON Wagtail keeps in the
revision — and of the site it was rendered for. Content-addressed entries never need a purge: an edited
block has a new key, an unchanged one keeps its entry, and the same block in two stories shares one.

What a block shows beyond its own value is what it reads from other objects: an image's renditions and
credit, the address of a page a paragraph links to. As for every fragment, those are bounded by the
entry's lifetime (``TOASOAN_FRAGMENT_SECONDS``, 60 s by default), so an edited image or a renamed linked
story shows within the same minute as everywhere else on the site.

Blocks are rendered with a context of their own (the request only), never the page's: a block template
that read the page would make its HTML depend on more than the key says. Previews read and write nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from toasoan.caching.fragments import for_request, fragment_seconds

BLOCK_PREFIX = "toasoan:block:"
# Part of every key: raise it when a block template's output changes, so no entry of the old shape is reused.
BLOCK_RENDER_VERSION = 2


def block_key(*, block_type: str, value: object, site: str) -> str:
    payload = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    digest = hashlib.blake2b(f"{site}|{block_type}|{payload}".encode(), digest_size=16).hexdigest()
    return f"{BLOCK_PREFIX}v{BLOCK_RENDER_VERSION}:{block_type}:{digest}"


def _wrap(block_type: str, html: str) -> str:
    # ``html`` is our own block templates' output, stored as they rendered it (already escaped).
    return f'<div class="block block--{escape(block_type)}">{html}</div>\n'


def render_body(stream, *, request: HttpRequest | None, only: Iterable[str] = (),
                skip: Iterable[str] = ()) -> SafeString:
    """The HTML of the blocks of ``stream`` (a StreamValue), each in its ``<div class="block …">``.

    ``only`` keeps just the blocks of those types, ``skip`` leaves those out (the media format shows its
    player apart from the text). Blocks found in the cache are not converted from their stored JSON at all;
    the others are rendered and stored in one write.
    """
    only, skip = set(only), set(skip)
    raw = list(stream.raw_data)
    chosen = [i for i, item in enumerate(raw)
              if (not only or item["type"] in only) and item["type"] not in skip]
    context = {"request": request}
    if request is None or getattr(request, "is_preview", False):
        return mark_safe("".join(_wrap(stream[i].block_type, stream[i].render_as_block(context)) for i in chosen))  # noqa: S308

    site = f"{request.scheme}://{request.get_host()}"
    keys = {i: block_key(block_type=raw[i]["type"], value=raw[i].get("value"), site=site) for i in chosen}
    # Inside a fragment rendered again after a publish: the same blocks as its previous entry → that entry's HTML.
    fragments = for_request(request)
    fragment = fragments.rendering if fragments is not None else None
    digest = hashlib.blake2b("|".join(keys[i] for i in chosen).encode(), digest_size=16).hexdigest()
    part = f"body:{','.join(sorted(only))}:{','.join(sorted(skip))}"  # a template may show the body in two parts
    if fragment is not None:
        carried = fragments.part(fragment, part, digest)
        if carried is not None:
            fragments.keep_part(fragment, part, digest, carried[0], made=carried[1])
            return mark_safe(carried[0])  # noqa: S308 - our own output, stored as rendered
    html = _render_blocks(stream, raw=raw, chosen=chosen, keys=keys, context=context)
    if fragment is not None:
        fragments.keep_part(fragment, part, digest, html)
    return html


def _render_blocks(stream, *, raw: list, chosen: list[int], keys: dict[int, str], context: dict) -> SafeString:
    found = cache.get_many(list(set(keys.values()))) if keys else {}
    made: dict[str, str] = {}
    parts = []
    for i in chosen:
        key = keys[i]
        html = found.get(key)
        if not isinstance(html, str):
            html = made.get(key)
        if html is None:
            html = str(stream[i].render_as_block(context))
            made[key] = html
        parts.append(_wrap(raw[i]["type"], html))
    if made:
        cache.set_many(made, fragment_seconds())
    return mark_safe("".join(parts))  # noqa: S308 - each part built by _wrap from our templates' output
