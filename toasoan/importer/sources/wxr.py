"""WordPress export files (WXR, "Tools → Export" of a WordPress site).

Posts become articles: published posts stay published (with ``--publish``), drafts, pending and
private posts are skipped unless ``--include-drafts`` (then imported as drafts); categories become
sections, tags stay tags, authors' display names the byline, the excerpt the sapo, the featured
image and the images in the text are taken from the copy of ``wp-content/uploads`` named by
``--uploads``; the post's permalink answers with a 301 to the new address. Identity is the site's
address and the post id, so a re-export of the same site updates the same articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree.ElementTree import Element

from toasoan.core.text import slugify_vi
from toasoan.importer.parsers.textlines import ParseError
from toasoan.importer.sources.common import NEWSROOM_TZ, SourceError, build_article, local_image_resolver, read_bytes
from toasoan.importer.sources.xmlsafe import parse_xml

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
PUBLISHED = "publish"
DRAFT_STATUSES = {"draft", "pending", "private", "future", "auto-draft"}


def _text(element: Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _wp_namespace(root: Element) -> None:
    # WXR 1.0/1.1 use other version numbers in the namespace: accept them all.
    for element in root.iter():
        if element.tag.startswith("{http://wordpress.org/export/") and not element.tag.startswith(
                "{http://wordpress.org/export/1.2/excerpt"):
            NS["wp"] = element.tag[1:].split("}")[0]
            return


def _date(item: Element) -> datetime | None:
    gmt = _text(item, "wp:post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
        except ValueError:
            pass
    local = _text(item, "wp:post_date")
    if local and not local.startswith("0000"):
        try:
            return datetime.fromisoformat(local).replace(tzinfo=NEWSROOM_TZ)
        except ValueError:
            pass
    pub = _text(item, "pubDate")
    if pub:
        try:
            return parsedate_to_datetime(pub)
        except (TypeError, ValueError):
            return None
    return None


def read(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem

    try:
        root = parse_xml(read_bytes(path))
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    _wp_namespace(root)
    channel = root.find("channel")
    if channel is None:
        yield SourceError(str(path), "không phải tệp xuất WordPress (thiếu <channel>)")
        return
    site = _text(channel, "link").rstrip("/") or _text(channel, "wp:base_site_url").rstrip("/")
    authors = {
        _text(author, "wp:author_login"): _text(author, "wp:author_display_name") or _text(author, "wp:author_login")
        for author in channel.findall("wp:author", NS)
    }
    items = channel.findall("item")
    attachments = {
        _text(item, "wp:post_id"): _text(item, "wp:attachment_url")
        for item in items if _text(item, "wp:post_type") == "attachment"
    }
    uploads = options.get("uploads")
    resolve = local_image_resolver(*(p for p in (uploads, path.parent) if p), prefixes=("wp-content/uploads/",))
    include_drafts = options.get("include_drafts", False)
    for item in items:
        post_type = _text(item, "wp:post_type") or "post"
        if post_type != "post":
            continue
        post_id = _text(item, "wp:post_id")
        label = f"{path.name}#{post_id or '?'}"
        status = _text(item, "wp:status") or PUBLISHED
        if status == "trash":
            continue
        if status != PUBLISHED and not include_drafts:
            yield SourceError(label, f"bài ở trạng thái «{status}» trên trang cũ: bỏ qua "
                                     "(thêm --include-drafts để nhập làm bản nháp)")
            continue
        try:
            parsed = build_article(
                title=_text(item, "title"),
                published_at=_date(item),
                body_html=_text(item, "content:encoded"),
                sapo=_text(item, "excerpt:encoded"),
                byline=tuple(authors.get(login, login) for login in [_text(item, "dc:creator")] if login),
                resolve_image=resolve,
                strict=options.get("strict", False),
            )
        except ParseError as exc:
            yield SourceError(label, str(exc))
            continue
        categories = [c for c in item.findall("category") if c.get("domain") == "category"]
        tags = tuple(dict.fromkeys((c.text or "").strip() for c in item.findall("category")
                                   if c.get("domain") == "post_tag" and (c.text or "").strip()))
        section = None
        if categories:
            name = (categories[0].text or "").strip()
            slug = slugify_vi(categories[0].get("nicename") or name, max_length=80)
            section = (name, slug) if name and slug else None
        thumbnail = next((_text(meta, "wp:meta_value") for meta in item.findall("wp:postmeta", NS)
                          if _text(meta, "wp:meta_key") == "_thumbnail_id"), "")
        cover = resolve(attachments.get(thumbnail, "")) if thumbnail else None
        warnings = list(parsed.warnings)
        if thumbnail and cover is None:
            warnings.append(f"ảnh đại diện (tệp đính kèm {thumbnail}) không có trong thư mục --uploads")
        yield ImportItem(
            key=f"wxr:{site}#{post_id}" if post_id else f"wxr:{_text(item, 'guid')}",
            kind="wxr",
            parsed=parsed,
            source_url=_text(item, "link"),
            file_name=path.name,
            tags=tags,
            section=section,
            cover_image=cover,
            publishable=status == PUBLISHED,
            warnings=tuple(warnings),
        )
