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


@dataclass(frozen=True)
class SiteProfile:
    name: str
    body: str  # the selector that identifies the layout
    title: str = "h1"
    sapo: str = ""
    dateline: str = ""
    byline: str = ""
    section: str = ""
    tags: str = ""
    # Inside the body: widgets to remove before reading it (related stories, ads, share bars).
    noise: str = ".related, .box-related, .share, .social, .ads, .advertisement, .tags, .comment, .comments"


PROFILES = (
    SiteProfile("detail", body="article.fck_detail, .fck_detail", title="h1.title-detail, h1.title_news_detail",
                sapo="p.description, .sidebar-1 .description", dateline="span.date, .header-content .date",
                byline="p.author_mail strong, p.Normal[align=right] strong, .author", section="ul.breadcrumb li a",
                tags=".tags a, .box-tag a"),
    SiteProfile("detail-content", body="div.detail-content, div.detail-cmain",
                title="h1.detail-title, h1.article-title",
                sapo="h2.detail-sapo, .detail-sapo, h2.sapo", dateline=".detail-time, .date-time, .publish-date",
                byline=".detail-author, .author-info .name, .author", section=".detail-cate a, .breadcrumb a",
                tags=".detail-tab a, .tags-item a, .tags a"),
    SiteProfile("article-body", body="div.article__body, div.article-body, div.article-content",
                title="h1.article__title, h1.article-title, h1", sapo=".article__sapo, .article-sapo, .sapo",
                dateline=".article__meta time, .article__time, .article-time, time",
                byline=".article__author, .article-author, .author", section=".breadcrumb a, .article__cate a",
                tags=".article__tag a, .tag-list a, .tags a"),
    SiteProfile("generic", body="article, main, [itemprop=articleBody], .content, body"),
)


def _meta(tree: LexborHTMLParser, *names: str) -> str:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]')
        if node is not None and node.attributes.get("content"):
            return normalize_line(node.attributes["content"])
    return ""


def _text(tree, selector: str) -> str:
    if not selector:
        return ""
    node = tree.css_first(selector)
    return normalize_line(node.text(deep=True, separator=" ")) if node is not None else ""


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
    for selector in (profile.dateline, "time", ".date", ".time"):
        text = _text(tree, selector)
        # Keep the part after a weekday ("Thứ hai, 1/7/2019, 19:37 (GMT+7)" is read whole).
        if text:
            match = match_dateline(text)
            if match is not None:
                try:
                    return dateline_value(match)
                except ParseError:
                    return None
    return None


def _profile(tree) -> SiteProfile:
    for profile in PROFILES:
        if tree.css_first(profile.body) is not None:
            return profile
    return PROFILES[-1]


def read(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem

    try:
        data = read_bytes(path, limit=MAX_PAGE_BYTES)
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    profile = _profile(tree)
    body_node = tree.css_first(profile.body)
    if body_node is None:
        yield SourceError(str(path), "trang không có phần nội dung bài")
        return
    for node in body_node.css(f"{profile.noise}, {profile.title or 'h1'}, script, style, noscript"):
        node.decompose()
    title = _text(tree, profile.title) or _meta(tree, "og:title") or _text(tree, "title")
    sapo = _text(tree, profile.sapo) or _meta(tree, "og:description", "description")
    if profile.sapo:
        for node in body_node.css(profile.sapo):
            node.decompose()
    byline_text = _text(tree, profile.byline) if profile.byline else _meta(tree, "author", "article:author")
    names = parse_byline(byline_text) if byline_text else None
    section_name = _text(tree, profile.section) if profile.section else _meta(tree, "article:section")
    tags = tuple(dict.fromkeys(
        normalize_line(node.text()) for node in (tree.css(profile.tags) if profile.tags else []) if node.text().strip()
    )) or tuple(normalize_line(node.attributes.get("content") or "")
                for node in tree.css('meta[property="article:tag"]') if node.attributes.get("content"))
    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") or "") if canonical is not None else _meta(tree, "og:url")
    resolve = local_image_resolver(path.parent)
    try:
        parsed = build_article(title=title, published_at=_when(tree, profile), body_html=body_node.html or "",
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
