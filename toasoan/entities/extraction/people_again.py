"""People found again, in lists and by name: stage names listed with known people, names repeated in the
text, short forms of the people already found."""

from __future__ import annotations

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.people import _LOAN_WORDS, _THING_HEADS, _People
from toasoan.entities.extraction.tokens import _DASHES, _SENTENCE_END, _is_foreign
from toasoan.entities.syllables import looks_vietnamese

# Words that introduce a list of names ("như", "gồm", "là") and the words for people before them.
_INTRODUCERS = frozenset({"như", "nhu", "gồm", "gom", "là", "la", "có", "co"})
_PEOPLE_WORDS = frozenset({
    "nghệ sĩ", "ca sĩ", "diễn viên", "nhạc sĩ", "danh hài", "cầu thủ", "thí sinh", "hlv", "huấn luyện viên",
    "vận động viên", "tuyển thủ", "người mẫu", "hoa hậu", "nhà văn", "nhà thơ", "ngôi sao", "vđv",
    "nghe si", "ca si", "dien vien", "nhac si", "danh hai", "cau thu", "thi sinh", "huan luyen vien",
    "van dong vien", "tuyen thu", "nguoi mau", "hoa hau", "nha van", "nha tho", "ngoi sao", "vdv",
})
# First syllables of place names ("Gò Dưa", "Bến Ván", "Hố Hô", "Pù Mát", "Cái Lớn"), and words before a name
# that make it a thing ("chung cư Linh Đàm", "bưởi Năm Roi", "điện máy Nguyễn Kim").
_LANDFORMS = frozenset({"gò", "bến", "cái", "hố", "pù", "bù", "núi", "suối", "bãi", "cồn", "mũi", "vũng", "rạch",
                        "kênh", "lạch", "đèo", "thác", "động", "hang", "khe", "ngã", "cầu", "hòn", "đảo", "bàu"})
_THING_WORDS = frozenset({"sông", "hồ", "chung", "cư", "vườn", "rừng", "bưởi", "giống", "thị", "máy", "điện", "dự",
                          "án", "khu", "thủy", "thuỷ", "nhà", "làng", "bản", "ấp", "cảng", "chợ", "phố", "đường",
                          "hãng", "công", "ty", "tập", "đoàn", "thương", "hiệu", "tỉnh", "huyện", "thành", "xã",
                          "chính", "tài", "bóng", "đội", "nhóm", "nhạc", "tàu", "phim", "hát", "sách", "clb"})


# Words for a couple or a duo before two names joined by a dash ("cặp đôi Thuỷ Tiên – Công Vinh"), by their last word.
_COUPLE_WORDS = frozenset({"cặp đôi", "vợ chồng", "bộ đôi", "cặp sinh đôi", "cap doi", "vo chong", "bo doi",
                           "cap sinh doi", "cặp song sinh", "cap song sinh", "đôi vợ chồng", "doi vo chong"})
_COUPLE_ENDS = frozenset({"đôi", "doi", "chồng", "chong", "sinh"})
# Words before the name of a band, not a person ("ban nhạc Lộn Xộn", "nhóm nhạc 365").
_BAND_WORDS = ("ban nhac", "nhom nhac", "ban nhac rock", "nhom nhay")

_TITLE_MARKS = frozenset({":", "\"", "“", "'", "‘", *_DASHES})


def _is_foreign_word(word: str) -> bool:
    return len(word) > 2 and word[0].isupper() and not word.isupper() and not looks_vietnamese(word)


class _PeopleAgain(_People):
    _folded: str | None = None

    def _scan_enumerated_people(self) -> None:
        """Names listed after a word for people: "các nghệ sĩ hải ngoại như Bằng Kiều, Thu Phương", "nghệ sĩ tham
        gia biểu diễn như Chí Tài, Thanh Hằng, Khởi My". Stage names of two syllables are people there."""
        i = 0
        while i < self.n:
            if self.tokens[i].key not in _INTRODUCERS or not self._people_word_before(i):
                i += 1
                continue
            k = i + 2 if i + 1 < self.n and self.tokens[i + 1].text == ":" else i + 1
            while k < self.n and self._name_like(k) and self._run_start[k] == k:
                r = self._run_end[k]
                if 2 <= r - k <= 4 and not any(self.used[k:r]) and self._plain_name(k, r) and not self._a_band(k, r):
                    self._add_person(k, r, [])
                if r + 2 < self.n and self.tokens[r].text in _DASHES and self.tokens[r + 2].text == ",":
                    r += 2  # "Juun Đăng Dũng - R.Tee, Tường Vy": a second name of the same act
                if r < self.n and (self.tokens[r].text == "," or self.tokens[r].key in ("và", "va")):
                    k = r + 1
                else:
                    break
            i = max(k, i + 1)

    def _scan_defined_people(self) -> None:
        """A name the sentence says is a person: "Hari Won là nghệ sĩ tiếp theo…", "Việt Hương là một danh hài…". Two
        syllables that are no place, body, title or word, or two or three foreign words; met again bare, the name is
        then found by _scan_known_people."""
        i = 0
        while i < self.n:
            if not self.tokens[i].cap or self._run_start[i] != i:
                i += 1
                continue
            r = self._run_end[i]
            if 2 <= r - i <= 3 and not any(self.used[i:r]) and not self.in_position[i] and self._defined_after(r) and (
                (r - i == 2 and self._plain_two_syllables(i)) or self._foreign_name(i, r)
            ) and not self._names_a_thing(i) and not (i > 0 and self.tokens[i - 1].text in ("'", "’")):
                self._add_person(i, r, [])  # (not "Hen Niê" of "H’ Hen Niê", a name cut after its first letter)
            i = r

    def _scan_couples(self) -> None:
        """Two names joined by a dash after a word for a couple or a duo: "cặp đôi Thuỷ Tiên – Công Vinh", "vợ chồng Tú
        Vi - Văn Anh", "Năm cặp đôi Đoàn Minh - Phạm Yến, Mai Quốc Việt – Như Thuỳ". Both are people."""
        i = 0
        while i < self.n:
            if self.tokens[i].key not in _COUPLE_ENDS or not self._couple_word_before(i + 1):
                i += 1
                continue
            k = i + 1
            while k < self.n and self._name_like(k) and self._run_start[k] == k:
                r = self._run_end[k]
                if r + 1 >= self.n or self.tokens[r].text not in _DASHES or not self._name_like(r + 1):
                    break
                r2 = self._run_end[r + 1]
                for a, b in ((k, r), (r + 1, r2)):
                    if 2 <= b - a <= 4 and not any(self.used[a:b]) and not any(self.in_position[a:b]) and (
                        self._couple_name(a, b)
                    ):
                        self._add_person(a, b, [])
                if r2 < self.n and self.tokens[r2].text == ",":
                    k = r2 + 1
                else:
                    break
            i = max(k, i + 1)

    def _couple_word_before(self, k: int) -> bool:
        keys = tuple(t.key for t in self.tokens[max(0, k - 3) : k])
        return any(" ".join(keys[-size:]) in _COUPLE_WORDS for size in (2, 3) if len(keys) >= size)

    def _couple_name(self, a: int, b: int) -> bool:
        if not self._plain_name(a, b) or self._run(a).places:
            return False
        if b - a == 2 and all(looks_vietnamese(t.text) and not _is_foreign(t) for t in self.tokens[a:b]):
            return self._plain_two_syllables(a)  # (not "Hà Nội", "Sài Gòn", a word or a place)
        return True

    def _defined_after(self, r: int) -> bool:
        """"là" and a word for a performer or player after ``r`` ("là nghệ sĩ", "là một nữ ca sĩ")."""
        if r >= self.n or self.tokens[r].key not in ("là", "la"):
            return False
        k = r + 1
        while k < self.n and self.tokens[k].key in ("một", "mot", "nữ", "nu", "nam", "cựu", "cuu"):
            k += 1
        if k >= self.n:
            return False
        one = self.tokens[k].key
        two = f"{one} {self.tokens[k + 1].key}" if k + 1 < self.n else ""
        return one in _PEOPLE_WORDS or two in _PEOPLE_WORDS

    def _a_band(self, a: int, b: int) -> bool:
        """A group listed among people: "Lộn Xộn band", or a name the text writes after "ban nhạc"/"nhóm nhạc"."""
        if b < self.n and self.tokens[b].key in ("band", "group"):
            return True
        name = fold(self._span(a, b))
        folded = self._folded_text()
        return any(f"{word} {name}" in folded for word in _BAND_WORDS)

    def _folded_text(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def _people_word_before(self, i: int) -> bool:
        for k in range(i - 1, max(-1, i - 9), -1):
            token = self.tokens[k]
            if token.newline or token.text in _SENTENCE_END:
                return False
            if token.key in _PEOPLE_WORDS or (k > 0 and f"{self.tokens[k - 1].key} {token.key}" in _PEOPLE_WORDS):
                return True
        return False

    def _plain_name(self, a: int, b: int) -> bool:
        """A run that is nothing but a name: no place, organisation, title or abbreviation in it."""
        info = self._run(a)
        return (not info.places and not any(self.tokens[k].abbr for k in range(a, b))
                and self._title_at(a) is None and not self._match(lexicon.org_heads(), a)
                and not self._match(lexicon.bare_places(), a))

    def _scan_repeated_names(self) -> None:
        """A two-syllable name written three times or more, once at least inside a sentence, that is no place,
        body, title or word: the press's whole name for an artist ("Hoài Lâm tái xuất…", "của Hoài Lâm")."""
        runs: dict[tuple[str, ...], list[int]] = {}
        i = 0
        while i < self.n:
            if self.tokens[i].cap and self._run_start[i] == i:
                r = self._run_end[i]
                if r - i == 2 and not self.used[i] and not self.in_position[i]:
                    runs.setdefault((self.tokens[i].key, self.tokens[i + 1].key), []).append(i)
                i = r
            else:
                i += 1
        for starts in runs.values():
            if len(starts) < 3 or not any(a > 0 and self.tokens[a - 1].word for a in starts):
                continue
            a = starts[0]
            if not self._plain_two_syllables(a) or any(self._names_a_thing(start) for start in starts):
                continue
            for start in starts:
                self._add_person(start, start + 2, [])

    def _names_a_thing(self, a: int) -> bool:
        """A word before the name that makes it a street, river, park, firm or place ("sông Tô Lịch")."""
        if self._blocked_before(a, lexicon.not_person_before()):
            return True
        return any(self.tokens[k].key in _THING_WORDS for k in range(max(0, a - 2), a))

    def _plain_two_syllables(self, a: int) -> bool:
        tokens = self.tokens[a : a + 2]
        if any(_is_foreign(t) or not looks_vietnamese(t.text) for t in tokens) or tokens[0].text in _THING_HEADS:
            return False
        if tokens[0].key in _LANDFORMS:
            return False  # "Gò Dưa", "Bến Ván", "Pù Mát": places the gazetteer lacks
        return not (
            self._run(a).places or self._title_at(a) is not None or self._match(lexicon.org_heads(), a)
            or self._match(lexicon.bare_places(), a) or self._match(lexicon.local_places(), a)
            or self._match(lexicon.word_list(), a) or self._match(lexicon.place_types(), a)
            or self._match(lexicon.honorifics(), a) or self._match(lexicon.known_orgs(), a)
        )

    def _scan_known_people(self) -> None:
        if not self.people:
            return
        known: dict[tuple[str, ...], int] = {}
        families: set[str] = set()
        for person in list(self.people.values()):
            words = person.name.split()
            keys = tuple(fold(word) for word in words)
            known[keys] = len(keys)
            if len(keys) >= 3:
                # The given names alone ("Công Phượng" for "Nguyễn Công Phượng"): the same person, resolved later.
                known.setdefault(keys[-2:], 2)
            if not looks_vietnamese(words[-1]) and (len(words) >= 2 or _is_foreign_word(words[0])):
                # "Clinton" of Hillary Clinton; "Navalny" met alone ("ông Navalny"), whose full name the text may
                # write elsewhere with no title before it ("nhà lãnh đạo đối lập Aleksei Navalny")
                families.add(keys[-1])
        i = 0
        while i < self.n:
            if self.tokens[i].cap and self._run_start[i] == i:
                r = self._run_end[i]
                if not any(self.used[k] for k in range(i, r)):
                    keys = tuple(fold(t.text) for t in self.tokens[i:r])
                    if keys in known or (r - i == 2 and keys[-1] in families and self._relative(i)):
                        self._add_person(i, r, [])
                i = r
            else:
                i += 1

    def _relative(self, i: int) -> bool:
        """A foreign given name before the family name of a person in the text ("Chelsea Clinton"), not a place,
        organisation or title ("Quỹ Clinton", "Nhà Trắng")."""
        token = self.tokens[i]
        if fold(token.text) in _LOAN_WORDS:
            return False  # "Video Trump" in a headline
        return (_is_foreign(token) or self._is_given_name(i)) and not self._match(lexicon.org_heads(), i) and not (
            self._match(lexicon.title_places(), i) or self._title_at(i) is not None
            or self._blocked_before(i, lexicon.not_person_before()))

    def _scan_listed_people(self) -> None:
        """Names in a list with people already found: "NSƯT Trung Anh, NSƯT Thanh Quý, Việt Anh, Hồng Đăng, Đan Lê".
        A list of three or more names, separated by commas or "và", two of them known people: the others, when
        they are nothing but a name of two to four words, are people too."""
        starts = {m.start for p in self.people.values() for m in p.mentions}
        if not starts:
            return  # no list can hold a known person
        tokens = self.tokens
        honorific_firsts = lexicon.honorifics().first_folded, lexicon.honorifics().first_exact
        i = 0
        while i < self.n:
            token = tokens[i]
            if not (token.cap or token.abbr or (token.word and token.key in honorific_firsts[not token.folded])):
                i += 1  # no list starts at a lower-case word that is no honorific (what _list_from would find)
                continue
            items = self._list_from(i)
            known = sum(self.tokens[a].start in starts for a, _ in items)
            opened = items[0][0] if items else i
            # ("Kong: Skull Island, Vũ Ngọc Anh": a title before a colon, a dash or a quote is no list of people)
            titled = opened > 0 and self.tokens[opened - 1].text in _TITLE_MARKS
            if len(items) >= 2 and known >= 1 and not titled:
                # "Caitlan Coleman, Joshua Boyle": beside a person, a foreign name that is nothing but a name is one too
                for a, b in items:
                    if self.tokens[a].start not in starts and self._foreign_name(a, b) and (
                        self.tokens[a - 1].text not in _DASHES
                    ) and not (
                        self._blocked_before(a, lexicon.not_person_before())
                    ):
                        self._add_person(a, b, [])
            if len(items) >= 3 and known >= 2:
                for a, b in items:
                    if self.tokens[a].start not in starts and not any(self.used[a:b]) and 2 <= b - a <= 4 and (
                        self._plain_name(a, b) or self._country_then_given(a, b, self._run(a))
                    ) and not self._a_band(a, b):
                        self._add_person(a, b, [])
            # A list that does not qualify has no part that does (fewer names, no more known people): skip it whole,
            # so the pass stays linear.
            i = items[-1][1] if items else i + 1

    def _list_from(self, i: int) -> list[tuple[int, int]]:
        """Capitalised runs from ``i`` joined by commas or "và", each possibly after one honorific."""
        items: list[tuple[int, int]] = []
        k = i
        while k < self.n:
            honorific = self._match(lexicon.honorifics(), k) if not self.tokens[k].cap else None
            a = honorific[0] if honorific and self._name_like(honorific[0]) else k
            if a == k and self.tokens[k].abbr and k + 1 < self.n and self._name_like(k + 1):
                a = k + 1  # "NSƯT Thanh Quý"
            if not self._name_like(a) or self._run_start[a] != a:
                break
            b = self._run_end[a]
            items.append((a, b))
            if b < self.n and (self.tokens[b].text == "," or self.tokens[b].key in ("và", "va")):
                k = b + 1
            else:
                break
        return items
