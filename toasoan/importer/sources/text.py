"""Scraped plain-text pages (see :mod:`toasoan.importer.parsers.plaintext`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toasoan.importer.parsers.plaintext import parse_plain_text, read_text_file
from toasoan.importer.parsers.textlines import ParseError
from toasoan.importer.sources.common import SourceError


def read(path: Path, options: dict) -> Iterator:
    from toasoan.importer.services import ImportItem, text_item_keys

    try:
        parsed = parse_plain_text(read_text_file(path), strict=options.get("strict", False))
    except ParseError as exc:
        yield SourceError(str(path), str(exc))
        return
    key, earlier_keys = text_item_keys(parsed)
    yield ImportItem(key=key, kind="text", parsed=parsed, file_name=path.name, warnings=parsed.warnings,
                     legacy_keys=earlier_keys)
