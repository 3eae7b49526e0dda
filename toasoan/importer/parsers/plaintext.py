"""Parse a scraped plain-text news page into its parts: title, dateline, sapo, body, byline.

A scraped page is what is left when a Vietnamese news article is copied out of a browser: one block
(paragraph, image caption, heading) per line, the site's menu above the title and its "related
stories" widgets below the byline. Images are gone; only their caption lines remain.

Decisions (documented here because they shape what editors get):

* **Every line is a block.** Scraped pages do not hard-wrap; a blank line is never needed.
* **A page without a dateline is refused** (:class:`ParseError`). Every published article has a
  publication time, and listings are ordered by it; inventing one (the import time) would put a
  years-old story at the top of "Mới nhất". An editor can add the date line and import again.
* **Credits are kept as written inside their parentheses**: "(Ảnh: Thành Duy)" gives the credit
  "Ảnh: Thành Duy", "(Ảnh cắt clip)" gives "Ảnh cắt clip"; the two kinds read correctly side by side.
* **Captions without a credit are detected conservatively**: a short single sentence ending in a
  full stop, between two blocks, that is a noun phrase (no verb, as tagged by underthesea's
  ``pos_tag``) or opens with a scene word ("Toàn cảnh", "Quang cảnh"...) without a narrative
  marker ("đã", "sẽ", "cho biết"...). Anything doubtful stays a paragraph: a caption shown as a
  paragraph is harmless, a paragraph turned into an image placeholder is not.
* **Trailing chrome cuts the rest**: the first line after the body that names a related-stories or
  comments widget ("Sự kiện liên quan", "Tin liên quan", "Xem thêm", "Bình luận"...) and every line
  after it are site chrome. Share/print widget lines are dropped wherever they are.
* **The end mark "./." stays as written**; a "./." alone on the last line is joined to the last
  paragraph with one space.

Work is linear in the size of the text; the part-of-speech tagger runs only on a bounded number of
short caption candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from toasoan.core.text import fold, normalize_line, normalize_text

__all__ = [
    "ParseError",
    "ParsedArticle",
    "ParsedFigure",
    "ParsedParagraph",
    "parse_plain_text",
    "read_text_file",
]

NEWSROOM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE_MAX_LENGTH = 255
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ParsedParagraph:
    text: str


@dataclass(frozen=True)
class ParsedFigure:
    """A figure whose image is not in the page: caption (may be empty) and credit as written."""

    caption: str
    credit: str | None


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    published_at: datetime
    sapo: str
    body: tuple[ParsedParagraph | ParsedFigure, ...]
    byline: tuple[str, ...]
    ends_with_end_mark: bool
    removed_chrome: tuple[str, ...]


class ParseError(ValueError):
    """The text is not an importable article; the message says why, in Vietnamese."""


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
# Vocabulary (compared in folded form: no marks, đ -> d, lower case)
# ---------------------------------------------------------------------------------------------


def _folded_set(entries: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(fold(entry).split()) for entry in entries)


# Navigation entries of Vietnamese news sites. A line made of these is a menu.
MENU_ENTRIES = _folded_set(
    """Mới nhất|Tin nóng|Tin mới|Tin tức|Media|Multimedia|Magazine|eMagazine|Longform|Infographic|
    Infographics|Tin ảnh|Ảnh|Photo|Video|Videos|Podcast|Podcasts|Audio|Truyền hình|Phát thanh|
    Trang chủ|Home|Thời sự|Chính trị|Kinh tế|Xã hội|Văn hóa|Văn hoá|Giải trí|Thể thao|Giáo dục|
    Sức khỏe|Sức khoẻ|
    Y tế|Pháp luật|An ninh|Quốc phòng|Quân sự|Thế giới|Quốc tế|Du lịch|Công nghệ|Khoa học|Số hóa|Đời sống|
    Gia đình|Bạn đọc|Ý kiến|Góc nhìn|Tiêu điểm|Chuyên đề|Nông nghiệp|Nông thôn|Tài chính|Doanh nghiệp|
    Thị trường|Bất động sản|Xe|Ô tô|Xe máy|Việc làm|Tuyển sinh|Địa phương|Đô thị|Môi trường|Lao động|
    Người Việt|Kiều bào|Xây dựng Đảng|Chống tham nhũng|Nghị trường|Đặc san|Báo in|Tin 24h|24h|
    Sự kiện|Dòng sự kiện|Chủ đề|Trực tuyến|Đọc báo|English|Tiếng Anh|Liên hệ|Giới thiệu|Quảng cáo|
    Tòa soạn|Toà soạn|RSS|Đăng nhập|Đăng ký|Tìm kiếm|Menu""".replace("\n", "").split("|")
)
# Share, print and reading widgets: dropped wherever they stand.
WIDGET_ENTRIES = _folded_set(
    """Chia sẻ|Share|Facebook|Zalo|Twitter|X|Email|Gửi email|Gửi bài|In|In bài|In bài viết|Print|Copy link|
    Sao chép liên kết|Sao chép link|Lưu|Lưu bài|Lưu tin|Lưu bài viết|Theo dõi|Theo dõi báo|Cỡ chữ|A|A+|A-|Aa|
    Nghe|Nghe đọc bài|Nghe bài viết|Đọc bài|Nghe tin|Google News|Thích|Like|Tweet|Lên đầu trang|
    Về đầu trang|Quay lại|Trở lại|Trở về|Top|Bookmark|Tải ứng dụng""".replace("\n", "").split("|")
)
# Widgets that close the article: the line and everything after it are chrome.
TRAILER_MARKERS = frozenset(
    " ".join(key)
    for key in _folded_set(
        """Sự kiện liên quan|Xem thêm sự kiện|Xem thêm|Tin liên quan|Bài liên quan|Bài viết liên quan|
        Tin cùng chuyên mục|Cùng chuyên mục|Tin khác|Các tin khác|Tin cùng chủ đề|Tin mới hơn|Tin cũ hơn|
        Tin mới nhất|Đọc thêm|Có thể bạn quan tâm|Bạn có thể quan tâm|Đọc nhiều|Đọc nhiều nhất|
        Tin đọc nhiều|Xem nhiều|Xem nhiều nhất|Bình luận|Ý kiến bạn đọc|Gửi bình luận|Viết bình luận|
        Bình luận của bạn|Gửi ý kiến|Ý kiến của bạn|Theo dòng sự kiện|Dòng sự kiện|Từ khóa|Từ khoá|Tags|
        Tag|Chủ đề""".replace("\n", "").split("|")
    )
)
_TRAILER_WITH_LIST = frozenset({"tu khoa", "tags", "tag", "chu de", "su kien"})
_MAX_ENTRY_WORDS = max(len(entry) for entry in MENU_ENTRIES | WIDGET_ENTRIES)
_SEPARATORS = re.compile(r"\s*(?:[|•·›»>/]|\s[-–—]\s)\s*")
_SENTENCE_PUNCT = re.compile(r"[.,;:!?\"“”()…]")


def _fold_words(line: str) -> list[str]:
    return fold(_SEPARATORS.sub(" ", line)).split()


def _count_entries(words: list[str], vocabulary: frozenset[tuple[str, ...]]) -> tuple[int, int] | None:
    """Split folded words into vocabulary entries, longest first; (known, unknown) or None.

    An unknown segment is allowed only where the original word was capitalised; callers pass the
    capitalisation pattern via a leading "^" marker on each capitalised word.
    """
    known = unknown = 0
    i = 0
    n = len(words)
    while i < n:
        for size in range(min(_MAX_ENTRY_WORDS, n - i), 0, -1):
            if tuple(word.lstrip("^") for word in words[i : i + size]) in vocabulary:
                known += 1
                i += size
                break
        else:
            if not words[i].startswith("^"):
                return None
            # An unknown, capitalised entry: the word and up to two lower-case words after it.
            unknown += 1
            i += 1
            for _ in range(2):
                if i < n and not words[i].startswith("^"):
                    i += 1
    return known, unknown


def _marked_words(line: str) -> list[str]:
    """Folded words, with a "^" before those that start with a capital (or a digit/sign) in ``line``."""
    raw = _SEPARATORS.sub(" ", line).split()
    return [("" if word[:1].islower() else "^") + fold(word) for word in raw]


def _is_menu_line(line: str, *, in_head: bool) -> bool:
    """A line made only of short navigation entries ("Mới nhất Tin nóng Media ...")."""
    if len(line) > 300 or _SENTENCE_PUNCT.search(line):
        return False
    words = _marked_words(line)
    if not words:
        return False
    counts = _count_entries(words, MENU_ENTRIES)
    if counts is not None:
        known, unknown = counts
        if unknown == 0 and known >= (1 if in_head else 3):
            return True
        if known >= 2 and unknown <= known and (in_head or known >= 3):
            return True
    # Separated pieces ("Trang chủ | Tin tức | Giải trí", "Trang chủ > Thời sự"): each piece short
    # and capitalised.
    pieces = [piece for piece in _SEPARATORS.split(line) if piece]
    minimum = 2 if in_head else 3
    return (
        len(pieces) >= minimum
        and _SEPARATORS.search(line) is not None
        and all(len(piece.split()) <= 3 and piece[:1].isupper() for piece in pieces)
    )


def _is_widget_line(line: str) -> bool:
    if len(line) > 120:
        return False
    words = _fold_words(line.strip(" :.!"))
    if not words:
        return False
    counts = _count_entries(words, WIDGET_ENTRIES)
    return counts is not None and counts[1] == 0


def _is_trailer_marker(line: str) -> bool:
    if len(line) > 200:
        return False
    key = " ".join(_fold_words(line.strip(" :.-–—|")))
    if key in TRAILER_MARKERS:
        return True
    head, colon, _rest = line.partition(":")
    return bool(colon) and " ".join(fold(head).split()) in _TRAILER_WITH_LIST


# ---------------------------------------------------------------------------------------------
# Datelines
# ---------------------------------------------------------------------------------------------

_WEEKDAY = r"(?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])\s*[,\-–|]?\s*)"
_TIME = r"(?P<{h}>\d{{1,2}})\s*[:hg]\s*(?P<{mi}>\d{{2}})(?:\s*:\s*\d{{2}})?(?:\s*(?P<{ap}>am|pm|sa|ch))?"
_DATE = r"(?:ngày\s*)?(?P<{d}>\d{{1,2}})\s*[/.\-]\s*(?P<{mo}>\d{{1,2}})\s*[/.\-]\s*(?P<{y}>\d{{4}})"
_SEP = r"\s*(?:[,|\-–—]|lúc)?\s*"
_DATELINE = re.compile(
    r"(?:(?:cập\s*nhật|ngày\s*đăng|đăng\s*ngày|đăng\s*lúc|đăng|thời\s*gian|xuất\s*bản|published|"
    r"updated)\s*(?:lúc|ngày)?\s*:?\s*)?"
    + _WEEKDAY
    + "?(?:"
    + _TIME.format(h="h1", mi="mi1", ap="ap1")
    + _SEP
    + _WEEKDAY
    + "?"
    + _DATE.format(d="d1", mo="mo1", y="y1")
    + "|"
    + _DATE.format(d="d2", mo="mo2", y="y2")
    + r"(?:"
    + _SEP
    + _TIME.format(h="h2", mi="mi2", ap="ap2")
    + r")?"
    + r"|(?P<y3>\d{4})-(?P<mo3>\d{2})-(?P<d3>\d{2})(?:[T\s](?P<h3>\d{2}):(?P<mi3>\d{2})(?::\d{2})?)?"
    + r")\s*(?:\(?\s*(?:gmt|utc)\s*\+\s*0?7(?::?00)?\s*\)?)?",
    re.IGNORECASE,
)


def _match_dateline(line: str) -> re.Match[str] | None:
    if len(line) > 80:
        return None
    return _DATELINE.fullmatch(line)


def _dateline_value(match: re.Match[str]) -> datetime:
    groups = match.groupdict()
    for suffix in "123":
        if groups.get("d" + suffix):
            day, month, year = (int(groups[key + suffix]) for key in ("d", "mo", "y"))
            hour = int(groups.get("h" + suffix) or 0)
            minute = int(groups.get("mi" + suffix) or 0)
            meridiem = (groups.get("ap" + suffix) or "").lower()
            if meridiem in {"pm", "ch"} and hour < 12:
                hour += 12
            elif meridiem in {"am", "sa"} and hour == 12:
                hour = 0
            break
    else:  # pragma: no cover - the pattern always captures one date
        raise ParseError("không đọc được ngày giờ đăng")
    try:
        return datetime(year, month, day, hour, minute, tzinfo=NEWSROOM_TZ)
    except ValueError as exc:
        raise ParseError(f"ngày giờ đăng không hợp lệ: «{match.group(0)}»") from exc


# ---------------------------------------------------------------------------------------------
# Sapo source prefixes, credits, bylines
# ---------------------------------------------------------------------------------------------

_KNOWN_SOURCES = (
    r"TTO|TTXVN|VOV|VOV\.VN|VTV|VTC\s+News|PLO|NLĐO|QĐND|SGGP|ĐCSVN|VnExpress|Zing|ZingNews|"
    r"Dân\s+trí|Vietnamplus|VietNamNet|Tuổi\s+Trẻ|Thanh\s+Niên|Lao\s+Động|GDVN|VNA"
)
_SOURCE_PREFIX = re.compile(
    r"(?:\(\s*[^()\n]{1,40}?\s*\)|\[\s*[^\[\]\n]{1,40}?\s*\]"
    r"|[\w-]{1,30}(?:\.[\w-]{1,30}){0,2}\.(?:vn|com|net|org|tv|info)\b|" + _KNOWN_SOURCES + r")\s*[-–—:]\s*",
    re.IGNORECASE,
)

_CREDIT_WORDS = r"(?:Ảnh|Nguồn|Đồ\s*họa|Đồ\s*hoạ|Clip|Video|Photo|Infographic|Ảnh\s*và\s*clip)"
_PAREN_CREDIT = re.compile(
    r"\(\s*(" + _CREDIT_WORDS + r"(?:\s*:\s*[^()\n]{1,100}?|\s+[^()\n:]{1,60}?)?)\s*\)\s*[.]?$",
    re.IGNORECASE,
)
_BARE_CREDIT = re.compile(
    r"(?:(?<=[.!?…\"”])\s+|\s+[-–—|]\s+|^)("
    + r"(?:Ảnh|Nguồn|Đồ\s*họa|Đồ\s*hoạ|Clip|Video|Photo)\s*:\s*[^.!?()\n:]{1,80}?"
    + r"|Ảnh\s+(?:minh\s*họa|minh\s*hoạ|tư\s*liệu|cắt\s*clip|chụp\s*màn\s*hình|internet|TL|NVCC|CTV)"
    + r")\s*\.?$",
    re.IGNORECASE,
)
_CREDIT_ONLY = re.compile(
    r"\(\s*(" + _CREDIT_WORDS + r"(?:\s*:\s*[^()\n]{1,80}|\s+[^()\n:]{1,40})?)\s*\)\s*\.?"
    r"|(" + _CREDIT_WORDS + r"\s*:\s*[^()\n]{1,80}?)\s*\.?"
    r"|(Ảnh\s+(?:minh\s*họa|minh\s*hoạ|tư\s*liệu|cắt\s*clip|chụp\s*màn\s*hình|internet|TL|NVCC|CTV))\s*\.?",
    re.IGNORECASE,
)

_BYLINE_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[,;/&]\s*|\s+và\s+")
_THEO = re.compile(r"\(?\s*(Theo\s+[^\W\d_][^()\n.,!?;:]{0,50}?)\s*\)?")


def _is_name_word(word: str) -> bool:
    core = word.rstrip(".")
    if not core or not core[0].isupper():
        return False
    if "." in core:  # initials such as "P.V"
        return len(core) <= 5 and all(part.isalpha() for part in core.split(".") if part)
    return core.isalpha() and (word == core or len(core) <= 3)


def _parse_byline(line: str) -> tuple[str, ...] | None:
    """Names signed under the article, or None when ``line`` does not look like a byline."""
    if len(line) > 100 or any(ch.isdigit() for ch in line):
        return None
    theo = _THEO.fullmatch(line)
    if theo and len(theo.group(1).split()) <= 6 and theo.group(1)[5:6].isupper():
        return (theo.group(1),)
    names = [part.strip() for part in _BYLINE_SPLIT.split(line)]
    if not names or any(not name for name in names):
        return None
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 4:
            return None
        if words[0] == "Nhóm" and len(words) <= 4 and all(word.isalpha() for word in words):
            continue
        if not all(_is_name_word(word) for word in words):
            return None
        if len(words) == 1 and not (words[0].isupper() and len(words[0]) >= 2):
            return None  # a single word is a byline only as an acronym: "PV", "TTXVN", "CTV"
    return tuple(names)


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]*\s+\S")
# Compared on the lower-cased NFC text, not folded: folding merges "đã"/"da", "đang"/"Đảng".
_SCENE_OPENERS = tuple(
    opener + " "
    for opener in (
        "toàn cảnh",
        "quang cảnh",
        "khung cảnh",
        "cảnh",
        "một góc",
        "hình ảnh",
        "không khí",
        "các đại biểu",
        "đại biểu",
        "các đồng chí",
        "lãnh đạo",
    )
)
_NARRATIVE_MARKERS = (
    "đã",
    "sẽ",
    "đang",
    "vẫn",
    "cũng",
    "nhưng",
    "tuy nhiên",
    "vì",
    "nên",
    "nếu",
    "khi",
    "theo",
    "cho biết",
    "cho rằng",
    "được biết",
    "trong đó",
    "bởi",
    "do",
    "là",
    "phải",
    "cần",
    "chưa",
    "tôi",
    "chúng tôi",
    "chúng ta",
)
_NOUN_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "L"})
_VERB_TAGS = frozenset({"V", "Vb", "Vy"})
MAX_TAGGED_CANDIDATES = 300
CAPTION_MAX_WORDS = 25
CREDITED_CAPTION_MAX_WORDS = 60


def _split_credit(line: str) -> tuple[str, str] | None:
    """(caption, credit) when ``line`` ends with a photo credit, else None."""
    if len(line) > 1500:
        return None
    match = _PAREN_CREDIT.search(line) or _BARE_CREDIT.search(line)
    if match is None:
        return None
    caption = line[: match.start()].rstrip(" -–—|")
    credit = " ".join(match.group(1).split())
    words = len(caption.split())
    if words > CREDITED_CAPTION_MAX_WORDS:
        return None
    if fold(credit).startswith("nguon") and (words > 35 or _SENTENCE_BREAK.search(caption)):
        return None  # "(Nguồn: ...)" after a long passage cites a source, it is not a caption
    return caption, credit


class _CaptionJudge:
    """Decides whether a short line without credit is an image caption; tags at most N lines."""

    def __init__(self) -> None:
        self.tagged = 0

    def __call__(self, line: str) -> bool:
        if not line.endswith(".") or line.endswith(("..", "./.")):
            return False
        if line[:1] in "-–—\"“'‘(•*+" or not line[:1].isupper():
            return False
        if any(ch in line for ch in ':;?!"“”«»'):
            return False
        words = line.split()
        if not 4 <= len(words) <= CAPTION_MAX_WORDS or _SENTENCE_BREAK.search(line):
            return False
        lowered = line.rstrip(".").lower()
        padded = f" {lowered} "
        if any(f" {marker} " in padded for marker in _NARRATIVE_MARKERS):
            return False
        if lowered.startswith(_SCENE_OPENERS):
            return True
        return self._is_noun_phrase(line)

    def _is_noun_phrase(self, line: str) -> bool:
        if self.tagged >= MAX_TAGGED_CANDIDATES:
            return False
        self.tagged += 1
        try:
            from underthesea import pos_tag

            tags = [tag for _word, tag in pos_tag(line)]
        except Exception:  # the tagger is only a hint: if it fails, the line stays a paragraph
            return False
        if not tags or tags[0] not in _NOUN_TAGS:
            return False
        return not any(tag in _VERB_TAGS for tag in tags)


# ---------------------------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------------------------

END_MARK = "./."


def parse_plain_text(text: str) -> ParsedArticle:
    """Parse a scraped page; raise :class:`ParseError` when it is not an importable article."""
    if not isinstance(text, str):
        raise ParseError("nội dung không phải văn bản")
    text = _UNPRINTABLE.sub("", text)
    lines = [normalize_line(line) for line in normalize_text(text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ParseError("văn bản trống: không tìm thấy tiêu đề")

    removed: list[str] = []
    title: str | None = None
    published_at: datetime | None = None
    position = 0

    # Head: chrome, the title and the dateline (just before or just after the title).
    while position < len(lines):
        line = lines[position]
        if _is_menu_line(line, in_head=True) or _is_widget_line(line) or _is_trailer_marker(line):
            removed.append(line)
            position += 1
            continue
        dateline = _match_dateline(line)
        if dateline is not None and published_at is None:
            published_at = _dateline_value(dateline)
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
    if len(title) > TITLE_MAX_LENGTH:
        raise ParseError(f"dòng đầu tiên dài {len(title)} ký tự, không phải tiêu đề (tối đa {TITLE_MAX_LENGTH})")
    if published_at is None:
        raise ParseError("không tìm thấy ngày giờ đăng (dạng «19:37, 01/07/2019») ngay trước hoặc sau tiêu đề")

    # Body lines, up to the trailing chrome.
    content: list[str] = []
    for index in range(position, len(lines)):
        line = lines[index]
        if _is_trailer_marker(line):
            if content:
                removed.extend(lines[index:])
                break
            removed.append(line)  # "Theo dòng sự kiện", "Chủ đề"... above the sapo
            continue
        if _is_widget_line(line) or _is_menu_line(line, in_head=not content):
            removed.append(line)
            continue
        content.append(line)

    if not content:
        raise ParseError("không có nội dung bài viết sau tiêu đề và ngày giờ đăng")

    # A "./." alone on a line closes the paragraph before it.
    if len(content) >= 2 and content[-1] == END_MARK:
        content[-2] = f"{content[-2]} {END_MARK}"
        content.pop()

    # Byline: up to two lines of names at the very end.
    byline: list[str] = []
    for _ in range(2):
        if len(content) < 2:
            break
        names = _parse_byline(content[-1])
        if names is None:
            break
        byline[:0] = names
        content.pop()

    sapo_index = 0
    while sapo_index < len(content) - 1 and _split_credit(content[sapo_index]) is not None:
        sapo_index += 1  # a lead image caption printed above the sapo
    sapo = content[sapo_index][_source_prefix_end(content[sapo_index]) :]

    rest = content[:sapo_index] + content[sapo_index + 1 :]
    body = _body_blocks(rest, lead=sapo_index)
    ends_with_end_mark = _last_text(sapo, body).endswith(END_MARK)

    return ParsedArticle(
        title=title,
        published_at=published_at,
        sapo=sapo,
        body=tuple(body),
        byline=tuple(byline),
        ends_with_end_mark=ends_with_end_mark,
        removed_chrome=tuple(removed),
    )


def _source_prefix_end(line: str) -> int:
    """Length of a leading "(Baonghean.vn) - " style source prefix in ``line`` (0 when none)."""
    match = _SOURCE_PREFIX.match(line)
    if match is None or match.end() >= len(line):
        return 0
    inner = match.group(0).strip(" -–—:()[]")
    # "(1/7) - ..." or a long parenthetical is not a newspaper's name.
    if not inner or inner[:1].isdigit() or len(inner.split()) > 4:
        return 0
    return match.end()


def _body_blocks(lines: list[str], *, lead: int) -> list[ParsedParagraph | ParsedFigure]:
    """Turn body lines into paragraphs and figures; ``lead`` lines come before the sapo."""
    judge = _CaptionJudge()
    blocks: list[ParsedParagraph | ParsedFigure] = []
    for index, line in enumerate(lines):
        credit_only = _CREDIT_ONLY.fullmatch(line)
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
        split = _split_credit(line)
        if split is not None:
            blocks.append(ParsedFigure(caption=split[0], credit=split[1]))
            continue
        has_next = index + 1 < len(lines)
        if has_next and judge(line):
            blocks.append(ParsedFigure(caption=line, credit=None))
            continue
        blocks.append(ParsedParagraph(text=line))
    return blocks


def _last_text(sapo: str, body: list[ParsedParagraph | ParsedFigure]) -> str:
    for block in reversed(body):
        if isinstance(block, ParsedParagraph):
            return block.text
    return sapo
