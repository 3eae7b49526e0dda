"""Which reader reads which kind of source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toasoan.importer.sources import feed, html, text, wire, wxr

READERS = {"text": text.read, "html": html.read, "wxr": wxr.read, "feed": feed.read,
           "ninjs": wire.read_ninjs, "newsml": wire.read_newsml}


def read_source(path: Path, *, kind: str, options: dict) -> Iterator:
    """Items (or SourceErrors) of one file of the given kind."""
    yield from READERS[kind](path, options)
