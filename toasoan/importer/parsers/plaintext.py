"""Parse a scraped plain-text news page into its parts: title, dateline, sapo, body, byline.

A scraped page is what is left when a Vietnamese news article is copied out of a browser: one block
(paragraph, image caption, heading) per line, the site's menu above the title and its "related
stories" widgets below the byline. Images are gone; only their caption lines remain.

Decisions (documented here because they shape what editors get):

* **Every line is a block.** Scraped pages do not hard-wrap; a blank line is never needed.
* **Nothing is dropped silently.** Every input line ends up in the title, the dateline, the sapo (with
  its source prefix kept in ``source_prefix``), a paragraph, a figure, the byline or
  ``removed_chrome``; each guess the parser is not sure of is listed in ``warnings``.
* **A first line too long for a title is kept**: the title is its first words (up to 255
  characters, cut on a word) and the whole line stays as the sapo, with a warning; ``strict=True``
  refuses such a page instead.
* **A page without a dateline is refused** (:class:`ParseError`). Every published article has a
  publication time, and listings are ordered by it; inventing one (the import time) would put a
  years-old story at the top of "Mới nhất". An editor can add the date line and import again.
* **Credits are kept as written inside their parentheses**: "(Ảnh: Thành Duy)" gives the credit
  "Ảnh: Thành Duy", "(Ảnh cắt clip)" gives "Ảnh cắt clip"; the two kinds read correctly side by side.
* **A line becomes a figure only when it is clearly a caption**: it carries a photo credit
  ("(Ảnh: Thành Duy)", "Ảnh minh họa", "(Nguồn: ...)"), or it is a short single sentence between two
  blocks opening with a scene word ("Toàn cảnh", "Quang cảnh", "Một góc"...) without a narrative
  marker ("đã", "sẽ", "cho biết"...). A short verb-less line ("Thời gian từ ngày 27/4 đến 20/8.")
  stays a paragraph and is listed in ``warnings``: a caption shown as a paragraph is harmless, a
  paragraph turned into an image placeholder is not.
* **Source lines and signatures are never menus**: "Theo China Discovery/ Sohu/ Daily" at the end
  is the story's source attribution (``source_attribution``, shown "Theo ..." under the article),
  "Nguyễn An - Trần Bình - Lê Cường" at the end is the byline (three authors); elsewhere both stay
  text. A signature printed above the text of a photo story is its byline, never its sapo.
* **Trailing chrome cuts the rest**: the first line after the body that names a related-stories or
  comments widget ("Sự kiện liên quan", "Tin liên quan", "Xem thêm", "Bình luận"...) and every line
  after it are site chrome. Share/print widget lines are dropped wherever they are.
* **The end mark "./." stays as written**; a "./." alone on the last line is joined to the last
  paragraph with one space.

Work is linear in the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from toasoan.core.text import normalize_line, normalize_text
from toasoan.importer.parsers.textlines import (
    CAPTION_MAX_WORDS,
    CREDIT_ONLY,
    SENTENCE_BREAK,
    ParseError,
    caption_shape,
    dateline_value,
    is_menu_line,
    is_scene_caption,
    is_trailer_marker,
    is_widget_line,
    match_dateline,
    parse_byline,
    source_line,
    source_prefix_end,
    split_credit,
)

__all__ = [
    "ParseError",
    "ParsedArticle",
    "ParsedFigure",
    "ParsedParagraph",
    "parse_plain_text",
    "read_text_file",
]

TITLE_MAX_LENGTH = 255
MAX_FILE_BYTES = 20 * 1024 * 1024
# What the report says of a story without a publication time: kept whole, never put live by the import
# (a time would be invented), waiting for an editor (issue 21, "nothing is silently dropped or invented").
UNDATED_CONSEQUENCE = (
    "bài được nhập làm bản nháp, không xuất bản (kể cả với --publish) vì không được tự đặt ngày; "
    "cần xác định ngày giờ đăng gốc trước khi xuất bản"
)
NO_DATELINE = "không tìm thấy ngày giờ đăng (dạng «19:37, 01/07/2019») ngay trước hoặc sau tiêu đề"
UNDATED_TEXT_WARNING = f"{NO_DATELINE}: {UNDATED_CONSEQUENCE}"


@dataclass(frozen=True)
class ParsedParagraph:
    text: str
    # Sanitised inline HTML (links, emphasis) when the source had markup; "" for scraped text.
    html: str = ""
    # "heading" for an intertitle taken from <h2>-<h4>; "" for an ordinary paragraph.
    kind: str = ""


@dataclass(frozen=True)
class ParsedFigure:
    """A figure: caption (may be empty), credit as written, and the image file when the source had one."""

    caption: str
    credit: str | None
    # A local file (never fetched from the network): from a WordPress uploads copy, beside a saved
    # page or a feed. None for a scraped text page, which carries only the caption.
    image: str | None = None
    # What the source called the image (its URL), for the admin's "missing image" note.
    source: str = ""


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    # None: the source gives no publication time (imported as a draft, see UNDATED_CONSEQUENCE).
    published_at: datetime | None
    sapo: str
    body: tuple[ParsedParagraph | ParsedFigure, ...]
    byline: tuple[str, ...]
    ends_with_end_mark: bool
    removed_chrome: tuple[str, ...]
    # The line the publication time was read from, as written.
    dateline_text: str = ""
    # "(Baonghean.vn) - " taken off the front of the sapo, as written.
    source_prefix: str = ""
    # "Theo China Discovery/ Sohu/ Daily" signed at the end: where the story came from (not an author).
    source_attribution: str = ""
    # Decisions the parser could not be sure of, in Vietnamese, for the import report.
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# C0 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Removed before parsing: C0 controls other than whitespace, and lone surrogates (unstorable).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ud800-\udfff]")


def read_text_file(path: Path) -> str:
    """Read a scraped page: UTF-8 (with or without BOM) or UTF-16/32 with a BOM.

    Anything else (binary data, another encoding such as Latin-1 or Windows-1258) raises
    :class:`ParseError` naming the reason, so that a batch import can report it and go on.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ParseError(
                f"tệp quá lớn ({size // (1024 * 1024)} MB), một trang báo không dài quá "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ParseError("đây là thư mục, không phải tệp văn bản") from exc
    except FileNotFoundError as exc:
        raise ParseError("không tìm thấy tệp") from exc
    except OSError as exc:
        raise ParseError(f"không đọc được tệp ({exc.strerror or exc})") from exc
    return decode_bytes(data)


def decode_bytes(data: bytes) -> str:
    """Decode the bytes of a scraped page; see :func:`read_text_file`."""
    if not data:
        raise ParseError("tệp trống")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(f"tệp có dấu BOM {encoding.upper()} nhưng nội dung không hợp lệ") from exc
            break
    else:
        if b"\x00" in data:
            raise ParseError("tệp nhị phân (có byte NUL), không phải văn bản")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"tệp không phải UTF-8 (byte 0x{data[exc.start]:02x} ở vị trí {exc.start}); "
                "hãy lưu lại tệp với bảng mã UTF-8"
            ) from exc
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise ParseError("tệp nhị phân (nhiều ký tự điều khiển), không phải văn bản")
    return text


# ---------------------------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------------------------

END_MARK = "./."
WARNING_QUOTE_CHARS = 80


def _quote(line: str) -> str:
    return line if len(line) <= WARNING_QUOTE_CHARS else line[: WARNING_QUOTE_CHARS - 1].rstrip() + "…"


def title_from_long_line(line: str, *, limit: int = TITLE_MAX_LENGTH) -> str:
    """A title for a line too long to be one: its first sentence if short enough, else its first words."""
    first = SENTENCE_BREAK.search(line)
    if first is not None and first.start() + 1 <= limit:
        return line[: first.start() + 1].rstrip(".")
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


def parse_plain_text(text: str, *, strict: bool = False) -> ParsedArticle:
    """Parse a scraped page; raise :class:`ParseError` when it is not an importable article.

    ``strict`` refuses a page whose first line is too long to be a title instead of keeping it, and a
    page without a dateline; otherwise such a page is kept with ``published_at`` None and a warning.
    """
    if not isinstance(text, str):
        raise ParseError("nội dung không phải văn bản")
    text = _UNPRINTABLE.sub("", text)
    lines = [normalize_line(line) for line in normalize_text(text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ParseError("văn bản trống: không tìm thấy tiêu đề")

    removed: list[str] = []
    warnings: list[str] = []
    title: str | None = None
    published_at: datetime | None = None
    dateline_text = ""
    position = 0

    # Head: chrome, the title and the dateline (just before or just after the title).
    while position < len(lines):
        line = lines[position]
        if is_menu_line(line, in_head=True) or is_widget_line(line) or is_trailer_marker(line):
            removed.append(line)
            position += 1
            continue
        dateline = match_dateline(line)
        if dateline is not None and published_at is None:
            published_at = dateline_value(dateline)
            dateline_text = line
            position += 1
            if title is not None:
                break
            continue
        if title is None:
            title = line
            position += 1
            continue
        break

    if title is None:
        if removed:
            raise ParseError("không tìm thấy tiêu đề: trang chỉ có phần khung (menu, liên kết)")
        raise ParseError("không tìm thấy tiêu đề")
    if published_at is None:
        if strict:
            raise ParseError(NO_DATELINE)
        warnings.append(UNDATED_TEXT_WARNING)
    long_first_line: str | None = None
    if len(title) > TITLE_MAX_LENGTH:
        if strict:
            raise ParseError(
                f"dòng đầu tiên dài {len(title)} ký tự, không phải tiêu đề (tối đa {TITLE_MAX_LENGTH})"
            )
        long_first_line, title = title, title_from_long_line(title)
        warnings.append(
            f"dòng đầu tiên dài {len(long_first_line)} ký tự (tiêu đề tối đa {TITLE_MAX_LENGTH}): tiêu đề lấy "
            f"«{_quote(title)}», cả dòng được giữ làm sapo"
        )

    # Body lines, up to the trailing chrome.
    content: list[str] = [long_first_line] if long_first_line else []
    for index in range(position, len(lines)):
        line = lines[index]
        if is_trailer_marker(line):
            if content:
                tail = lines[index:]
                removed.extend(tail)
                long_lines = sum(len(item) > 200 for item in tail)
                if long_lines:
                    warnings.append(
                        f"đã bỏ {len(tail)} dòng từ «{_quote(line)}» trở đi (coi là phần khung cuối trang), "
                        f"trong đó {long_lines} dòng dài như đoạn văn: hãy xem lại"
                    )
                break
            removed.append(line)  # "Theo dòng sự kiện", "Chủ đề"... above the sapo
            continue
        if is_widget_line(line) or is_menu_line(line, in_head=not content):
            removed.append(line)
            continue
        content.append(line)

    if not content:
        raise ParseError("không có nội dung bài viết sau tiêu đề" + (" và ngày giờ đăng" if published_at else ""))

    # A "./." alone on a line closes the paragraph before it.
    if len(content) >= 2 and content[-1] == END_MARK:
        content[-2] = f"{content[-2]} {END_MARK}"
        content.pop()

    # Signature: up to two lines of names and one source line ("Theo ...") at the very end.
    byline: list[str] = []
    attribution = ""
    name_lines = 0
    while len(content) >= 2:
        source = None if attribution else source_line(content[-1])
        if source is not None:
            attribution = source
            content.pop()
            continue
        names = parse_byline(content[-1]) if name_lines < 2 else None
        if names is None:
            break
        byline[:0] = names
        name_lines += 1
        content.pop()
    # A photo story may print its signature above the pictures: a byline, never the sapo.
    if not byline and len(content) >= 2 and not long_first_line:
        source = None if attribution else source_line(content[0])
        names = None if source else parse_byline(content[0])
        if source is not None:
            attribution = source
            content.pop(0)
        elif names is not None:
            byline = list(names)
            content.pop(0)

    sapo_index = 0
    while sapo_index < len(content) and split_credit(content[sapo_index]) is not None:
        sapo_index += 1  # a lead image caption printed above the sapo
    if sapo_index == len(content):
        # A photo story: every line is a credited caption. None of them is a sapo.
        sapo = source_prefix = ""
        rest = content
        warnings.append("bài ảnh: mọi dòng đều là chú thích ảnh, bài không có sapo (biên tập viên cần viết)")
    else:
        prefix_end = source_prefix_end(content[sapo_index])
        sapo = content[sapo_index][prefix_end:]
        source_prefix = content[sapo_index][:prefix_end].strip()
        rest = content[:sapo_index] + content[sapo_index + 1 :]
    body = _body_blocks(rest, lead=sapo_index, warnings=warnings)
    ends_with_end_mark = _last_text(sapo, body).endswith(END_MARK)

    return ParsedArticle(
        title=title,
        published_at=published_at,
        sapo=sapo,
        body=tuple(body),
        byline=tuple(byline),
        ends_with_end_mark=ends_with_end_mark,
        removed_chrome=tuple(removed),
        dateline_text=dateline_text,
        source_prefix=source_prefix,
        source_attribution=attribution,
        warnings=tuple(warnings),
    )


def _body_blocks(
    lines: list[str], *, lead: int, warnings: list[str]
) -> list[ParsedParagraph | ParsedFigure]:
    """Turn body lines into paragraphs and figures; ``lead`` lines come before the sapo."""
    blocks: list[ParsedParagraph | ParsedFigure] = []
    for index, line in enumerate(lines):
        credit_only = CREDIT_ONLY.fullmatch(line)
        if credit_only is not None and len(line) <= 100:
            credit = " ".join(next(group for group in credit_only.groups() if group).split())
            previous = blocks[-1] if blocks and index != lead else None
            if isinstance(previous, ParsedParagraph) and len(previous.text.split()) <= CAPTION_MAX_WORDS:
                blocks[-1] = ParsedFigure(caption=previous.text, credit=credit)
            elif isinstance(previous, ParsedFigure) and previous.credit is None:
                blocks[-1] = ParsedFigure(caption=previous.caption, credit=credit)
            else:
                blocks.append(ParsedFigure(caption="", credit=credit))
            continue
        split = split_credit(line)
        if split is not None:
            blocks.append(ParsedFigure(caption=split[0], credit=split[1]))
            continue
        has_next = index + 1 < len(lines)
        if has_next and is_scene_caption(line):
            blocks.append(ParsedFigure(caption=line, credit=None))
            continue
        if has_next and caption_shape(line) and len(line.split()) <= 12:
            warnings.append(f"«{_quote(line)}» có thể là chú thích ảnh (không có tên tác giả ảnh): giữ làm đoạn văn")
        blocks.append(ParsedParagraph(text=line))
    return blocks


def _last_text(sapo: str, body: list[ParsedParagraph | ParsedFigure]) -> str:
    for block in reversed(body):
        if isinstance(block, ParsedParagraph):
            return block.text
    return sapo
