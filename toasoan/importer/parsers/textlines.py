"""Line rules of scraped Vietnamese news pages: site chrome, datelines, credits, bylines, captions.

Used by :mod:`toasoan.importer.parsers.plaintext` (and by the other importers for the same
judgements on text they extract); every function takes one normalised line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from toasoan.core.text import fold

NEWSROOM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class ParseError(ValueError):
    """The text is not an importable article; the message says why, in Vietnamese."""


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


def is_menu_line(line: str, *, in_head: bool) -> bool:
    """A line made only of short navigation entries ("Mới nhất Tin nóng Media ...").

    A source line ("Theo China Discovery/ Sohu/ Daily") or a signature ("Nguyễn An - Trần Bình -
    Lê Cường") is never a menu, however it is separated.
    """
    if len(line) > 300 or _SENTENCE_PUNCT.search(line) or _is_signature(line):
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


def is_widget_line(line: str) -> bool:
    if len(line) > 120:
        return False
    words = _fold_words(line.strip(" :.!"))
    if not words:
        return False
    counts = _count_entries(words, WIDGET_ENTRIES)
    return counts is not None and counts[1] == 0


def is_trailer_marker(line: str) -> bool:
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


def match_dateline(line: str) -> re.Match[str] | None:
    if len(line) > 80:
        return None
    return _DATELINE.fullmatch(line)


def dateline_value(match: re.Match[str]) -> datetime:
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
CREDIT_ONLY = re.compile(
    r"\(\s*(" + _CREDIT_WORDS + r"(?:\s*:\s*[^()\n]{1,80}|\s+[^()\n:]{1,40})?)\s*\)\s*\.?"
    r"|(" + _CREDIT_WORDS + r"\s*:\s*[^()\n]{1,80}?)\s*\.?"
    r"|(Ảnh\s+(?:minh\s*họa|minh\s*hoạ|tư\s*liệu|cắt\s*clip|chụp\s*màn\s*hình|internet|TL|NVCC|CTV))\s*\.?",
    re.IGNORECASE,
)

_BYLINE_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[,;/&]\s*|\s+và\s+")
_THEO = re.compile(r"\(?\s*(Theo\s+[^\W\d_][^()\n.,!?;:]{0,50}?)\s*\)?")


def _is_signature(line: str) -> bool:
    """A source line ("Theo ...") or a line of authors' names."""
    if fold(line.lstrip("(")[:5]) == "theo " and line.lstrip("(")[5:6].isupper():
        return True
    return parse_byline(line) is not None


def _is_name_word(word: str) -> bool:
    core = word.rstrip(".")
    if not core or not core[0].isupper():
        return False
    if "." in core:  # initials such as "P.V"
        return len(core) <= 5 and all(part.isalpha() for part in core.split(".") if part)
    return core.isalpha() and (word == core or len(core) <= 3)


def source_line(line: str) -> str | None:
    """The attribution a line gives ("Theo China Discovery/ Sohu/ Daily", "(Theo Dân trí)"), without the
    parentheses, or None when ``line`` is not a source line."""
    if len(line) > 100 or any(ch.isdigit() for ch in line):
        return None
    theo = _THEO.fullmatch(line)
    if theo and len(theo.group(1).split()) <= 6 and theo.group(1)[5:6].isupper():
        return theo.group(1)
    return None


def parse_byline(line: str) -> tuple[str, ...] | None:
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

SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]*\s+\S")
# Compared on the lower-cased NFC text, not folded: folding merges "đã"/"da", "đang"/"Đảng".
# Only openers that describe a picture: "Cảnh sát ...", "Không khí lạnh ...", "Các đại biểu thảo luận ..."
# open ordinary sentences and are not among them.
_SCENE_OPENERS = tuple(
    opener + " "
    for opener in ("toàn cảnh", "quang cảnh", "khung cảnh", "một góc", "góc nhìn từ trên cao", "hình ảnh")
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
CAPTION_MAX_WORDS = 25
CREDITED_CAPTION_MAX_WORDS = 60


def split_credit(line: str) -> tuple[str, str] | None:
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
    if fold(credit).startswith("nguon") and (words > 35 or SENTENCE_BREAK.search(caption)):
        return None  # "(Nguồn: ...)" after a long passage cites a source, it is not a caption
    return caption, credit


def caption_shape(line: str) -> bool:
    """A short single sentence ending in a full stop, without speech or narrative markers."""
    if not line.endswith(".") or line.endswith(("..", "./.")):
        return False
    if line[:1] in "-–—\"“'‘(•*+" or not line[:1].isupper():
        return False
    if any(ch in line for ch in ':;?!"“”«»'):
        return False
    words = line.split()
    if not 4 <= len(words) <= CAPTION_MAX_WORDS or SENTENCE_BREAK.search(line):
        return False
    padded = f" {line.rstrip('.').lower()} "
    return not any(f" {marker} " in padded for marker in _NARRATIVE_MARKERS)


def is_scene_caption(line: str) -> bool:
    """Clearly a caption without credit: caption-shaped and opening with a scene word."""
    return caption_shape(line) and line.lower().startswith(_SCENE_OPENERS)


def source_prefix_end(line: str) -> int:
    """Length of a leading "(Baonghean.vn) - " style source prefix in ``line`` (0 when none)."""
    match = _SOURCE_PREFIX.match(line)
    if match is None or match.end() >= len(line):
        return 0
    inner = match.group(0).strip(" -–—:()[]")
    # "(1/7) - ..." or a long parenthetical is not a newspaper's name.
    if not inner or inner[:1].isdigit() or len(inner.split()) > 4:
        return 0
    return match.end()
