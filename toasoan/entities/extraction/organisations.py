"""Organisations and places, as whole names from the gazetteers."""

from __future__ import annotations

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.people_again import _PeopleAgain
from toasoan.entities.extraction.tokens import (
    _GENERIC_FILLERS,
    _NEEDS_PLACE,
    _OPEN_QUOTES,
    _SCHOOL_WORDS,
    _SENTENCE_END,
    _TERM,
    _capitalised,
)
from toasoan.entities.extraction_types import Organisation, Place
from toasoan.entities.lexicon import PhraseSet, key_of
from toasoan.entities.syllables import looks_vietnamese

_ENGLISH_JOINERS = frozenset({"of", "the", "is", "and", "for", "on", "in"})
# Words before a firm's name that make it a product: "máy bay Boeing", "điện thoại Samsung", "xe Toyota".
_PRODUCT_WORDS = frozenset({"bay", "xe", "tàu", "thoại", "chiếc", "dòng", "mẫu", "hiệu", "tính", "cơ"})
# One name for the city however "TP HCM" is spelt ("TP. HCM", "TP.HCM", "TPHCM"), so an article links it once.
_HCM = "TP HCM"
_HCM_SPELLINGS = frozenset({"TPHCM", "TP.HCM", "TpHCM", "Tp.HCM", "TP.Hcm", "Tp.Hcm"})
# Complete heads that start like a body needing its place ("Ủy ban…") but name one body on their own.
_WHOLE_COMPLETE = frozenset({"ủy ban thường vụ quốc hội", "uy ban thuong vu quoc hoi"})
# Words before a name that make it a street, forest or river: "đường Thanh Niên", "rừng (rậm) Amazon".
_PLACE_NOUNS = frozenset({"đường", "phố", "ngõ", "hẻm", "lộ", "rừng", "rậm", "sông", "suối", "cầu", "chợ"})
# Place types of a province or a city: a single syllable after them that starts a province's name is a cut one.
_PROVINCE_TYPES = frozenset({"tỉnh", "thành phố"})
# Types of places below a commune, whose names often end on a number ("ấp Khu 1", "làng Blang 2", "thôn Cá 1").
_NUMBERED_TYPES = frozenset({"ấp", "thôn", "xóm", "bản", "làng", "khu phố"})
# Syllables of old administrative units written lower case after a name's first syllable ("Ký châu", "Dương châu",
# "Thăng Long thành"): after a place type word, a capitalised syllable followed by one of them is a cut name.
_UNIT_SUFFIXES = frozenset({"châu", "phủ", "trấn", "thành", "đạo", "lộ", "đô", "kinh"})


# Honorifics of address, after which a place name is a person's name ("bà Nga", "anh Hải", "cô giáo Hà"); after a
# word for a trade or a group it is where they come from ("du khách Trung Quốc", "đoàn đại biểu Việt Nam").
_ADDRESS_WORDS = frozenset({
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "bé", "ngài", "thầy", "ong", "ba", "chi",
    "co", "chu", "bac", "cu", "chau", "be", "ngai", "thay", "vợ", "chồng", "vo", "chong", "gs", "pgs", "ts", "ths",
    "bs", "nsnd", "nsưt", "nsut", "ns", "dv", "mc", "vđv", "vdv", "hlv", "ntk", "vua", "quý", "quy", "nhạc", "nhac",
    "ca", "nghệ", "nghe", "diễn", "dien", "người", "nguoi", "danh", "hoa", "á", "a", "nam", "nữ", "nu", "rapper",
})


class _Organisations(_PeopleAgain):
    # --- organisations and places ---------------------------------------------------------------
    def _scan_organisations(self) -> None:
        heads = lexicon.org_heads()
        wholes = lexicon.whole_orgs()
        places = lexicon.bare_places()
        inside_place = self._place_cover(places)
        i = 0
        while i < self.n:
            token = self.tokens[i]
            if not (token.cap or token.abbr) or self.used[i] or self.in_position[i] or inside_place[i] or (
                token.key not in (heads.first_folded if token.folded else heads.first_exact)
                and token.key not in (wholes.first_folded if token.folded else wholes.first_exact)
            ):
                i += 1  # (a word that opens no organisation's head nor a listed body: both look-ups find nothing)
                continue
            if self._match(places, i):
                i += 1
                continue
            found = self._match(heads, i)
            if found is None:
                whole = self._match(wholes, i) if token.cap else None
                if whole and whole[0] - i >= 3:  # "Tổ chức Y tế thế giới": a listed body with no head word
                    end = whole[0]
                    if not (whole[0] < self.n and self.tokens[whole[0]].cap and self._foreign_tail_name(whole[0])):
                        end = max(end, self._tail(whole[0], foreign=False))  # not "Liên Hợp Quốc | Gunter Pleuger"
                    self._add_organisation(self._span(i, end), i, end)
                    for k in range(i, end):
                        self.in_position[k] = True
                    i = end
                    continue
                i += 1
                continue
            head_end, kind = found
            if self._is_given_name(i):
                i = head_end  # "ông Ban Ki-moon": a Korean name, not a board
                continue
            if self._inside_name(i):
                i = head_end  # "báo Đại Đoàn Kết": a head inside another capitalised name starts nothing
                continue
            if token.key in ("trường", "truong") and not (
                head_end < self.n and self.tokens[head_end].key in _SCHOOL_WORDS
            ):
                i = head_end
                continue
            info = self._run(i) if token.cap else None
            if info and info.vietnamese and info.vietnamese[0] == i and info.vietnamese[1] - i >= 3:
                i += 1
                continue
            end = self._tail(head_end, foreign=False, generic_head=kind == "generic")
            end = self._before_foreign_name(i, end)
            whole = self._match(lexicon.whole_orgs(), i)
            if whole and whole[0] > end:
                # "Cục Quản lý Khám, chữa bệnh", not "Cục Quản lý Khám"; then its place, as after any name
                end = max(whole[0], self._tail(whole[0], foreign=False, generic_head=False))
            finished = self._finish_field(i, end)
            if finished > end and finished < self.n and (self.tokens[finished].cap or self.tokens[finished].abbr):
                finished = self._tail(finished, foreign=False)  # "Ban Quản lý cảng | Bến Đầm"
            end = finished
            if not self._complete_organisation(i, head_end, end, kind=str(kind)):
                i = max(end, head_end)
                continue
            self._add_organisation(self._span(i, end), i, end)
            for k in range(i, end):
                self.in_position[k] = True
            i = end

    def _scan_known_orgs(self) -> None:
        """Agencies, papers and bodies the press names bare ("theo AFP", "Reuters đưa tin"), and the name after a
        word for a paper or channel ("tờ Washington Post", "hãng tin Yonhap", "báo Người Đưa Tin")."""
        known = lexicon.known_orgs()
        exact = lexicon.known_org_spellings()
        descriptors = lexicon.media_descriptors()
        i = 0
        while i < self.n:
            token = self.tokens[i]
            if not token.word or self.used[i] or self.in_position[i]:
                i += 1
                continue
            capitalised = token.cap or token.abbr
            phrases = known if capitalised else descriptors
            if token.key not in (phrases.first_folded if token.folded else phrases.first_exact):
                i += 1  # opens no name of a paper or agency, and no word for one: both look-ups below find nothing
                continue
            if not capitalised:
                found = self._match(descriptors, i)
                named = self._media_name(found[0]) if found and not self._inside_word(i) else None
                if named:
                    self._add_organisation(self._span(*named), *named)
                    for k in range(*named):
                        self.in_position[k] = True
                    i = named[1]
                    continue
                i += 1
                continue
            found = self._match(known, i)
            if found and self._span(i, found[0]) in exact and not any(self.used[i : found[0]]) and (
                self._stands_alone(i, found[0]) if found[1] == "weak" else self._not_part_of_name(i, found[0])
            ):
                self._add_organisation(self._span(i, found[0]), i, found[0])
                for k in range(i, found[0]):
                    self.in_position[k] = True
                i = found[0]
                continue
            i += 1

    def _before_foreign_name(self, a: int, end: int) -> int:
        """Where a body's name ends when a foreign person's name runs on after it: "Liên Hợp Quốc | Gunter Pleuger"."""
        for w in range(a + 1, end):
            if self.tokens[w].cap and self._run_end[w] == end and self._foreign_tail_name(w) and (
                self._body_ends_at(a, w) or (w >= a + 2 and end - w >= 2 and self._is_given_name(w))
            ):
                return w  # (after "Viện Lowy", a foreign given name opens a name: "Viện Lowy | Natasha Kassam")
        return end

    def _inside_word(self, i: int) -> bool:
        """Whether token ``i`` ends a word that starts before it ("thông báo", "nhà báo", "họp báo")."""
        for a in range(max(0, i - 2), i):
            found = self._match(lexicon.word_list(), a)
            if found and found[0] > i:
                return True
        return False

    def _stands_alone(self, a: int, b: int) -> bool:
        """An English word that names a paper ("Sun", "Times") only when no capitalised word touches it."""
        before = a > 0 and (self.tokens[a - 1].cap or self.tokens[a - 1].abbr)
        after = b < self.n and (self.tokens[b].cap or self.tokens[b].abbr)
        first = a == 0 or self.tokens[a - 1].newline or self.tokens[a - 1].text in _SENTENCE_END
        return not (before or after or first)

    def _not_part_of_name(self, a: int, b: int) -> bool:
        """"Reuters", "Theo AFP", but not "Địa ốc Alibaba" (a longer name) or "Boeing 777" (a product)."""
        if b < self.n and self.tokens[b].text[:1].isdigit():
            return False
        if a > 0 and self.tokens[a - 1].key in _PRODUCT_WORDS:
            return False  # "máy bay Boeing", "dòng Samsung": a product of the firm
        if a > 0 and self.tokens[a - 1].key in _PLACE_NOUNS:
            return False  # "đường Thanh Niên", "rừng Amazon": a street, a forest
        if a < 2 or not self.tokens[a - 1].cap:
            return True
        before = self.tokens[a - 2]
        return before.newline or before.text in _SENTENCE_END or before.text in _OPEN_QUOTES

    def _media_name(self, k: int) -> tuple[int, int] | None:
        """The name of a paper, channel or agency written from ``k`` on, or None when there is none there."""
        end = k
        while end < self.n and end - k < 5:
            token = self.tokens[end]
            if token.cap or token.abbr:
                end += 1
            elif (token.key in _ENGLISH_JOINERS or token.text in "-–") and end > k and end + 1 < self.n and (
                self.tokens[end + 1].cap
            ):
                end += 1  # "Times of Israel", "War is Boring", "Al - Monitor"
            else:
                break
        while k < end:  # "báo Trung Quốc Global Times": the country is not part of the name
            place = self._match(lexicon.title_places(), k)
            if not place or place[0] >= end or not all(looks_vietnamese(t.text) for t in self.tokens[k : place[0]]):
                break  # "New York Times", "Washington Post" keep their city
            k = place[0]
        known = self._match(lexicon.known_orgs(), k)
        if known and known[0] < end and self._span(k, known[0]) in lexicon.known_org_spellings() and not any(
            fold(t.text) in lexicon.ENGLISH_ORG_WORDS for t in self.tokens[known[0] : end]
        ):
            end = known[0]  # "hãng tin Reuters | Wa Lone": the reporter after the agency; "Sputnik News" is whole
        if end == k or any(self.used[k:end]) or any(self.in_position[k:end]) or self._title_at(k) is not None:
            return None
        if self._only_places(k, end) or self._match(lexicon.org_heads(), k):
            return None  # "báo Mỹ" (American papers); "báo Công an …" is found as an organisation
        info = self._run(k)
        if info.vietnamese and info.vietnamese[0] == k and info.vietnamese[1] - k >= 3:
            return None
        return k, end

    def _inside_name(self, i: int) -> bool:
        """Whether token ``i`` continues a capitalised word that starts no sentence and belongs to nothing found."""
        if i == 0 or self.tokens[i - 1].abbr or not self.tokens[i - 1].cap:
            return False
        before = i - 1
        if self.used[before] or self.in_position[before] or self._title_at(before) is not None:
            return False
        return before > 0 and not (
            self.tokens[before - 1].newline or self.tokens[before - 1].text in _SENTENCE_END
            or self.tokens[before - 1].text in _OPEN_QUOTES or self.tokens[before - 1].text in (":", ",", "-", "–")
        )

    def _place_cover(self, places: PhraseSet) -> list[bool]:
        """Tokens inside a capitalised place name ("Ban" in "Tây Ban Nha"), where no organisation starts."""
        cover = [False] * self.n
        i = 0
        while i < self.n:
            found = self._match(places, i) if self.tokens[i].cap else None
            if found and found[0] > i + 1:
                for k in range(i + 1, found[0]):
                    cover[k] = True
                i = found[0]
            else:
                i += 1
        return cover

    def _complete_organisation(self, a: int, head_end: int, end: int, *, kind: str) -> bool:
        """A generic head needs a name: "UBND TP", "Công an huyện", "Công ty CP" alone are not organisations."""
        head = " ".join(t.key for t in self.tokens[a:head_end])
        if kind != "generic" and (self.tokens[a].key not in _NEEDS_PLACE or head in _WHOLE_COMPLETE):
            return True  # "Ủy ban Thường vụ Quốc hội" is whole; "Ủy ban nhân dân" needs its place
        if self._title_at(head_end) is not None:
            return False  # "Đội HLV Đức Trí", "Ban Giám đốc": a position after a head, not a name
        meaningful = 0
        for k in range(head_end, end):
            token = self.tokens[k]
            if not token.word or token.key in _GENERIC_FILLERS:
                continue
            if self._match(lexicon.place_types(), k) and (k + 1 >= end or not self.tokens[k + 1].word):
                continue
            meaningful += 1
        return meaningful > 0

    def _add_organisation(self, name: str, a: int, b: int) -> None:
        name = _capitalised(_TERM.sub("", name))
        key = fold(name)
        organisation = self.organisations.get(key)
        if organisation is None:
            organisation = self.organisations[key] = Organisation(name=name)
        organisation.mentions.append(self._mention(a, b))

    def _add_place(self, a: int, b: int, kind: str, *, name: str | None = None) -> None:
        name = name or self._span(a, b)
        key = fold(name)
        place = self.places.get(key)
        if place is None:
            place = self.places[key] = Place(name=name, kind=kind)
        place.mentions.append(self._mention(a, b))

    def _scan_places(self) -> None:
        types = lexicon.place_types()
        bare = lexicon.bare_places()
        local = lexicon.local_places()
        honorifics = lexicon.honorifics()
        i = 0
        while i < self.n:
            token = self.tokens[i]
            if self.used[i] or not token.word or not (
                token.cap or token.abbr or token.key in (types.first_folded if token.folded else types.first_exact)
            ):
                i += 1  # (a lower-case word that opens no place type and is no "TPHCM": no rule below)
                continue
            typed = self._match(types, i)
            if typed and i > 0 and self.tokens[i - 1].key in ("ông", "bà", "ong", "ba"):
                typed = None  # "ông xã Hari Won": a husband, not a commune
            if self.tokens[i].text in _HCM_SPELLINGS:
                self._add_place(i, i + 1, "tỉnh/thành phố", name=_HCM)  # "TP.HCM", "TPHCM"
                i += 1
                continue
            if typed:
                j = typed[0]
                if j < self.n and self.tokens[j].text == "." and j - i == 1 and self.tokens[i].key in ("tp", "tt"):
                    j += 1  # "TP. Hà Tĩnh"; but "văn bản. Cục …" ends a sentence
                if j < self.n and self.tokens[j].text == "HCM" and self.tokens[i].key == "tp":
                    self._add_place(i, j + 1, "tỉnh/thành phố", name=_HCM)  # "TP. HCM": the city's name holds "TP"
                    i = j + 1
                    continue
                if self._name_like(j) and not self.used[j] and self._type_word_here(i):
                    found = self._match(local, j)
                    if found and found[0] == j + 1 and self._runs_on(found[0]):
                        found = None  # "thôn Ba Cản": the gazetteer's "Ba" is the start of a longer name
                    info = self._run(j)
                    if found:
                        end = found[0]
                    elif info.vietnamese and info.vietnamese[0] == j and info.vietnamese[1] - j >= 3:
                        i = j  # "tỉnh Nguyễn Như Khôi": a name the position rules missed, not a place
                        continue
                    else:
                        end = self._run_end[j]
                        if info.vietnamese and info.vietnamese[0] > j:
                            end = info.vietnamese[0]
                        end = min(end, j + 3)
                        given = next((k for k in range(j + 1, end - 1) if self._is_given_name(k)), None)
                        if given is not None:
                            end = given  # "hạt Limestone | Stephen Young": the spokesman, not part of the county
                    number = self._number_after(end, str(typed[1]))
                    if number is not None:
                        end = number  # "ấp Khu 1", "thôn Cá 1": the number is part of the name
                    if not any(self.used[k] for k in range(j, end)) and self._whole_place(i, j, end, str(typed[1]),
                                                                                               known=bool(found)):
                        self._add_place(j, end, str(typed[1]))
                        i = end
                        continue
                i = typed[0]
                continue
            if self.tokens[i].cap:
                found = self._match(bare, i)
                if (
                    found
                    and not (found[0] == i + 1 and self._continues_word(found[0]))
                    and not self._after_honorific(i, honorifics)
                    and not any(self.used[k] for k in range(i, found[0]))
                    and not (
                        self._name_like(found[0]) and not self.used[found[0]]
                        and not self._name_after_places(self._run(i), self._run_start[i], self._run_end[i])
                    )
                    and not self._inside_full_name(i, found[0])
                    and not (found[0] == i + 1 and self._glued_to_name(i))
                ):
                    self._add_place(i, found[0], str(found[1]))
                    i = found[0]
                    continue
            i += 1

    def _number_after(self, end: int, kind: str) -> int | None:
        """The end of a number that closes the name of a place of ``kind`` ending at ``end`` ("ấp Khu | 1"), or None
        when none follows or it counts something ("thôn Cá 3 năm")."""
        if kind not in _NUMBERED_TYPES or end >= self.n or not self.tokens[end].text.isdigit():
            return None
        after = end + 1
        if after < self.n and self.tokens[after].word and not (
            self.tokens[after].cap or self.tokens[after].abbr or self._match(lexicon.place_types(), after)
        ):
            return None
        return after

    def _type_word_here(self, i: int) -> bool:
        """Whether the capitalised place-type word at ``i`` opens a place: not inside a place's name ("Nhật Bản
        Honna"), not a street's name ("phố Xã Đàn")."""
        if not self.tokens[i].cap or self._starts_sentence(i):
            return True
        before = self.tokens[i - 1]
        if before.key in _PLACE_NOUNS:
            return False
        found = self._match(lexicon.bare_places(), i - 1) if before.cap else None
        return not (found and found[0] > i)  # "Nhật Bản Honna Tetsuji"; but "UBND Thị xã Kiến Tường" is the town

    def _ends_word(self, i: int) -> bool:
        """Whether token ``i`` is the last syllable of a word that starts before it ("kịch bản", "hợp tác xã")."""
        for a in range(max(0, i - 2), i):
            found = self._match(lexicon.word_list(), a)
            if found and found[0] == i + 1:
                return True
        return False

    def _runs_on(self, end: int) -> bool:
        """Whether a capitalised word follows ``end`` directly, continuing a name a gazetteer match cut short."""
        if end >= self.n or not self.tokens[end].cap or self.used[end]:
            return False
        return not (self._match(lexicon.place_types(), end) or self._match(lexicon.bare_places(), end))

    def _whole_place(self, i: int, j: int, end: int, kind: str, *, known: bool) -> bool:
        """A name of one word after the type word at ``i`` is a place only when it is whole: not a single letter
        ("thôn G."), not the first word of a title or a common noun ("bản Dự thảo", "Hạt Kiểm lâm"), not after a
        word the type word ends ("kịch bản Táo quân", "hợp tác xã Nông"), not the first syllable of a province
        ("tỉnh Nghệ" for Nghệ An)."""
        if end - j != 1:
            return True
        token = self.tokens[j]
        if len(token.text) == 1 or self._continues_word(end) or (j == i + 1 and not known and self._ends_word(i)):
            return False
        after = self.tokens[end] if end < self.n else None
        if not known and kind in _NUMBERED_TYPES and after is not None and after.text[:1].isdigit():
            return False  # "ấp Khu 3 năm": a number the name did not take, so the name is not whole
        if after is not None and after.word and not after.cap and not after.abbr and (
            key_of(after.text) in _UNIT_SUFFIXES
            or (key_of(token.text), key_of(after.text)) in lexicon.local_places().exact
        ):
            return False  # "quận Ký châu", "huyện Quỳnh phụ": the name goes on in lower case
        if kind == "bản" and after is not None and after.word and not (after.cap or after.abbr):
            return False  # "bản Việt khắc họa…", "bản Concerto cung Mi": a version, a piece of music, not a village
        if looks_vietnamese(token.text) and self._runs_on(end):
            return False  # the first syllable of a longer name the scan cut: "tỉnh Bo | Li Khăm Xay"
        bare = lexicon.bare_places()
        first = bare.first_folded if token.folded else bare.first_exact
        return known or kind not in _PROVINCE_TYPES or token.key not in first

    def _continues_word(self, end: int) -> bool:
        """True when the token at ``end`` is a lower-case syllable finishing a word ("Ý kiến")."""
        if end >= self.n or not self.tokens[end].word or self.tokens[end].cap:
            return False
        found = self._match(lexicon.word_list(), end - 1)
        return bool(found and found[0] > end)

    def _after_honorific(self, i: int, honorifics: PhraseSet) -> bool:
        for length in (1, 2):
            a = i - length
            if a >= 0 and self.tokens[a].key in _ADDRESS_WORDS:
                found = self._match(honorifics, a)
                if found and found[0] == i:
                    return True
        return False
