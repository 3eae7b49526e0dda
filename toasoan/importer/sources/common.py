"""Shared by the source readers: errors, reading, kind detection, image look-up, article building."""


from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from toasoan.importer.parsers.htmlbody import Block, ImageResolver, html_to_blocks, plain_text
from toasoan.importer.parsers.plaintext import (
    TITLE_MAX_LENGTH,
    UNDATED_CONSEQUENCE,
    ParsedArticle,
    ParsedParagraph,
    title_from_long_line,
)
from toasoan.importer.parsers.textlines import ParseError, source_line

NEWSROOM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_SOURCE_BYTES = 200 * 1024 * 1024
SNIFF_BYTES = 4096
KINDS = ("text", "html", "wxr", "feed", "ninjs", "newsml")


@dataclass(frozen=True)
class SourceError:
    """An item (or a whole file) that cannot be imported: where, and why in Vietnamese."""

    label: str
    reason: str


def read_bytes(path: Path, *, limit: int = MAX_SOURCE_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ParseError(f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa {limit // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ParseError("đây là thư mục, không phải tệp") from exc
    except FileNotFoundError as exc:
        raise ParseError("không tìm thấy tệp") from exc
    except OSError as exc:
        raise ParseError(f"không đọc được tệp ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ParseError("tệp trống")
    return data


def detect_kind(path: Path) -> str | None:
    """The kind of a source file from its name and first bytes; None when it is none we read."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text"):
        return "text"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix == ".json":
        return "ninjs"
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", "replace").lower()
    except OSError:
        return None
    if "wordpress.org/export" in head:
        return "wxr"
    if "newsitem" in head or "newsmessage" in head or "iptc.org/std/nar" in head:
        return "newsml"
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        return "feed"
    if "<html" in head or "<!doctype html" in head:
        return "html"
    return None


def local_image_resolver(*roots: Path, prefixes: tuple[str, ...] = ()) -> ImageResolver:
    """Find an image referenced by URL among local files under ``roots``; never outside them.

    ``prefixes`` are URL path markers after which the rest is the path under the root
    ("wp-content/uploads/" for a WordPress copy). A relative reference is looked up as written.
    """
    resolved_roots = [root.resolve() for root in roots if root is not None]

    def resolve(src: str) -> str | None:
        from urllib.parse import unquote, urlsplit

        if not src or src.startswith("data:"):
            return None
        path = unquote(urlsplit(src).path)
        candidates = []
        for prefix in prefixes:
            if prefix in path:
                candidates.append(path.split(prefix, 1)[1])
        candidates += [path.lstrip("/"), Path(path).name]
        for root in resolved_roots:
            for candidate in candidates:
                if not candidate or len(candidate) > 1024 or "\x00" in candidate:
                    continue
                try:
                    file = (root / candidate).resolve()
                    if file.is_relative_to(root) and file.is_file():
                        return str(file)
                except (OSError, ValueError):  # a name too long or otherwise impossible: not a saved file
                    continue
        return None

    return resolve


def build_article(
    *,
    title: str,
    published_at: datetime | None,
    body_html: str,
    sapo: str = "",
    byline: tuple[str, ...] = (),
    resolve_image: ImageResolver = lambda _src: None,
    strict: bool = False,
) -> ParsedArticle:
    """A :class:`ParsedArticle` from the parts a structured source gives; ParseError when unusable.

    Without a publication time the story is kept (``published_at`` None, imported as a draft) with a
    warning, or refused with ``strict``: the same rule as a scraped page without a dateline.
    """
    warnings: list[str] = []
    title = plain_text(title)
    if not title:
        raise ParseError("không có tiêu đề")
    if published_at is None:
        if strict:
            raise ParseError("không có thời gian đăng")
        warnings.append("nguồn không ghi thời gian đăng: " + UNDATED_CONSEQUENCE)
    blocks, body_warnings = html_to_blocks(body_html, resolve_image=resolve_image)
    warnings.extend(body_warnings)
    if len(title) > TITLE_MAX_LENGTH:
        if strict:
            raise ParseError(f"tiêu đề dài {len(title)} ký tự (tối đa {TITLE_MAX_LENGTH})")
        full, title = title, title_from_long_line(title)
        warnings.append(f"tiêu đề dài {len(full)} ký tự: rút thành «{title[:80]}», cả câu giữ ở đầu bài")
        blocks.insert(0, ParsedParagraph(text=full))
    sapo = plain_text(sapo)
    if not sapo:
        sapo, blocks = _first_paragraph_as_sapo(blocks)
    names = [name for name in (plain_text(name) for name in byline) if name]
    # "Theo TTXVN" closing the body, or given as the author, says where the story came from.
    attribution = next((source for name in names if (source := source_line(name))), "")
    names = [name for name in names if not source_line(name)]
    last = blocks[-1] if blocks else None
    if not attribution and isinstance(last, ParsedParagraph) and last.kind == "" and source_line(last.text):
        attribution = source_line(last.text) or ""
        blocks = blocks[:-1]
    return ParsedArticle(
        title=title,
        published_at=published_at.astimezone(NEWSROOM_TZ) if published_at is not None else None,
        sapo=sapo,
        body=tuple(blocks),
        byline=tuple(names),
        ends_with_end_mark=False,
        removed_chrome=(),
        source_attribution=attribution,
        warnings=tuple(warnings),
    )


def _first_paragraph_as_sapo(blocks: list[Block]) -> tuple[str, list[Block]]:
    for index, block in enumerate(blocks):
        if isinstance(block, ParsedParagraph) and block.kind == "":
            return block.text, blocks[:index] + blocks[index + 1 :]
    return "", blocks
