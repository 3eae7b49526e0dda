"""HTML pages saved from a newspaper site ("Save page as…", a crawler's mirror).

selectolax parses the page; a *site profile* (CSS selectors) says where the title, sapo, body,
dateline, byline, section and tags are. Profiles cover the layouts common on Vietnamese news sites;
when none matches, generic rules apply (``<h1>``, ``<article>``, Open Graph and ``article:*`` meta,
``<time datetime>``). Images are taken from the files saved beside the page (``bai_files/…``),
never downloaded. The page's canonical URL (``<link rel=canonical>`` or ``og:url``) answers with a 301.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from toasoan.core.text import normalize_line, slugify_vi
from toasoan.importer.parsers.textlines import ParseError, dateline_value, match_dateline, parse_byline
from toasoan.importer.sources.common import SourceError, build_article, local_image_resolver, read_bytes

MAX_PAGE_BYTES = 20 * 1024 * 1024


Selectors = tuple[str, ...]


@dataclass(frozen=True)
class SiteProfile:
    """Where a layout keeps each part of a story: for each part, selectors in priority order.

    Each part is taken from the first selector of its list that matches anything, never from whichever
    matching node comes first in the page: ``<body>`` is the generic layout's last resort, after
    ``<article>``, even though it comes first in document order.
    """

    name: str
    body: Selectors  # the first that matches also identifies the layout
    title: Selectors = ("h1",)
    sapo: Selectors = ()
    dateline: Selectors = ()
    byline: Selectors = ()
    section: Selectors = ()
    tags: Selectors = ()
    # Inside the body: widgets to remove before reading it (related stories, ads, share bars).
    noise: str = ".related, .box-related, .share, .social, .ads, .advertisement, .tags, .comment, .comments"


PROFILES = (
    SiteProfile("detail", body=("article.fck_detail", ".fck_detail"), title=("h1.title-detail", "h1.title_news_detail"),
                sapo=("p.description", ".sidebar-1 .description"), dateline=("span.date", ".header-content .date"),
                byline=("p.author_mail strong", "p.Normal[align=right] strong", ".author"),
                section=("ul.breadcrumb li a",), tags=(".tags a", ".box-tag a")),
    SiteProfile("detail-content", body=("div.detail-content", "div.detail-cmain"),
                title=("h1.detail-title", "h1.article-title"),
                sapo=("h2.detail-sapo", ".detail-sapo", "h2.sapo"),
                dateline=(".detail-time", ".date-time", ".publish-date"),
                byline=(".detail-author", ".author-info .name", ".author"), section=(".detail-cate a", ".breadcrumb a"),
                tags=(".detail-tab a", ".tags-item a", ".tags a")),
    SiteProfile("article-body", body=("div.article__body", "div.article-body", "div.article-content"),
                title=("h1.article__title", "h1.article-title", "h1"),
                sapo=(".article__sapo", ".article-sapo", ".sapo"),
                dateline=(".article__meta time", ".article__time", ".article-time", "time"),
                byline=(".article__author", ".article-author", ".author"),
                section=(".breadcrumb a", ".article__cate a"),
                tags=(".article__tag a", ".tag-list a", ".tags a")),
    SiteProfile("generic", body=("article", "[itemprop=articleBody]", "main", ".content", "body"),
                title=("[itemprop=headline]", "h1")),
)


def _first(tree, selectors: Selectors):
    """The node of the first selector in ``selectors`` (in the list's order, not the page's) that matches."""
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            return node
    return None


def _all(tree, selectors: Selectors) -> list:
    """The nodes of the first selector in ``selectors`` that matches any."""
    for selector in selectors:
        nodes = tree.css(selector)
        if nodes:
            return nodes
    return []


def _meta(tree: LexborHTMLParser, *names: str) -> str:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]')
        if node is not None and node.attributes.get("content"):
            return normalize_line(node.attributes["content"])
    return ""


def _node_text(node) -> str:
    return normalize_line(node.text(deep=True, separator=" ")) if node is not None else ""


def _text(tree, selectors: Selectors) -> str:
    """The text of the first selector in ``selectors`` whose first match has any (an empty box is passed over)."""
    for selector in selectors:
        if text := _node_text(tree.css_first(selector)):
            return text
    return ""


def _when(tree, profile: SiteProfile) -> datetime | None:
    iso = _meta(tree, "article:published_time", "datePublished", "pubdate", "og:article:published_time")
    if not iso:
        node = tree.css_first("time[datetime]")
        iso = node.attributes.get("datetime", "") if node is not None else ""
    if iso:
        try:
            value = datetime.fromisoformat(iso.replace("Z", "+00:00"))
            if value.tzinfo is not None:
                return value
        except ValueError:
            pass
    for selectors in (profile.dateline, ("time",), (".date",), (".time",)):
        text = _text(tree, selectors)
        # Keep the part after a weekday ("Thứ hai, 1/7/2019, 19:37 (GMT+7)" is read whole).
        if text:
            match = match_dateline(text)
            if match is not None:
                try:
                    return dateline_value(match)
                except ParseError:
                    return None
    return None


def _profile(tree) -> tuple[SiteProfile, object]:
    """The page's layout and its body node (the generic layout falls back on ``<body>``)."""
    for profile in PROFILES:
        body_node = _first(tree, profile.body)
        if body_node is not None:
            return profile, body_node
    return PROFILES[-1], None


def _title(tree, profile: SiteProfile, body_node) -> str:
    """The headline, read before anything is removed from the body.

    The only ``<h1>`` of a generic page is often inside its ``<article>``; a heading inside the body is
    preferred to one elsewhere (a site's name in an ``<h1>`` of the header), an empty one (a logo) skipped.
    """
    for selector in profile.title:
        for scope in (body_node, tree):
            for node in scope.css(selector):
                if title := _node_text(node):
                    return title
    return _meta(tree, "og:title") or _text(tree, ("title",))


def _datelines(body_node) -> list:
    """The dateline inside the body (read by :func:`_when`, shown by our own page): each ``<time>`` on a line of
    its own, with the paragraph that holds nothing else. A ``<time>`` inside a sentence is the story's and stays."""
    lines = []
    for node in body_node.css("time"):
        holder = node.parent
        if holder == body_node:
            lines.append(node)
        elif holder is not None and _node_text(holder) == _node_text(node):
            lines.append(holder)
    return lines


def read(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem

    try:
        data = read_bytes(path, limit=MAX_PAGE_BYTES)
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    profile, body_node = _profile(tree)
    if body_node is None:
        yield SourceError(str(path), "trang không có phần nội dung bài")
        return
    title = _title(tree, profile, body_node)
    tags = tuple(dict.fromkeys(
        normalize_line(node.text()) for node in _all(tree, profile.tags) if node.text().strip()
    )) or tuple(normalize_line(node.attributes.get("content") or "")
                for node in tree.css('meta[property="article:tag"]') if node.attributes.get("content"))
    # The headline is not repeated in the body, whether it was read there or from the page's metadata.
    headings = ", ".join(dict.fromkeys((*profile.title, "h1")))
    repeated = [node for node in body_node.css(headings) if _node_text(node) == title]
    for node in [*body_node.css(f"{profile.noise}, script, style, noscript"), *repeated]:
        node.decompose()
    published_at = _when(tree, profile)
    for node in _datelines(body_node):
        node.decompose()
    sapo = _text(tree, profile.sapo) or _meta(tree, "og:description", "description")
    for node in body_node.css(", ".join(profile.sapo)) if profile.sapo else ():
        node.decompose()
    byline_text = _text(tree, profile.byline) if profile.byline else _meta(tree, "author", "article:author")
    names = parse_byline(byline_text) if byline_text else None
    section_name = _text(tree, profile.section) if profile.section else _meta(tree, "article:section")
    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") or "") if canonical is not None else _meta(tree, "og:url")
    resolve = local_image_resolver(path.parent)
    try:
        parsed = build_article(title=title, published_at=published_at, body_html=body_node.html or "",
                               sapo=sapo, byline=names or ((byline_text,) if byline_text else ()),
                               resolve_image=resolve, strict=options.get("strict", False))
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    identity = url or f"sha256:{hashlib.sha256(data).hexdigest()}"
    slug = slugify_vi(section_name, max_length=80) if section_name else ""
    yield ImportItem(key=f"html:{identity}"[:255], kind="html", parsed=parsed, source_url=url or "",
                     file_name=path.name, tags=tuple(t for t in tags if t),
                     section=(section_name, slug) if slug else None,
                     warnings=(f"bố cục trang: {profile.name}", *parsed.warnings))
