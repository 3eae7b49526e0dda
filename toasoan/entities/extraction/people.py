"""People: names after positions and honorifics, bare full names, names already found."""

from __future__ import annotations

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.positions import _RANKS, _Positions
from toasoan.entities.extraction.tokens import (
    _DASHES,
    _MAX_NAME,
    _SCHOOL_WORDS,
    _is_foreign,
    _RunInfo,
)
from toasoan.entities.extraction_types import Mention, Person, Position
from toasoan.entities.lexicon import PhraseSet
from toasoan.entities.syllables import looks_vietnamese

# Honorifics that are also words for groups: "nông dân Yên Thành" are the farmers of a district.
_GROUP_WORDS = frozenset({
    "nông", "nong", "ngư", "ngu", "công", "cong", "cử", "cu", "học", "hoc", "sinh", "giáo", "giao", "thí", "thi",
    "vận", "van", "tuyển", "tuyen", "thiếu", "thieu", "nam", "nữ", "nu", "hành", "hanh", "thuyền", "thuyen",
})
# Words for performers that start like a group word ("nam", "nữ"): "nam diễn viên Thanh Bình" is a stage name.
_PERFORMER_WORDS = frozenset({"nam dien vien", "nu dien vien", "nam ca si", "nu ca si", "nam nghe si", "nu nghe si",
                              "nu danh ca", "nam ca sy", "nu ca sy"})
# Verbs of saying after a name: a two-syllable name before them is a person ("Trấn Thành nói rằng").
_SPEECH_VERBS = PhraseSet([
    "nói", "cho biết", "cho hay", "chia sẻ", "xác nhận", "khẳng định", "tiết lộ", "thừa nhận", "bày tỏ", "trả lời",
    "tâm sự", "thổ lộ", "bật mí", "giải thích", "cho rằng", "nhận xét", "kể lại", "kể", "nhớ lại", "thú nhận",
])
# What only people do, after a stage name of two syllables ("Nhã Phương lên tiếng", "Duy Mạnh phản pháo").
_DOER_VERBS = PhraseSet([
    "lên tiếng", "phản pháo", "trải lòng", "đính chính", "giãi bày", "phủ nhận", "hé lộ", "cảm ơn", "xin lỗi",
    "bật khóc", "khoe", "than thở", "kết hôn", "đăng quang",
])
# First words of buildings and offices named like people: "Nhà Xanh cho biết" is the Korean presidency.
_THING_HEADS = frozenset({"Nhà", "Phủ", "Tòa", "Toà", "Điện", "Dinh", "Cung", "Đền", "Chùa", "Làng", "Phố", "Chợ",
                          "Truyện", "Chuyện", "Bài", "Phim", "Sách", "Lễ", "Tết", "Hội", "Giải", "Cúp", "Xóm", "Người"})
# Roles held by a person in sport: a name after them is never a commune ("HLV Ngọc Sơn").
_ROLE_TITLES = frozenset({"hlv", "huấn luyện viên", "huan luyen vien", "tiền đạo", "tien dao", "tiền vệ", "tien ve",
                          "hậu vệ", "hau ve", "thủ môn", "thu mon", "thủ quân", "thu quan", "hlv trưởng"})
# Countries written with one syllable before a name ("Tổng thống Hàn Moon Jae-in"), which are also surnames.
_SHORT_COUNTRIES = frozenset({"Hàn", "Nhật", "Triều", "Trung", "Mỹ", "Nga", "Pháp", "Anh", "Đức", "Úc", "Ý"})
# Titles of people who serve another office-holder ("thư ký Tổng thống"): a name after that office is the holder's.
_SERVING_TITLES = frozenset({"nguoi phat ngon", "phat ngon vien", "thu ky", "thu ky bao chi",
                             "dac phai vien", "tro ly", "co van"})
# Words before a title that say it is not held: "ứng cử viên tổng thống Mỹ Hillary Clinton".
_NOT_HELD_BEFORE = PhraseSet(["ứng cử viên", "ứng viên", "ứng cử", "tranh cử", "ung cu vien", "ung vien"])
# English words the press writes capitalised before a name in headlines: not a relative's given name.
_LOAN_WORDS = frozenset({
    "video", "clip", "photo", "team", "show", "fan", "fans", "game", "live", "style", "tour", "top", "hot", "world",
    "cup", "club", "channel", "news", "online", "vs", "trailer", "mv", "album", "single", "tweet", "twitter",
})


class _People(_Positions):
    # --- people ---------------------------------------------------------------------------------
    def _add_person(self, a: int, b: int, positions: list[Position]) -> None:
        for k in range(a, b):
            self.used[k] = True
        name = self._span(a, b)
        key = fold(name)
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = Person(name=name)
        person.mentions.append(self._mention(a, b))
        seen = {fold(p.text) for p in person.positions}
        for position in positions:
            if fold(position.text) not in seen:
                seen.add(fold(position.text))
                person.positions.append(position)

    def _name_after_honorific(self, h_end: int) -> tuple[int, int] | None:
        if h_end + 1 < self.n and self.tokens[h_end].key in ("người", "nguoi") and self._match(
            lexicon.title_places(), h_end + 1
        ):
            h_end += 1  # "tỷ phú người Nhật | Yusaku Maezawa"
        if not self._name_like(h_end):
            return None
        end = self._run_end[h_end]
        length = end - h_end
        before = self.tokens[h_end - 1]
        if before.cap and any(
            (found := self._match(places, h_end - 1)) and found[0] > h_end
            for places in (lexicon.bare_places(), lexicon.local_places())
        ):
            return None  # "tàu ngầm Bà Rịa Vũng Tàu", "chợ Bà Chiểu": a place that starts like an honorific
        info = self._run(h_end)
        if self._title_at(h_end) is not None or self._match(lexicon.known_orgs(), h_end) or (
            fold(self.tokens[end - 1].text) in lexicon.ENGLISH_ORG_WORDS
        ) or (end - h_end <= 3 and all(_is_foreign(t) for t in self.tokens[h_end:end]) and any(
            fold(t.text) in lexicon.ENGLISH_ORG_WORDS for t in self.tokens[h_end:end]
        )):
            return None  # "nhân viên Vietnam Airlines", "phóng viên Reuters", "phi công Air Canada": their employer
        if self._match(lexicon.org_heads(), h_end) and not (
            info.vietnamese == (h_end, end) and length >= 3  # "ông Đoàn Ngọc Hải": a surname, not a delegation
        ) and not (
            self.tokens[h_end].key == "trường" and length == 2 and self.tokens[h_end + 1].key not in _SCHOOL_WORDS
        ):  # "diễn viên Trường Giang": no school without a school word
            return None
        if info.vietnamese and info.vietnamese[0] == h_end:
            return info.vietnamese
        if self._is_surname(h_end) and length <= _MAX_NAME:
            return h_end, end
        if info.places and info.places[0][0] == h_end and not self._country_then_given(h_end, end, info):
            place_end = info.places[0][1]
            if info.foreign and info.foreign[0] == place_end and 2 <= end - place_end <= 3 and all(
                _is_foreign(t) for t in self.tokens[place_end:end]
            ):
                return info.foreign  # "nhà khoa học Trung Quốc Qiu Xiangguo": a foreign name after the country
            return None
        if length == 1:
            return (h_end, end) if _is_foreign(self.tokens[h_end]) else None
        if length <= 3 or (length <= 5 and any(t in self._joined for t in range(h_end + 1, end - 1))):
            return h_end, end  # "ông Jassim bin Saif al-Sulaiti"
        return None

    def _scan_people(self) -> None:
        i = 0
        tokens = self.tokens
        titles, honorifics = lexicon.titles(), lexicon.honorifics()
        while i < self.n:
            token = tokens[i]
            if not token.word or self.used[i]:
                i += 1
                continue
            if not token.cap and not (
                token.key in (titles.first_folded if token.folded else titles.first_exact)
                or token.key in (honorifics.first_folded if token.folded else honorifics.first_exact)
            ):
                i += 1  # a lower-case word that opens no title and no honorific: none of the three rules below
                continue
            # "Position Name" (possibly several positions, possibly "..., ông Name").
            title_end = self._title_at(i)
            if title_end is not None and self._serves_title_at(i, title_end):
                i = title_end  # "Phát ngôn viên Tổng thống Duterte": the name is the president's, not the spokesman's
                continue
            if (
                title_end is not None
                and not self._blocked_before(i, lexicon.not_person_before())
                and not self._inside_org_head(i)
            ):
                end, positions, named = self._chain(i, foreign=True)
                if self._blocked_before(i, _NOT_HELD_BEFORE):
                    positions = []  # "ứng cử viên tổng thống Mỹ Hillary Clinton": a person, not a president
                if named:
                    name = self._name_at(end, foreign=True)
                    if name:
                        more_end, more = self._positions_after(name[1], title_first=True)
                        self._add_person(name[0], name[1], positions + more)
                        i = max(more_end, name[1])
                        continue
                ranked = self._ranked_short_name(positions) if not named else None
                if ranked is not None:
                    self._add_person(ranked[0], ranked[0] + 1, ranked[1])  # "Trung tá Đức": a man, not Germany
                    i = max(end, ranked[0] + 1)
                    continue
                # "…của Chủ tịch UBND tỉnh, ông X sẽ…": the position is the object of "của", not X's.
                if end < self.n and positions and not (i > 0 and tokens[i - 1].key in ("của", "cua")):
                    comma = tokens[end].text == ","
                    honorific = self._match(lexicon.honorifics(), end + 1 if comma else end)
                    name = self._name_after_honorific(honorific[0]) if honorific else (
                        self._apposed_name(end + 1) if comma else None
                    )
                    if name:
                        more_end, more = self._positions_after(name[1], title_first=not honorific)
                        self._add_person(name[0], name[1], positions + more)
                        i = max(more_end, name[1])
                        continue
                i = max(end, i + 1)
                continue
            # "ông Name", "đồng chí Name - Position"; not a word inside a name ("Nguyễn Huỳnh Anh Lâm").
            honorific = self._match(lexicon.honorifics(), i) if self._run_start[i] == i else None
            if honorific:
                name = self._name_after_honorific(honorific[0])
                if name and self._group_of_a_place(i, name):
                    name = None  # "nông dân Yên Thành", "học sinh Kỳ Sơn": the people of a place
                if name:
                    more_end, more = self._positions_after(name[1])
                    self._add_person(name[0], name[1], more)
                    i = max(more_end, name[1])
                    continue
                i = honorific[0]
                continue
            # "Name - Position", "Name (Position)", "Name, Position,".
            if token.cap and self._run_start[i] == i:
                r = self._run_end[i]
                name = self._listed_name(i, r)
                if name:
                    more_end, more = self._positions_after(r)
                    if more:
                        self._add_person(name[0], name[1], more)
                        i = more_end
                        continue
            i += 1

    def _ranked_short_name(self, positions: list[Position]) -> tuple[int, list[Position]] | None:
        """A rank followed by one given name that the chain read as the rank's qualifier ("Trung tá Đức, Phó Trưởng
        Công an huyện"): (token of the name, the chain's positions with the rank alone as written), or None. The
        name is a short form, resolved to the full name the article gives or else no record
        (:mod:`toasoan.entities.identity`)."""
        for index, position in enumerate(positions):
            if position.organisation is not None or len(position.text.split()) != len(position.title.split()) + 1 or (
                fold(position.title) not in _RANKS
            ):
                continue  # (cheap tests first: the token search below is rare)
            k = next((t for t in range(self.n) if self.tokens[t].end == position.mention.end), None)
            first = next((t for t in range(self.n) if self.tokens[t].start == position.mention.start), None)
            if k is None or first is None or not self._given_after_rank(first, k, k + 1):
                continue
            rank = Position(text=position.title, title=position.title, organisation=None,
                            mention=Mention(start=position.mention.start, end=self.tokens[k - 1].end,
                                            sentence=position.mention.sentence))
            return k, [*positions[:index], rank, *positions[index + 1:]]
        return None

    def _serves_title_at(self, i: int, title_end: int) -> bool:
        """A title of someone who serves another office-holder, followed by that office ("thư ký báo chí (của) Tổng
        thống", "người phát ngôn Thủ tướng")."""
        if fold(self._span(i, title_end)) not in _SERVING_TITLES:
            return False
        of = title_end < self.n and self.tokens[title_end].key in ("của", "cua")
        k = title_end + 1 if of else title_end
        inner = self._title_at(k) if k < self.n else None
        if inner is None:
            return False
        # Without "của", only a bare office before the name: "phát ngôn viên Tổng thống Philippines Salvador Panelo"
        # is the spokesman.
        return of or (self._name_like(inner) and self._name_at(inner, foreign=True) is not None)

    def _apposed_name(self, k: int) -> tuple[int, int] | None:
        """A whole name between commas after a position: "Đại sứ Trung Quốc tại Damascus, Qi Qianjin, cho biết"."""
        if not self._name_like(k) or self._run_start[k] != k:
            return None
        name = self._name_at(k, foreign=False) or self._run(k).foreign
        end = self._run_end[k]
        if not name or name != (k, end) or end >= self.n or self.tokens[end].text not in (",", ")"):
            return None
        if any(self.used[k:end]) or self._run(k).places:
            return None
        return name

    def _inside_org_head(self, i: int) -> bool:
        """"Tư lệnh" in "Bộ Tư lệnh": a title word that is part of an organisation's head."""
        for a in range(max(0, i - 2), i):
            head = self._match(lexicon.org_heads(), a)
            if head and head[0] > i and self.tokens[a].cap:
                return True
        return False

    def _name_at(self, k: int, *, foreign: bool) -> tuple[int, int] | None:
        info = self._run(k)
        if info.vietnamese and info.vietnamese[0] == k:
            return info.vietnamese
        if foreign and info.foreign and info.foreign[0] == k:
            if self._highland_place_after_body(k, info.foreign[1]):
                return None  # "Bí thư Huyện uỷ | Krông Pắk": a district of the highlands, in Vietnamese letters
            return info.foreign
        if foreign and info.foreign and info.foreign[0] == k + 1 and self.tokens[k].text in _SHORT_COUNTRIES and (
            self._is_given_name(k + 1)
        ):
            return info.foreign  # "Tổng thống Hàn | Moon Jae-in": a country written short before the name
        if foreign:
            return self._titled_name(k)
        return None

    def _titled_name(self, k: int) -> tuple[int, int] | None:
        """Right after a title, two or three capitalised words that are no place, organisation or
        Vietnamese word are a name too ("Thủ tướng Hun Sen")."""
        end = self._run_end[k]
        if not 2 <= end - k <= 3 or not self._name_like(k):
            return None
        if self._country_then_given(k, end, self._run(k)):
            return k, end  # "HLV Đức Trí", "ca sĩ Mỹ Tâm"
        for t in range(k, end):
            if self._match(lexicon.title_places(), t) or self._match(lexicon.org_heads(), t):
                return None
        word = self._match(lexicon.word_list(), k)
        if word and word[0] > k + 1:
            return None
        local = self._match(lexicon.local_places(), k)
        if local and local[0] >= end and not self._role_before(k):
            return None  # "Bí thư Huyện ủy | Kỳ Sơn": a district, not a name (but "HLV Ngọc Sơn" coaches no commune)
        if fold(self.tokens[end - 1].text) in lexicon.ENGLISH_ORG_WORDS:
            return None
        return k, end

    def _role_before(self, k: int) -> bool:
        """A sports or stage role right before ``k`` ("HLV", "tiền đạo"): what follows is a person, never a place."""
        keys = [t.key for t in self.tokens[max(0, k - 3) : k]]
        return any(" ".join(keys[-size:]) in _ROLE_TITLES for size in (1, 2, 3) if len(keys) >= size)

    def _group_of_a_place(self, i: int, name: tuple[int, int]) -> bool:
        found = self._match(lexicon.local_places(), name[0])
        if self.tokens[i].key not in _GROUP_WORDS or not (found and found[0] == name[1]):
            return False
        # "nam diễn viên Thanh Bình", "nữ ca sĩ X": a performer's stage name, not the people of a place
        return fold(self._span(i, name[0])) not in _PERFORMER_WORDS

    def _country_then_given(self, a: int, b: int, info: _RunInfo) -> bool:
        """Two or three Vietnamese syllables, some of them one-word countries, not all: after a word for a person,
        "Đức Vũ", "Mỹ Tâm", "Nhật Kim Anh" are names ("Anh Theresa May", "Nhật Bản", "Anh Pháp" are not)."""
        if self._run_start[a] != a or self._run_end[a] != b or not 2 <= b - a <= 3:
            return False
        if not info.places or any(end != start + 1 for start, end in info.places) or len(info.places) == b - a:
            return False
        return all(looks_vietnamese(self.tokens[t].text) and not _is_foreign(self.tokens[t]) for t in range(a, b))

    def _listed_name(self, i: int, r: int) -> tuple[int, int] | None:
        if r >= self.n:
            return None
        after = self.tokens[r].text
        if not (after in _DASHES or after in ("(", ",")) or self._title_at(r + 1) is None:
            return None
        info = self._run(i)
        if info.vietnamese:
            return info.vietnamese
        if info.foreign and r - info.foreign[0] <= 3 and (
            after != "," or self._is_given_name(info.foreign[0]) or self._foreign_name(info.foreign[0], r)
        ):
            return info.foreign
        return None

    def _scan_bare_people(self) -> None:
        blockers = lexicon.not_person_before()
        i = 0
        while i < self.n:
            if not self.tokens[i].cap or self._run_start[i] != i or self.used[i]:  # (i < n: _name_like)
                i += 1
                continue
            r = self._run_end[i]
            info = self._run(i)
            if self.in_position[i]:
                # "Liên Hợp Quốc Nikki Haley": a foreign name after an organisation the run starts with
                name = info.foreign
                if name and name[0] > i and self._is_given_name(name[0]) and not any(
                    self.used[k] or self.in_position[k] for k in range(*name)
                ):
                    self._add_person(name[0], name[1], [])
                elif (name := self._name_after_places(info, i, r)) and not any(self.in_position[name[0] : name[1]]):
                    self._add_person(name[0], name[1], [])  # "ông chủ Vingroup Phạm Nhật Vượng"
                i = r
                continue
            taken = any(self.used[k] for k in range(i, r))
            # "Kim Jong-un": a surname shared with Vietnamese before a foreign given name is a foreign name.
            vietnamese = info.vietnamese
            if vietnamese and any(_is_foreign(self.tokens[k]) for k in range(*vietnamese)):
                vietnamese = None
            if not taken and vietnamese and vietnamese[0] == i and self._given_places_only(info, i, r):
                length = r - i
                if (length >= 3 or self._age_after(r)) and not self._blocked_before(i, blockers) and not (
                    self._after_at(i)
                ):
                    self._add_person(i, r, [])
            elif (
                not taken
                and vietnamese is None
                and info.foreign
                and self._is_given_name(info.foreign[0])
                and not self._blocked_before(info.foreign[0], blockers)
                and not self._after_at(info.foreign[0])
                and not self._ends_as_a_place_or_body(info.foreign[1])
            ):
                self._add_person(info.foreign[0], info.foreign[1], [])
            elif not taken and (name := self._name_after_places(info, i, r)) and not self._blocked_before(i, blockers):
                self._add_person(name[0], name[1], [])  # "người đồng cấp Việt Nam Ngô Xuân Lịch"
            elif not taken and (name := self._foreign_after_country(info, i, r)):
                self._add_person(name[0], name[1], [])  # "người đồng cấp Thổ Nhĩ Kỳ Tayyip Erdogan"
            elif not taken and self._speaker(i, r) and not self._blocked_before(i, blockers):
                self._add_person(i, r, [])
            elif (
                not taken and vietnamese is None and self._foreign_name(i, r) and not self._blocked_before(i, blockers)
                and (
                    self._age_after(r) or self._match(_SPEECH_VERBS, r) or self._described(i, r)
                    or self._quoted_speaker(i, r)
                )
            ):
                # "Ichiro Kojima (22 tuổi)", "Berit Reiss cho biết", "chuyên gia quân sự Jennings Brown",
                # "Thierry Bordelais, anh trai của…"
                self._add_person(i, r, [])
            i = r

    def _name_after_places(self, info: _RunInfo, i: int, r: int) -> tuple[int, int] | None:
        """A full Vietnamese name of three or four words that ends a run after countries or provinces: "Trung Quốc
        Trương Nghệ Hưng", "Thanh Hoá Trần Vũ Quỳnh Anh" (a person of that place)."""
        name = info.vietnamese
        if not name or name[1] != r or name[1] - name[0] < 3 or name[0] <= i or any(self.used[name[0] : r]):
            return None
        if any(_is_foreign(self.tokens[k]) for k in range(*name)):
            return None
        return name if _end_of_places(info, i) == name[0] else None

    def _foreign_after_country(self, info: _RunInfo, i: int, r: int) -> tuple[int, int] | None:
        """A foreign name of two or three words that ends a run after countries, right after "người đồng cấp" or a word
        for a person: "người đồng cấp Thổ Nhĩ Kỳ Tayyip Erdogan", "ngoại trưởng… bà đồng cấp Anh Theresa May"."""
        name = info.foreign
        if not name or name[1] != r or name[0] <= i or not self._foreign_name(name[0], r):
            return None
        if _end_of_places(info, i) != name[0]:
            return None
        peer = i >= 2 and (self.tokens[i - 2].key, self.tokens[i - 1].key) in (("đồng", "cấp"), ("dong", "cap"))
        return name if peer or self._described(i, i) else None

    def _quoted_speaker(self, a: int, b: int) -> bool:
        """A name right after a quotation and a comma, described after it: '"…", Johannes Bruwer, người đứng đầu đoàn…',
        '"…", Anand Kumar - một quan chức…' (not '"…", Daily Beast đưa tin')."""
        if a < 2 or self.tokens[a - 1].text != "," or self.tokens[a - 2].text not in ('"', "”"):
            return False
        if b + 1 >= self.n or self.tokens[b].text not in (",", *_DASHES):
            return False
        after = self.tokens[b + 1]
        return after.word and not after.cap and not after.abbr and not self._match(_SPEECH_VERBS, b + 1)

    def _described(self, a: int, b: int) -> bool:
        """A word for a person before the name, perhaps with one or two lower-case words of its own ("chuyên gia
        quân sự X", "sinh viên người Mỹ X"), or right after it behind a comma ("X, anh trai của…", "X, sinh viên…").
        Never a name right after "ở"/"tại" ("kẻ xả súng ở | Las Vegas" is a place)."""
        if a < b and self._after_at(a):
            return False
        if b + 1 < self.n and self.tokens[b].text == "," and not self.tokens[b + 1].cap:
            k = b + 2 if self.tokens[b + 1].key in ("người", "nguoi", "một", "mot") else b + 1
            if k < self.n and self.tokens[b + 1].key in ("người", "nguoi") and (
                self._title_at(k) is not None or self._match(lexicon.title_places(), k)
            ):
                return True  # "Glenn Greenwald, người đồng sáng lập…", "Trinh Proctor, người Úc gốc Việt"
            if self._match(lexicon.honorifics(), k):
                return True
        stop = lexicon.org_stop_words()
        for start in range(max(0, a - 4), a):
            if not self._lower_phrase(start, a):
                continue
            found = self._match(lexicon.honorifics(), start)
            if found and a - 2 <= found[0] <= a and self._plain_words(found[0], a, stop):
                return True
        return self._titled_from_afar(a, stop)

    def _plain_words(self, a: int, b: int, stop: PhraseSet) -> bool:
        """Lower-case words that describe a person ("quân sự", "hàng không", "người Mỹ"), not a preposition or verb
        that leads elsewhere ("tại", "của nhóm")."""
        k = a
        while k < b:
            word = self._match(lexicon.word_list(), k)
            if word and word[0] > k + 1:
                k = word[0]  # "hàng không" is a word, though "không" alone is a stop word
                continue
            if self.tokens[k].key not in ("người", "nguoi") and self._match(stop, k):
                return False
            k += 1
        return True

    def _age_after(self, r: int) -> bool:
        """"(35 tuổi", "(SN 1985", "(1985": an age or a year of birth in brackets after a name; ", 67 tuổi"."""
        if r + 1 >= self.n or self.tokens[r].text not in ("(", ","):
            return False
        following = self.tokens[r + 1]
        if self.tokens[r].text == ",":
            return following.text.isdigit() and r + 2 < self.n and self.tokens[r + 2].key in ("tuổi", "tuoi")
        return following.text.isdigit() or following.key in ("sn", "sinh")

    def _foreign_name(self, a: int, b: int) -> bool:
        """Two or three capitalised words that are all foreign and name no body, place or paper ("Alison Lundergan
        Grimes", "Ichiro Kojima"); the context must still say it is a person."""
        if not 2 <= b - a <= 3 or any(self.used[a:b]) or any(self.in_position[a:b]):
            return False
        tokens = self.tokens[a:b]
        if not all(t.cap and _is_foreign(t) for t in tokens):
            return False
        if any(fold(t.text) in lexicon.ENGLISH_ORG_WORDS or fold(t.text) in _LOAN_WORDS for t in tokens):
            return False
        return not any(
            self._match(lexicon.title_places(), t) or self._match(lexicon.org_heads(), t)
            or self._match(lexicon.known_orgs(), t)
            for t in range(a, b)
        )

    def _speaker(self, a: int, b: int) -> bool:
        """Two capitalised syllables that say or tell something ("Trấn Thành nói", "Cát Phượng xác nhận"): a stage
        name or a short name the press uses whole, when they are no place, body, title or dictionary word."""
        if b - a != 2 or not (self._match(_SPEECH_VERBS, b) or self._match(_DOER_VERBS, b)):
            return False
        if a > 0 and self.tokens[a - 1].text in ("'", "’"):
            return False  # "H’ | Hen Niê": a name cut after its first letter
        tokens = self.tokens[a:b]
        if any(_is_foreign(t) or not looks_vietnamese(t.text) for t in tokens):
            return False
        if (a > 0 and (self.tokens[a - 1].cap or self.tokens[a - 1].abbr)) or tokens[0].text in _THING_HEADS:
            return False
        return not (
            self._run(a).places or self._title_at(a) is not None or self._match(lexicon.org_heads(), a)
            or self._match(lexicon.bare_places(), a) or self._match(lexicon.word_list(), a)
            or self._match(lexicon.place_types(), a) or self._match(lexicon.honorifics(), a)
        )

    def _given_places_only(self, info: _RunInfo, i: int, r: int) -> bool:
        """No place in the run, or only inside the given names of a full name: "Nga" in "Nguyễn Thị Hồng Nga",
        "Anh" in "Nguyễn Tuấn Anh", "Nhật" in "Phan Nhật Duy" are names, not Russia, England, Japan."""
        return not info.places or (r - i >= 3 and all(i < a and b == a + 1 and b <= r for a, b in info.places))

    def _inside_full_name(self, a: int, b: int) -> bool:
        """Is the one-word place at ``a:b`` a given name of a full Vietnamese name ("Nga", "Anh", "Nhật")?"""
        start, end = self._run_start[a], self._run_end[a]
        info = self._run(start)
        return (b == a + 1 and start < a and b <= end and info.vietnamese == (start, end)
                and self._given_places_only(info, start, end))

    def _blocked_before(self, i: int, blockers: PhraseSet) -> bool:
        for length in range(1, 4):
            a = i - length
            if a < 0:
                break
            table = blockers.table(folded=self.tokens[a].folded)
            if tuple(t.key for t in self.tokens[a:i]) in table:
                return True
        return i > 0 and self.tokens[i - 1].abbr


def _end_of_places(info: _RunInfo, start: int) -> int:
    """Where the places that follow one another from ``start`` end (``start`` itself when none begins there)."""
    end = start
    for a, b in info.places:
        if a != end:
            break
        end = b
    return end
