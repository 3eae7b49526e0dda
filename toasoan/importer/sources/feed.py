"""RSS 2.0, RSS 1.0 and Atom feeds (and folders of them), read by feedparser from local files.

Each entry is an article: identity by its GUID (or link), sapo from the summary, body from the
full content when the feed carries it, byline from the author, tags from the categories, and the
entry's link answers with a 301. Images are taken only from files beside the feed.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser

from toasoan.importer.parsers.textlines import ParseError
from toasoan.importer.sources.common import SourceError, build_article, local_image_resolver, read_bytes


def _when(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def read(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem

    try:
        data = read_bytes(path)
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    if b"<!ENTITY" in data.upper():
        yield SourceError(str(path), "tệp XML khai báo thực thể (ENTITY): bị từ chối vì an toàn")
        return
    feed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not feed.entries:
        reason = f"không đọc được nguồn tin ({feed.get('bozo_exception')})" if feed.get("bozo") else "nguồn tin trống"
        yield SourceError(str(path), reason)
        return
    resolve = local_image_resolver(path.parent)
    for index, entry in enumerate(feed.entries):
        label = f"{path.name}#{index + 1}"
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else ""
        summary = entry.get("summary", "")
        if not body:
            body, summary = summary, ""
        authors = tuple(author.get("name", "") for author in entry.get("authors", []) if author.get("name"))
        try:
            parsed = build_article(title=entry.get("title", ""), published_at=_when(entry), body_html=body,
                                   sapo=summary, byline=authors, resolve_image=resolve,
                                   strict=options.get("strict", False))
        except ParseError as exc:
            yield SourceError(label, str(exc))
            continue
        identity = entry.get("id") or entry.get("link")
        if not identity:
            yield SourceError(label, "mục không có GUID hay liên kết: không định danh được để nhập lại an toàn")
            continue
        tags = tuple(dict.fromkeys(tag.get("term", "").strip() for tag in entry.get("tags", []) if tag.get("term")))
        yield ImportItem(key=f"feed:{identity}"[:255], kind="feed", parsed=parsed, source_url=entry.get("link", ""),
                         file_name=path.name, tags=tags, warnings=parsed.warnings)
