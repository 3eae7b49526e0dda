"""Progress of a long import: a bar with rate and time left on a terminal (tqdm), a plain line now and then
otherwise (logs, cron, a pipe), in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path
from time import monotonic
from typing import TextIO

from django.utils.translation import gettext as _

PLAIN_EVERY_SECONDS = 10.0
# How many stories a file holds, without parsing it: one per page, one per <item>/<entry>/<newsItem>,
# one per "uri" of a ninjs list. Only for the bar's length; the counts in the report are exact.
_XML_ITEMS = re.compile(rb"<(?:item|entry|newsItem)[\s/>]")
_NINJS_ITEMS = re.compile(rb'"uri"\s*:')
SCAN_LIMIT = 512 * 1024 * 1024


def estimate_items(files: list[tuple[Path, str]]) -> int:
    total = 0
    for path, kind in files:
        if kind in ("text", "html"):
            total += 1
            continue
        try:
            if path.stat().st_size > SCAN_LIMIT:
                total += 1
                continue
            data = path.read_bytes()
        except OSError:
            total += 1
            continue
        pattern = _NINJS_ITEMS if kind == "ninjs" else _XML_ITEMS
        total += max(1, len(pattern.findall(data)))
    return total


def _duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Progress:
    """``advance(n)`` after stories are done; ``close()`` at the end. On a terminal, other output goes
    through :meth:`write` so it is printed above the bar."""

    def __init__(self, *, total: int, stream: TextIO, tty: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.started = self._last = monotonic()
        self.tty = stream.isatty() if tty is None else tty
        self._bar = None
        if self.tty:
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=stream, unit=" bài", dynamic_ncols=True, desc=_("Nhập bài"),
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                        "[{rate_fmt}, " + _("còn") + " {remaining}]")

    def advance(self, count: int) -> None:
        if count <= 0:
            return
        self.done += count
        if self.done > self.total:  # the estimate was short: grow the bar rather than overflow it
            self.total = self.done
            if self._bar is not None:
                self._bar.total = self.total
        if self._bar is not None:
            self._bar.update(count)
            return
        now = monotonic()
        if now - self._last >= PLAIN_EVERY_SECONDS:
            self._last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        return _("Tiến độ: %(done)d/%(total)d bài (%(percent)d%%), %(rate).1f bài/giây, còn khoảng %(left)s") % {
            "done": self.done, "total": self.total, "percent": 100 * self.done // max(self.total, 1),
            "rate": rate, "left": _duration(left)}

    def write(self, text: str, stream: TextIO) -> None:
        if self._bar is not None:
            self._bar.write(text, file=stream)
        else:
            stream.write(text + "\n")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
