"""Word lists for entity extraction: titles, honorifics, organisation heads, surnames, gazetteers.

Everything here is keyed by :func:`key_of` (lower case, NFC, one tone-placement convention) for text
with diacritics and by :func:`toasoan.core.text.fold` for text written without them. The large
gazetteers (provinces, districts, wards) and the word list used to join syllables come from files
shipped inside the installed ``underthesea`` wheel and are loaded lazily, once.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from toasoan.core.text import fold
from toasoan.entities import provinces
from toasoan.entities.org_words import (
    DOMAIN_WORDS,
    KNOWN_ORGS,
    KNOWN_ORGS_WEAK,
    MEDIA_DESCRIPTORS,
    OPEN_FIELD_WORDS,
    ORG_STOP_WORDS,
    WHOLE_ORGS,
)

logger = logging.getLogger(__name__)

# "oà"/"òa", "uỷ"/"ủy"...: both spellings map to one key (the tone mark moved to the first vowel
# of the pair when the syllable ends there). The mapping only has to be applied the same way to
# the lexicon and to the text.
_TONE_PAIR = re.compile(r"([oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?![^\W\d_])")
_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _move_tone(match: re.Match[str]) -> str:
    pair = unicodedata.normalize("NFD", match.group(0))
    marks = "".join(ch for ch in pair if ch in _MARKS)
    bare = "".join(ch for ch in pair if ch not in _MARKS)
    return unicodedata.normalize("NFC", bare[0] + marks + bare[1:])


@functools.lru_cache(maxsize=1 << 16)
def key_of(word: str) -> str:
    """Lexicon key of a word or phrase written with diacritics (kept for the words met most)."""
    return _TONE_PAIR.sub(_move_tone, unicodedata.normalize("NFC", word).lower())


def keys_of(phrase: str, *, folded: bool) -> tuple[str, ...]:
    words = phrase.split()
    return tuple(fold(w) if folded else key_of(w) for w in words)


class PhraseSet:
    """Phrases (tuples of word keys) with longest-match lookup, in both key spaces."""

    def __init__(self, phrases: Iterable[str], *, value: object = None) -> None:
        self.exact: dict[tuple[str, ...], object] = {}
        self.folded: dict[tuple[str, ...], object] = {}
        # First words of the phrases, so a look-up at a word that starts none returns at once.
        self.first_exact: set[str] = set()
        self.first_folded: set[str] = set()
        # Every beginning of a phrase (its first two words, three...), so a look-up stops as soon as the words
        # read go on no phrase, instead of trying each length up to the longest phrase of the set.
        self.prefix_exact: set[tuple[str, ...]] = set()
        self.prefix_folded: set[tuple[str, ...]] = set()
        self.max_len = 1
        for phrase in phrases:
            self.add(phrase, value=value)

    def add(self, phrase: str, *, value: object = None) -> None:
        words = phrase.split()  # keys_of's two key spaces, from one split (this runs for 70,000 words per process)
        if not words:
            return
        exact = tuple(map(key_of, words))
        folded = tuple(map(fold, words))
        self.exact.setdefault(exact, value if value is not None else phrase)
        self.folded.setdefault(folded, value if value is not None else phrase)
        self.first_exact.add(exact[0])
        self.first_folded.add(folded[0])
        if len(exact) > 2:  # most phrases have one or two words: nothing to add (the first word is in first_*)
            self.prefix_exact.update(exact[:n] for n in range(2, len(exact)))
            self.prefix_folded.update(folded[:n] for n in range(2, len(folded)))
        self.max_len = max(self.max_len, len(exact))

    def update(self, other: PhraseSet) -> None:
        self.exact.update(other.exact)
        self.folded.update(other.folded)
        self.first_exact |= other.first_exact
        self.first_folded |= other.first_folded
        self.prefix_exact |= other.prefix_exact
        self.prefix_folded |= other.prefix_folded
        self.max_len = max(self.max_len, other.max_len)

    def firsts(self, *, folded: bool) -> set[str]:
        return self.first_folded if folded else self.first_exact

    def table(self, *, folded: bool) -> dict[tuple[str, ...], object]:
        return self.folded if folded else self.exact


# --- Titles (positions). A position is a title plus, usually, the organisation it belongs to. ---
_BASE_TITLES = """
ủy viên|bí thư|tổng bí thư|bí thư thứ nhất|trưởng ban|trưởng đoàn|trưởng phòng|trưởng khoa|trưởng ngành
chủ tịch|chủ tịch nước|thủ tướng|bộ trưởng|thứ trưởng|giám đốc|tổng giám đốc|chủ nhiệm|chánh văn phòng
chánh án|chánh thanh tra|viện trưởng|tổng thống|ngoại trưởng|đại sứ|tư lệnh|chính ủy|hiệu trưởng
tổng biên tập|tổng thư ký|thư ký|đại biểu quốc hội|đbqh|huấn luyện viên|huấn luyện viên trưởng|hlv|hlv trưởng
đội trưởng|thủ quân|tiền đạo|tiền vệ|hậu vệ|thủ môn|cục trưởng|tổng cục trưởng|vụ trưởng|trưởng công an
người phát ngôn|nhà sáng lập|đồng sáng lập|đại tướng|thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá
trung tá|thiếu tá|trưởng thôn|trưởng bản|trưởng xóm|quốc vương|thống đốc|tổng kiểm toán|kiểm toán trưởng
ceo|chủ tịch hđqt|chủ tịch hội đồng quản trị|tổng lãnh sự|đặc phái viên|tổng tư lệnh
chỉ huy trưởng|trưởng trạm|trưởng phân hiệu|giám đốc điều hành|tổng giám mục|trưởng đại diện
thường trực ban bí thư|thuyền trưởng|phát ngôn viên|thư ký báo chí|tổng chưởng lý|chưởng lý|cao ủy
đô đốc|phó đô đốc|chuẩn đô đốc|thống chế|thượng nghị sĩ|hạ nghị sĩ|thị trưởng|đội phó|cụm trưởng|cụm phó
tổ trưởng|tổ phó|trưởng văn phòng|trưởng làng|già làng|trưởng thôn|giáo hoàng|nhà vua|nữ hoàng|hoàng hậu|tướng
đại úy|thượng úy|trung úy|thiếu úy|tham mưu trưởng|tổng tham mưu trưởng|ttk
tỉnh ủy viên|thành ủy viên|huyện ủy viên|quận ủy viên|thị ủy viên|đảng ủy viên
"""
_TITLE_QUALIFIERS = ("thường trực", "thứ nhất", "điều hành", "phụ trách", "trưởng", "chuyên trách")

_SPLIT = re.compile(r"[|\n]")


def _title_phrases() -> list[str]:
    bases = [b.strip() for b in _SPLIT.split(_BASE_TITLES) if b.strip()]
    out: list[str] = []
    for base in bases:
        for prefix in ("", "phó ", "nguyên ", "quyền ", "nguyên phó ", "tân ", "cựu ", "cựu phó "):
            title = prefix + base
            out.append(title)
            for qualifier in _TITLE_QUALIFIERS:
                out.append(f"{title} {qualifier}")
    return out


# Titles ending in one of these name the unit they head: "Trưởng ban Tổ chức" -> "Ban Tổ chức".
UNIT_TITLE_ENDINGS = {
    "tổng cục trưởng": "Tổng cục",
    "bộ trưởng": "Bộ",
    "thứ trưởng": "Bộ",
    "cục trưởng": "Cục",
    "vụ trưởng": "Vụ",
    "viện trưởng": "Viện",
    "ban": "Ban",
    "đoàn": "Đoàn",
    "phòng": "Phòng",
    "khoa": "Khoa",
    "ngành": "Ngành",
    "công an": "Công an",
    "văn phòng": "Văn phòng",
}

HONORIFICS_TEXT = """
đồng chí|đ/c|các đồng chí|các đ/c|ông|bà|anh|chị|ngài|cụ|cô|chú|bác|em|cháu|bé|quý ông|quý bà|gs|pgs|ts|ths|bs
gs.ts|pgs.ts|ts.bs|gs.tskh|nsnd|nsưt|nhà báo|nhà văn|nhà thơ|nhạc sĩ|họa sĩ|ca sĩ|nghệ sĩ|doanh nhân
bác sĩ|luật sư|kỹ sư|cầu thủ|tay vợt|võ sĩ|kỳ thủ|vận động viên|vđv|tuyển thủ|cựu chiến binh|liệt sĩ
anh hùng|mẹ việt nam anh hùng|thượng tọa|hòa thượng|giáo sư|phó giáo sư|tiến sĩ|thạc sĩ|nữ doanh nhân
chuyên gia|nghi phạm|nghi can|tay súng|nạn nhân|nhân chứng|thẩm phán|bị cáo|bị can|tài xế|thí sinh|học sinh
sinh viên|giáo viên|thầy|cô giáo|hành khách|nữ hành khách|diễn viên|nữ diễn viên|nam diễn viên|người mẫu
nhà toán học|nhà khoa học|nhà sản xuất|ntk|nhà thiết kế|điệp viên|cựu điệp viên|công tố viên|nghị sĩ
nữ ca sĩ|nam ca sĩ|ns|dv|mc|phóng viên|nhà hoạt động|tỉ phú|tỷ phú|á hậu|hoa hậu|nữ nhà báo|nhà văn nữ
cầu thủ|ngư dân|thuyền viên|công nhân|nông dân|cử tri|thiếu niên|nam sinh|nữ sinh|nhà sư|vua|hoàng đế|hoàng hậu
đối tượng|bị hại|người bị hại|bệnh nhân|nữ bệnh nhân|sản phụ|danh hài|nghệ sĩ hài|ca sỹ|nghệ sỹ|nhạc sỹ|hoạ sĩ
họa sỹ|bác sỹ|đạo diễn|biên kịch|nhiếp ảnh gia|siêu mẫu|nam vương|rapper|ông xã|bà xã|nữ nghệ sĩ|nam nghệ sĩ
danh ca|nữ danh ca|cô dâu|chú rể|võ sư|mục sư|nhà nghiên cứu
nhà sử học|nhà ngoại giao|nhà kinh tế học|nhà đầu tư|nhà vật lý|nhà hóa học|nhà sinh vật học|nữ tỷ phú|học giả
vợ|chồng|bạn trai|bạn gái|con trai|con gái|anh trai|em trai|chị gái|em gái|hôn phu|hôn thê
đại biểu|bạn|tskh|pgs.tskh|ks|ls|kts|kiến trúc sư|kiến trúc sư trưởng|phi công|cơ trưởng|chiến sĩ|trung sĩ|hạ sĩ
tác giả|quan chức|nhân viên|lễ tân|binh sĩ|sĩ quan|quân nhân|y tá|điều dưỡng|trọng tài|giám khảo|du khách
phạm nhân|tù nhân|hung thủ|kẻ tình nghi|phi hành gia|nhà vô địch
nhà tài phiệt|người dẫn chương trình|ảo thuật gia|thủ lĩnh|trùm
"""

# Organisation heads that make a whole organisation on their own.
COMPLETE_ORGS = """
bộ chính trị|ban bí thư|trung ương đảng|ban chấp hành trung ương|ban chấp hành trung ương đảng|quốc hội
chính phủ|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy|ubnd|hđnd|btv|ban thường vụ|mttq|liên hợp quốc
asean|ủy ban thường vụ quốc hội|văn phòng chính phủ|văn phòng trung ương đảng|ngân hàng nhà nước
kiểm toán nhà nước|ubkt|hđqt|bch|fifa|afc|vff|vpf|ioc|who|unesco|unicef|liên minh châu âu|eu|nato
nhà trắng|lầu năm góc|điện kremlin|liên hợp quốc|liên hiệp quốc|hạ viện|thượng viện|quốc hội mỹ|apec|asean
"""
# Heads that need a name after them: "Bộ Y tế", "Sở Giáo dục và Đào tạo", "Công ty ABC".
GENERIC_ORGS = """
ban|bộ|sở|ủy ban|ủy ban nhân dân|hội đồng|hội đồng nhân dân|mặt trận|tập đoàn|tổng công ty|công ty
ngân hàng|trường|đại học|học viện|viện|bệnh viện|câu lạc bộ|clb|liên đoàn|hội|đoàn|tòa án|tand
viện kiểm sát|vksnd|công an|bộ chỉ huy|bộ tư lệnh|quân khu|quân đoàn|văn phòng|cục|tổng cục|vụ|phòng
đảng bộ|chi bộ|tổng liên đoàn|báo|đài|đài truyền hình|thông tấn xã|quỹ|hiệp hội|trung tâm
ủy ban kiểm tra|ban quản lý|bql|sở gd&đt|thanh tra|kho bạc|tòa soạn|nhà xuất bản|đội tuyển|đội
cơ quan|đảng|ctcp|cty|công ty cp|công ty cổ phần|công ty tnhh|hợp tác xã|htx|ngân hàng tmcp|tổng cục|chi cục
"""

# Lower-case words that may sit inside an organisation name ("UBND tỉnh Nghệ An").
ORG_LOWER = """
tỉnh|thành phố|huyện|xã|phường|quận|thị xã|thị trấn|tp|nhân dân|quốc gia|trung ương|thường trực|cổ phần
trách nhiệm hữu hạn|tnhh|đội tuyển|bóng đá|quản trị|thường vụ|chấp hành|đảng bộ|đảng ủy|ủy ban
hội đồng|tỉnh ủy|thành ủy|huyện ủy|khóa|quân sự|biên phòng|đặc khu|miền|châu|bang|xóm|thôn|bản|tổ dân phố
cấp cao|tối cao
"""

PLACE_TYPES = {
    "tỉnh": "tỉnh",
    "thành phố": "thành phố",
    "tp": "thành phố",
    "tp.": "thành phố",
    "huyện": "huyện",
    "quận": "quận",
    "thị xã": "thị xã",
    "thị trấn": "thị trấn",
    "xã": "xã",
    "phường": "phường",
    "thôn": "thôn",
    "bản": "bản",
    "xóm": "xóm",
    "ấp": "ấp",
    "đặc khu": "đặc khu",
    "làng": "làng",
    "khu phố": "khu phố",
    "hạt": "hạt",
    "bang": "bang",
}

# Places that are safe to recognise bare (no "tỉnh"/"thành phố" before them) when capitalised.
COUNTRIES = """
Việt Nam|Mỹ|Hoa Kỳ|Pháp|Nga|Trung Quốc|Nhật Bản|Hàn Quốc|Triều Tiên|Lào|Campuchia|Thái Lan|Singapore
Malaysia|Indonesia|Philippines|Myanmar|Brunei|Timor-Leste|Ấn Độ|Australia|Úc|Canada|Cuba|Brazil
Argentina|Ukraine|Israel|Iran|Ai Cập|Nam Phi|Tây Ban Nha|Bồ Đào Nha|Hà Lan|Bỉ|Thụy Sĩ|Thụy Điển
Na Uy|Phần Lan|Ba Lan|Hungary|New Zealand|Mông Cổ|Đài Loan|Mexico|Chile|Ả Rập Xê Út|Thổ Nhĩ Kỳ
Palestine|Venezuela|Kazakhstan|Belarus|Séc|Áo|Đan Mạch|Hy Lạp|Italy|Qatar|Uzbekistan|Bangladesh
Italia|Nhật|Gruzia|Latvia|Litva|Estonia|Romania|Kenya|Lebanon|Syria|Iraq|Afghanistan|Pakistan|Saudi
Ả Rập Saudi|Sri Lanka|Nepal|Colombia|Peru|Ecuador|Bolivia|Uruguay|Paraguay|Nigeria|Ethiopia|Algeria|Maroc
Tunisia|Libya|Sudan|Somalia|Angola|Mozambique|Zimbabwe|Ghana|Senegal|Jordan|Kuwait|UAE|Oman|Yemen|Bahrain
Armenia|Azerbaijan|Moldova|Slovakia|Slovenia|Croatia|Serbia|Bosnia|Montenegro|Albania|Bulgaria|Iceland
Ireland|Scotland|Luxembourg|Monaco|Malta|Macedonia|Bắc Macedonia|Hi Lạp
Cộng hòa Séc|Hồng Kông|Hong Kong|Ma Cao|Gibraltar|Crimea|Kosovo
Greenland|Puerto Rico|Sao Tome và Principe|Liên Xô|Nam Ossetia|Abkhazia|Ả Rập|Tây Tạng|Tân Cương
Đông Nam Á|Trung Đông|Nam Mỹ|Bắc Mỹ|Mỹ Latinh|Tây Phi|Đông Âu|Tây Âu|Bắc Âu|Nam Á|Trung Á|Đông Á|Châu Á
Châu Âu|Châu Phi|Châu Mỹ|Biển Đông|Thái Bình Dương|Đại Tây Dương|Ấn Độ Dương|Bắc Băng Dương|Địa Trung Hải
Biển Đen|Biển Đỏ|Biển Hoa Đông|Biển Nhật Bản|Hoàng Sa|Trường Sa|Vịnh Bắc Bộ|Vịnh Thái Lan|Bắc Cực|Nam Cực
Washington|New York|London|Paris|Tokyo|Bắc Kinh|Bình Nhưỡng|Seoul|Moscow|Moskva|Berlin|Rome|Brussels|Bangkok
Manila|Jakarta|Kuala Lumpur|Viêng Chăn|Vientiane|Phnom Penh|Canberra|Sydney|Melbourne|Ottawa|Toronto
Los Angeles|San Francisco|Chicago|Boston|Istanbul|Ankara|Tehran|Baghdad|Damascus|Kiev|Kyiv|Jerusalem|Tel Aviv
Cairo|Dubai|Doha|Riyadh|New Delhi|Mumbai|Thượng Hải|Đài Bắc|Quảng Châu|Thâm Quyến|Osaka|Busan|Vladivostok
California|Texas|Florida|Virginia|Alabama|Oklahoma|Oregon|Hawaii|Alaska|New Jersey|Pennsylvania|Ohio
Michigan|Georgia|Arizona|Nevada|Geneva|Vienna|Madrid|Barcelona|Lisbon|Amsterdam|Stockholm|Oslo|Warsaw
Praha|Budapest|Athens|Havana|Mexico City|Brasilia|Buenos Aires|Caracas|Aleppo|Idlib|Mosul|Kabul|Islamabad
Czech|CH Czech|Arab Saudi|Saudi Arabia|Papua New Guinea|Guinea|Cameroon|Congo|Rwanda|Uganda|Tanzania|Zambia
Namibia|Madagascar|Mali|Haiti|Jamaica|Panama|Costa Rica|Honduras|Guatemala|Nicaragua|El Salvador|Fiji|Maldives
Bhutan|Tajikistan|Kyrgyzstan|Turkmenistan|Síp|Cyprus|Lithuania|Wales|Hollywood|Silicon Valley|Wall Street
"""
# Countries recognised only inside a position ("Thủ tướng Anh ..."): bare they are ordinary words.
TITLE_ONLY_COUNTRIES = "Anh|Đức|Ý|Liên bang Nga|Vương quốc Anh"
MAJOR_CITIES = (
    "Sài Gòn|TP.HCM|TPHCM|TP HCM|TP. HCM|Hội An|Nha Trang|Đà Lạt|Vũng Tàu|Hạ Long|Buôn Ma Thuột|Pleiku|Phú Quốc"
    "|Côn Đảo|Biên Hòa|Quy Nhơn|Phan Thiết|Rạch Giá|Mỹ Tho|Cam Ranh|Lý Sơn|Cồn Cỏ|Cát Bà|Bạch Long Vỹ"
)

# Vietnamese surnames, plus common surnames of transliterated Chinese names.
SURNAMES = """
nguyễn|trần|lê|phạm|hoàng|huỳnh|phan|vũ|võ|đặng|bùi|đỗ|hồ|ngô|dương|lý|đinh|đoàn|trịnh|trương|lâm
lương|lưu|mai|cao|hà|tạ|chu|châu|quách|thái|tống|la|kiều|khuất|lại|lò|lục|nông|hứa|giang|phùng|tiêu
thạch|danh|kim|âu|đào|vương|tôn|nghiêm|quan|triệu|tăng|mạc|lữ|tô|diệp|ưng|bạch|thiều|đàm|khổng
mẫn|bế|lã|lạc|vi|sầm|hầu|cù|tập|ôn|mao|uông|tưởng|khúc|cấn|phí|quế|đậu|thân|trình
giàng|sùng|thào|hờ|chảo|tẩn|quàng|cầm|lường|lù|phàn|kha
tòng|đèo|bạc|đới|doãn|ngụy|nguỵ|nhữ|giáp|khương|biện|lỗ|đổng|cồ|thiệu|tiết|vưu|sái|mã|ứng|hạng|thò
sình|từ|tất
ksor|siu|rmah|kpă|niê|êban|mlô|byă|bdap|hđơk
"""

# Words before a capitalised run that show it names a thing, not a person ("đường Trần Phú").
NOT_PERSON_BEFORE = """
đường|phố|ngõ|ngách|hẻm|trường|thpt|thcs|tiểu học|cầu|giải|quỹ|lăng|tượng|bảo tàng|di tích|nhà thờ|khu
công viên|chợ|cụm|tàu|sân|đại lộ|đại học|học viện|viện|giải thưởng|cúp|tỉnh|huyện|xã|phường|quận|tp
thành phố|thị xã|thị trấn|thôn|bản|xóm|ấp|sông|núi|đèo|hồ|đảo|chùa|đền|đình|phim|sách|tác phẩm|bài
công ty|tập đoàn|hãng|nhãn hiệu|thương hiệu|tuyến|bến|cảng|ga|sân bay|quảng trường|nhà hát|trung tâm
sân vận động|tượng đài|đa khoa|bệnh viện|nhà hàng|khách sạn
"""

# Given names that open foreign names in the press, so "Dave Majumdar" is a person without "ông".
FOREIGN_GIVEN_NAMES = """
john|james|robert|michael|william|david|richard|joseph|thomas|charles|christopher|daniel|matthew|anthony|mark
donald|steven|stephen|paul|andrew|joshua|kenneth|kevin|brian|george|timothy|ronald|edward|jason|jeffrey|ryan
jacob|gary|nicholas|eric|jonathan|larry|justin|scott|brandon|benjamin|samuel|gregory|frank|alexander|raymond
patrick|jack|dennis|jerry|tyler|aaron|jose|adam|henry|nathan|douglas|zachary|peter|kyle|walter|ethan|jeremy
harold|keith|christian|roger|noah|gerald|carl|terry|sean|austin|arthur|lawrence|jesse|dylan|bryan|joe|jordan
billy|bruce|albert|willie|gabriel|logan|alan|juan|wayne|roy|ralph|randy|eugene|vincent|russell|elijah|louis
bobby|philip|johnny|mary|patricia|jennifer|linda|elizabeth|barbara|susan|jessica|sarah|karen|nancy|lisa|betty
margaret|sandra|ashley|kimberly|emily|donna|michelle|dorothy|carol|amanda|melissa|deborah|stephanie|rebecca
sharon|laura|cynthia|kathleen|amy|shirley|angela|helen|anna|brenda|pamela|nicole|emma|samantha|katherine
christine|debra|rachel|catherine|carolyn|janet|ruth|maria|heather|diane|virginia|julie|joyce|victoria|olivia
kelly|christina|lauren|joan|evelyn|judith|megan|cheryl|andrea|hannah|martha|jacqueline|frances|gloria|ann
teresa|kathryn|sara|janice|jean|alice|madison|doris|abigail|julia|judy|grace|denise|amber|marilyn|beverly
danielle|theresa|sophia|marie|diana|brittany|natalie|isabella|charlotte|rose|alexis|kayla|hillary|bill|mike
ted|dave|fran|katie|jared|jeff|tom|tony|nick|steve|jim|bob|ben|sam|chris|matt|dan|alex|max|tim|rex|boris
vladimir|dmitry|sergei|sergey|igor|ivan|nikolai|alexei|alexey|mikhail|andrei|yuri|viktor|oleg|pavel|maria
angela|emmanuel|francois|jean|pierre|nicolas|jacques|marine|theresa|gordon|tony|justin|shinzo|taro|yoshihide
fumio|naruhito|akihito|benjamin|recep|bashar|hassan|mohammed|muhammad|ahmed|ali|abdullah|salman|salem|naeem
rodrigo|joko|najib|mahathir|anwar|lee|prayut|thaksin|yingluck|aung|narendra|imran|xi|hu|wen|li|jair|luis
carlos|pedro|manuel|antonio|francisco|javier|miguel|alberto|fernando|roberto|eduardo|sergio|mario|giorgio
giuseppe|matteo|massimiliano|silvio|federica|christos|alexis|kyriakos|angela|olaf|frank|walter|karl|heinz
hans|jürgen|klaus|wolfgang|helmut|gerhard|ursula|jens|mette|stefan|lars|erik|magnus|anders|sebastian|jair
cristiano|lionel|neymar|kylian|zinedine|jose|pep|jurgen|arsene|alex|wayne|harry|kane|mohamed|son|park
elon|jeff|mark|tim|sundar|satya|warren|bernie|nancy|kamala|mitch|chuck|rudy|rudolph|jared|ivanka|melania
adolf|theodor|theodore|jamal|omar|khalid|hamid|ibrahim|yusuf|abdul|tamim|fatima|aisha|leila|sophie|anne|daphne
salvador|jorge|diego|pablo|enrique|nicolas|volodymyr|petro|andriy|aleksandr|yulia|natalia|svetlana|olga|tatiana
irina|elena|ekaterina|meghan|kate|camilla|charles|aidan|hugh|neil|ian|graham|simon|oliver|jeremy|rishi|liz
don|rod|sally|sonny|dana|wilbur|betsy|kirstjen|mick|nikki|rand|ron|newt|rick|randall|gina|loretta|eric
vitaly|vitali|vasily|anatoly|gennady|nikolay|konstantin|valentina|valery|yevgeny|evgeny|maxim|denis|ruslan
nikki|michel|mitt|lindsey|marco|rand|devin|stormy|maxine|pete|jay|kellyanne|reince|barack|javad|mohammad|mahmoud
abdel|haider|dmitri|ramzan|sergio|jens|heiko|sigmar|horst|annegret|friedrich|beatrix|willem|mark|jacinda
scott|malcolm|kevin|julia|tony|justin|stephen|chrystia|andrés|manuel|enrique|evo|nicolás|hugo|juan|raul
fidel|miguel|dilma|michel|mauricio|cristina|sebastián|ivan|gustavo|rafael|lenín|martin|boris|theresa|gordon
angelina|brad|otto|miley|kanye|evan|marc|josh|harvey|howard|leonard|marcus|oscar|rupert|stuart|trevor|wesley|derek
glenn|greg|ross|lance|luke|mitchell|nigel|rob|todd|travis|allison|alison|amelia|audrey|britney|caitlin|carla|carrie
cindy|claire|clara|courtney|debbie|eleanor|ellen|elaine|emilia|erin|eva|gwen|jane|jenny|jodie|judi|kristen|leah
lindsay|lucy|melinda|miranda|molly|monica|naomi|nina|paula|selena|serena|sheryl|tina|tracy|vanessa|wendy|whitney
yvonne|zoe|oprah|barron|maksim|oksana|leonid|arkady|grigory|kirill|nikita|stanislav|vadim|valentin|vyacheslav
yaroslav|darya|galina|larisa|lyudmila|nadezhda|tamara|yelena|aleksei|andrey|oleksandr|vitaliy|yuriy|taras|osama
anis|muammar|mahmud|ayman|faisal|jassim|khaled|saeed|tariq|walid|yasser|turki|adel|hosni|marwan|nabil|qasem|talal
yousef|youssef|siti|rosmah|azmin|muhyiddin|prabowo|megawati|susilo|retno|prawit|rahul|sonia|indira|amit|arun|ashok
deepak|manmohan|pranab|priyanka|rajiv|sanjay|sunil|sushma|vijay|vikram|arvind|nirmala|alejandro|andres|camila|cesar
emilio|felipe|gabriela|ignacio|lucia|marcelo|mateo|paolo|luca|giovanni|francesco|lorenzo|alessandro|stefano|giulia
chiara|luigi|carlo|françois|laurent|olivier|thierry|didier|gilles|guillaume|christophe|dominique|philippe|yves
xavier|benoit|benoît|sébastien|brigitte|nathalie|valérie|isabelle|céline|markus|andreas|matthias|christoph|dieter
florian|günter|gunter|manfred|norbert|rainer|reinhard|ulrich|uwe|werner|sabine|petra|heike|katrin|claudia|henrik
johan|jonas|kristian|nils|sven|ingrid|greta
barry|bradley|calvin|cameron|clint|colin|craig|curtis|darren|dwight|edgar|elliott|elliot|floyd|franklin|fred
freddie|herbert|jimmy|joel|jon|kurt|leon|lewis|lloyd|marvin|melvin|milton|morris|norman|owen|perry|reggie|ricky
rodney|roland|rudy|sidney|stanley|tommy|vernon|victor|wallace|abby|adele|agnes|alicia|angie|annie|beth|bonnie
carmen|caroline|colleen|connie|darlene|dolores|edith|eileen|ella|ellie|erica|erika|esther|fiona|gail|helena|irene
jackie|jasmine|jeanne|jill|joanna|jodi|josephine|joanne|katy|kristin|kristina|lara|laurie|lena|leslie|lillian|lois
lorraine|louise|lynn|maggie|marcia|margot|marian|marion|marjorie|maureen|melanie|miriam|nora|norma|pauline|peggy
phyllis|priscilla|rachael|regina|renee|rita|roberta|rosa|rosemary|sabrina|sandy|shannon|sheila|sherry|sonya|sylvia
tanya|tara|tracey|vera|veronica|vicki|vivian|yolanda|saddam|ilham|nursultan|kassym|emomali|shavkat|zoran
milos|andrej|janez|jaroslaw|mateusz|andrzej|beata|ewa|agnieszka|tomasz|piotr|krzysztof|marek|vaclav|zuzana|juraj
mevlut|ahmet|mehmet|binali|hulusi|ekrem|kemal|hakan|burak|emine|mohsen|abbas|qassem|hossein|ebrahim|masoud
massoud|reza|amir|jusuf|susi|budi|agus|bambang|hishammuddin|khairy|mohd|noor|somchai|thanathorn|abhisit
surachai|anutin|narongsak|teodoro|imelda|ferdinand|benigno|delfin|manny|sabina|franco|roman|philipp|zhang|wang
liu|chen|zhao|huang|zhou|guo|zheng|liang|xie|deng|xiao|jiang
"""
# Last words of organisation names written in English: "Phnom Penh Post" is a paper, not a person.
ENGLISH_ORG_WORDS = frozenset(
    {"post", "times", "news", "daily", "journal", "airlines", "airways", "group", "bank", "inc", "corp", "company",
     "agency", "institute", "university", "club", "fc", "united", "city", "today", "herald", "tribune", "press",
     "review", "magazine", "network", "foundation", "fund", "capital", "holdings", "motors", "energy", "gas",
     "media", "tv", "radio", "online", "express", "monitor", "insider", "interest", "policy", "watch", "mail",
     "guardian", "telegraph", "independent", "economist", "bloomberg", "standard", "observer", "chronicle", "gazette",
     "model", "air", "airline", "pharma", "mobile", "idol", "state", "finance", "auctions", "auction", "lines",
     "systems", "technologies", "technology", "studios", "studio", "entertainment", "records", "pictures", "sports",
     "international", "partners", "securities", "investment", "investments", "resources", "solutions", "services",
     "labs", "games", "research", "insurance", "logistics", "petroleum", "oil", "steel", "electronics", "telecom",
     "communications", "association", "council", "center", "centre", "society", "league", "party", "academy",
     "college", "school", "hospital", "museum", "hotel", "resort", "exchange", "ventures", "enterprises",
     "industries", "corporation", "limited", "ltd", "llc", "plc", "gmbh", "weekly", "channel",
     "broadcasting", "star", "mirror", "globe", "courier", "wire", "report", "reports", "foods", "food",
     "brands", "stores", "airport", "bureau", "commission", "committee", "organization", "organisation", "mining",
     "tech", "land", "homes", "mart", "pay", "coin", "logistic", "motor", "beverage", "cosmetics"}
)
KOREAN_SURNAMES = frozenset(
    {"kim", "moon", "park", "lee", "ri", "choi", "baik", "yoon", "chung", "jang", "kang", "cho", "han", "shin",
     "jung", "yoo", "lim", "kwon", "song", "hwang", "ahn", "oh", "seo", "jeon", "ban", "pak", "choe"}
)

ABBREVIATION = re.compile(r"^[A-ZĐ0-9&.]{2,}$")


def split_list(text: str) -> list[str]:
    return [item.strip() for item in _SPLIT.split(text) if item.strip()]


@functools.cache
def titles() -> PhraseSet:
    return PhraseSet(_title_phrases())


@functools.cache
def honorifics() -> PhraseSet:
    return PhraseSet(split_list(HONORIFICS_TEXT))


@functools.cache
def org_heads() -> PhraseSet:
    heads = PhraseSet([])
    for phrase in split_list(COMPLETE_ORGS):
        heads.add(phrase, value="complete")
    for phrase in split_list(GENERIC_ORGS):
        heads.add(phrase, value="generic")
    return heads


@functools.cache
def org_lower() -> PhraseSet:
    return PhraseSet(split_list(ORG_LOWER))


@functools.cache
def generic_org_parts() -> tuple[frozenset[str], frozenset[str]]:
    """Folded generic organisation heads, and the words that follow them without naming anything ("Văn phòng",
    "Hợp tác xã", "HĐQT", "Công ty CP" name no one body)."""
    # A bare investigating agency ("Cơ quan CSĐT") exists in every police unit: it names one only with its unit.
    heads = [*split_list(GENERIC_ORGS), "hđqt", "tỉnh", "ban chấp hành", "viện ksnd", "viện kiểm sát nhân dân",
             "tòa án nhân dân", "toà án nhân dân", "cơ quan cảnh sát điều tra", "cơ quan csđt",
             "cảnh sát điều tra", "cơ quan an ninh điều tra", "cơ quan điều tra", "csđt",
             # the boards of any body: "Hội đồng quản trị", "Ban Giám đốc", "Ban Tổ chức" alone name none
             "hội đồng quản trị", "hội đồng thành viên", "ban giám đốc", "ban giám hiệu", "ban lãnh đạo",
             "ban điều hành", "ban tổ chức", "ban kiểm soát"]
    # School levels too: "Trường ĐH", "Trường THPT" name no one school.
    fillers = ["cổ phần", "cp", "tnhh", "mtv", "các", "này", "đó", "đh", "cđ", "thpt", "thcs", "đại học", "cao đẳng",
               "tiểu học", "mầm non"]
    return (frozenset(" ".join(fold(w) for w in phrase.split()) for phrase in heads),
            frozenset(fold(word) for phrase in fillers for word in phrase.split()))


@functools.cache
def whole_orgs() -> PhraseSet:
    return PhraseSet(split_list(WHOLE_ORGS))


@functools.cache
def known_orgs() -> PhraseSet:
    """Agencies, papers, international bodies and firms named bare; value "weak" for ordinary English words."""
    weak = set(split_list(KNOWN_ORGS_WEAK))
    known = PhraseSet([])
    for name in split_list(KNOWN_ORGS):
        known.add(name, value="weak" if name in weak else "known")
    for name in weak:
        known.add(name, value="weak")
    return known


@functools.cache
def known_org_spellings() -> frozenset[str]:
    return frozenset(split_list(KNOWN_ORGS)) | frozenset(split_list(KNOWN_ORGS_WEAK))


@functools.cache
def open_field_words() -> frozenset[str]:
    return frozenset(key_of(phrase) for phrase in split_list(OPEN_FIELD_WORDS))


@functools.cache
def media_descriptors() -> PhraseSet:
    return PhraseSet(split_list(MEDIA_DESCRIPTORS))


@functools.cache
def foreign_given_names() -> frozenset[str]:
    return frozenset(name.lower() for name in split_list(FOREIGN_GIVEN_NAMES))


@functools.cache
def domain_words() -> frozenset[str]:
    return frozenset(key_of(syllable) for phrase in split_list(DOMAIN_WORDS) for syllable in phrase.split())


@functools.cache
def org_stop_words() -> PhraseSet:
    return PhraseSet(split_list(ORG_STOP_WORDS))


@functools.cache
def place_types() -> PhraseSet:
    types = PhraseSet([])
    for phrase, kind in PLACE_TYPES.items():
        types.add(phrase, value=kind)
    return types


@functools.cache
def not_person_before() -> PhraseSet:
    return PhraseSet(split_list(NOT_PERSON_BEFORE))


@functools.cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = split_list(SURNAMES)
    return frozenset(key_of(n) for n in names), frozenset(fold(n) for n in names)


def _underthesea_dir() -> Path | None:
    """The folder of the installed underthesea package, found without importing it (its import, models and all,
    costs a third of a second of CPU to every process that only wants this data file)."""
    import importlib.util

    spec = importlib.util.find_spec("underthesea")
    if spec is None or spec.origin is None:  # pragma: no cover - underthesea is a hard dependency
        return None
    return Path(spec.origin).resolve().parent


@functools.cache
def _address_data() -> dict:
    base = _underthesea_dir()
    path = base / "address" / "data" / "mapping.json" if base else None
    if path is None or not path.exists():
        logger.warning("underthesea address gazetteer not found; only built-in places are known")
        return {}
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def bare_places() -> PhraseSet:
    """Provinces (the 34 since 2025 and the 63 before, :mod:`provinces`), countries, regions, seas and
    major cities: value is the kind of place."""
    places = PhraseSet([])
    for name, kind in provinces.all_spellings():
        # "Hồ Chí Minh" bare is usually the person; the city comes with "TP"/"thành phố".
        if name != "Hồ Chí Minh":
            places.add(name, value=kind)
    for country in split_list(COUNTRIES):
        places.add(country, value="quốc gia")
    for city in split_list(MAJOR_CITIES):
        places.add(city, value="thành phố")
    return places


@functools.cache
def title_places() -> PhraseSet:
    """Places that may appear right after a title: bare places plus the ambiguous countries."""
    places = PhraseSet([])
    places.update(bare_places())
    for country in split_list(TITLE_ONLY_COUNTRIES):
        places.add(country, value="quốc gia")
    return places


_ADMIN_PREFIX = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+", re.IGNORECASE)


@functools.cache
def local_places() -> PhraseSet:
    """Names of districts and wards (without "huyện"/"xã"), used after a place-type word only."""
    places = PhraseSet([])
    data = _address_data()
    seen: set[str] = set()  # 53,000 names in the mapping, 9,400 different: each one added once
    for record in data.get("ward_mapping", []):
        for field in ("old_district", "old_ward", "new_ward", "old_province", "new_province"):
            written = record.get(field) or ""
            if written in seen:
                continue
            seen.add(written)
            name = _ADMIN_PREFIX.sub("", written)
            if name:
                places.add(name, value="local")
    places.update(bare_places())
    places.add("Hồ Chí Minh", value="tỉnh/thành phố")
    return places


@functools.cache
def eponyms() -> PhraseSet:
    """Names of people that organisations and places carry ("Đoàn TNCS Hồ Chí Minh")."""
    return PhraseSet(["Hồ Chí Minh"])


@functools.cache
def word_list() -> PhraseSet:
    """Multi-syllable Vietnamese words (underthesea's Viet74K list), to join "Tổ" + "chức"."""
    words = PhraseSet([])
    base = _underthesea_dir()
    path = base / "corpus" / "data" / "Viet74K.txt" if base else None
    if path is None or not path.exists():
        logger.warning("underthesea word list not found; organisation names may be cut short")
        return words
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if " " in line and line.count(" ") <= 3:
                words.add(line, value=True)
    return words
