"""Wire copy as a news agency delivers it: IPTC ninjs (JSON) and NewsML-G2 (XML).

Always imported as drafts for the desk, never published without an editor, whatever
``--publish`` says. Identity is the item's URI/GUID, so a new version of an item updates its draft.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from html import escape
from pathlib import Path
from xml.etree.ElementTree import Element, tostring

from toasoan.importer.parsers.textlines import ParseError
from toasoan.importer.sources.common import SourceError, build_article, local_image_resolver, read_bytes
from toasoan.importer.sources.xmlsafe import parse_xml

MAX_WIRE_BYTES = 20 * 1024 * 1024


def _iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _ninjs_items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return [item for item in data["items"] if isinstance(item, dict)]
    return [data] if isinstance(data, dict) else []


def read_ninjs(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem

    try:
        data = json.loads(read_bytes(path, limit=MAX_WIRE_BYTES))
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    except (ValueError, RecursionError) as exc:
        yield SourceError(str(path), f"tệp JSON hỏng: {exc}"[:300])
        return
    resolve = local_image_resolver(path.parent)
    for index, item in enumerate(_ninjs_items(data)):
        label = f"{path.name}#{index + 1}"
        uri = str(item.get("uri") or item.get("guid") or "")
        if not uri:
            yield SourceError(label, "tin không có «uri»: không định danh được để nhập lại an toàn")
            continue
        body = item.get("body_html") or escape(str(item.get("body_text") or "")).replace("\n\n", "</p><p>")
        byline = str(item.get("byline") or "")
        try:
            parsed = build_article(
                title=str(item.get("headline") or ""),
                published_at=_iso(item.get("firstcreated")) or _iso(item.get("versioncreated")),
                body_html=str(body), sapo=str(item.get("description_text") or item.get("description_html") or ""),
                byline=(byline,) if byline else (), resolve_image=resolve, strict=options.get("strict", False),
            )
        except ParseError as exc:
            yield SourceError(label, str(exc))
            continue
        tags = tuple(str(s.get("name")) for s in item.get("subject", []) if isinstance(s, dict) and s.get("name"))
        yield ImportItem(key=f"ninjs:{uri}"[:255], kind="ninjs", parsed=parsed, file_name=path.name, tags=tags,
                         publishable=False, warnings=parsed.warnings)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first(element: Element, name: str) -> Element | None:
    return next((child for child in element.iter() if _local(child.tag) == name), None)


def _all_text(element: Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def read_newsml(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem

    try:
        root = parse_xml(read_bytes(path, limit=MAX_WIRE_BYTES))
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    news_items = [el for el in root.iter() if _local(el.tag) == "newsItem"]
    if not news_items:
        yield SourceError(str(path), "không có <newsItem> nào (không phải NewsML-G2?)")
        return
    resolve = local_image_resolver(path.parent)
    for index, news_item in enumerate(news_items):
        label = f"{path.name}#{index + 1}"
        guid = news_item.get("guid") or ""
        if not guid:
            yield SourceError(label, "tin không có «guid»: không định danh được để nhập lại an toàn")
            continue
        html = _first(news_item, "html")
        body_el = _first(html, "body") if html is not None else None
        body = "".join(tostring(child, encoding="unicode") for child in body_el) if body_el is not None else ""
        body = body.replace("html:", "").replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
        created = _first(news_item, "contentCreated") or _first(news_item, "firstCreated")
        version = _first(news_item, "versionCreated")
        by = _all_text(_first(news_item, "by"))
        try:
            parsed = build_article(
                title=_all_text(_first(news_item, "headline")),
                published_at=_iso(_all_text(created)) or _iso(_all_text(version)),
                body_html=body, sapo=_all_text(_first(news_item, "description")),
                byline=(by,) if by else (), resolve_image=resolve, strict=options.get("strict", False),
            )
        except ParseError as exc:
            yield SourceError(label, str(exc))
            continue
        tags = tuple(dict.fromkeys(_all_text(_first(subject, "name")) for subject in news_item.iter()
                                   if _local(subject.tag) == "subject" and _first(subject, "name") is not None))
        yield ImportItem(key=f"newsml:{guid}"[:255], kind="newsml", parsed=parsed, file_name=path.name,
                         tags=tuple(tag for tag in tags if tag), publishable=False, warnings=parsed.warnings)
