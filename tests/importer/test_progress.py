"""The import's progress: a bar with rate and time left on a terminal, a plain Vietnamese line in a log."""

from __future__ import annotations

import io
from pathlib import Path

from toasoan.importer import progress as progress_module
from toasoan.importer.progress import Progress, estimate_items


def test_on_a_terminal_the_bar_shows_count_rate_and_time_left():
    stream = io.StringIO()
    bar = Progress(total=1200, stream=stream, tty=True)
    bar.advance(300)
    bar.write("LỖI kho/7.txt: tệp trống", stream)
    bar.close()
    text = stream.getvalue()
    assert "Nhập bài" in text and "300/1200" in text and "bài/s" in text and "còn" in text
    assert "LỖI kho/7.txt: tệp trống" in text


def test_in_a_log_a_plain_line_every_few_seconds(monkeypatch):
    clock = iter([0.0, 4.0, 12.0, 12.0, 13.0, 30.0])  # start, each advance, the line's elapsed time
    monkeypatch.setattr(progress_module, "monotonic", lambda: next(clock))  # this module only, not time itself
    stream = io.StringIO()
    bar = Progress(total=1000, stream=stream, tty=False)
    bar.advance(100)  # 4 s: too soon for a line
    assert stream.getvalue() == ""
    bar.advance(140)  # 12 s: 240 done at 20/s, 760 left = 38 s
    assert stream.getvalue() == "Tiến độ: 240/1000 bài (24%), 20.0 bài/giây, còn khoảng 00:38\n"
    bar.advance(2000)  # more than estimated: the total grows, never past 100 %
    assert bar.total == bar.done == 2240


def test_the_estimate_counts_items_of_exports_and_feeds_without_parsing(tmp_path: Path):
    feed = tmp_path / "tin.rss"
    feed.write_bytes(b"<rss><channel>" + b"<item><title>T</title></item>" * 7 + b"</channel></rss>")
    atom = tmp_path / "tin.atom"
    atom.write_bytes(b'<feed><entry xml:lang="vi"/><entry/></feed>')
    page = tmp_path / "bai.txt"
    page.write_text("x", encoding="utf-8")
    assert estimate_items([(feed, "feed"), (atom, "feed"), (page, "text"), (tmp_path / "mat.xml", "wxr")]) == 11
