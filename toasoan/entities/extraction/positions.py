"""Positions: titles, the organisations and places they belong to, chains of them after a name."""

from __future__ import annotations

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.name_ends import _BRAND_GOES_ON, _NameEnds
from toasoan.entities.extraction.tokens import (
    _DASHES,
    _EPONYM_BEFORE,
    _KOREAN_GIVEN,
    _NUMBERED_UNITS,
)
from toasoan.entities.extraction_types import Position
from toasoan.entities.lexicon import PhraseSet, key_of
from toasoan.entities.syllables import looks_vietnamese

# Titles held by a person, never by a body, so one capitalised word after them is a name.
_PERSONAL_TITLES = frozenset({
    "tướng", "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đô đốc", "tổng thống", "thủ tướng",
    "ngoại trưởng", "đại sứ", "thống đốc", "thị trưởng", "quốc vương", "nhà vua", "nữ hoàng", "giáo hoàng",
    "tổng giám mục", "giám mục", "hồng y", "linh mục", "thượng nghị sĩ", "hạ nghị sĩ", "nghị sĩ", "đại tá",
    "thượng tá", "trung tá", "thiếu tá", "thống chế", "tổng tư lệnh", "đại úy", "thượng úy", "trung úy", "thiếu úy",
})
# Military and police ranks (folded): a capitalised syllable after one is a given name ("Trung tá Đức").
_RANKS = frozenset(f"{grade} {rank}" for grade in ("dai", "thuong", "trung", "thieu") for rank in ("tuong", "ta", "uy"))
# Last words of titles that head a village: "trưởng bản", "trưởng thôn" (what follows is a place).
_VILLAGE_TITLES = frozenset({"bản", "thôn", "xóm", "làng", "ấp"})  # with marks only: "trưởng ban" is no village




# Place types below the province: an office "tại" one of them is an address, not part of the name.
_LOCAL_TYPES = frozenset({"phường", "xã", "quận", "huyện", "thị trấn", "phuong", "xa", "quan", "huyen"})
# Capitalised words of documents, which end a body's name: "gửi Ủy ban Thường vụ Quốc hội | Dự thảo Nghị quyết".
_DOCUMENT_WORDS = PhraseSet(["dự thảo", "nghị quyết", "nghị định", "thông tư", "quyết định", "chỉ thị", "công văn",
                             "tờ trình", "công điện"])




class _Positions(_NameEnds):
    # --- positions ------------------------------------------------------------------------------
    def _tail(
        self, k0: int, *, foreign: bool, unit: bool = False, bridge_first: bool = False, generic_head: bool = False
    ) -> int:
        """End of the organisation/place words that follow a title or an organisation head.

        Capitalised words, abbreviations, the lower-case words of ``org_lower`` ("tỉnh", "nhân dân"),
        a lower-case head before a capitalised name ("bộ Nội vụ"), a place after its type word
        ("TP Uông Bí"), "tại" + a place ("Đại sứ Mỹ tại Việt Nam"), and lower-case words that
        finish a name before punctuation or a capitalised word ("Cục Quản lý chất lượng,"); never a
        verb or function word from ``lexicon.org_stop_words``.
        """
        tokens = self.tokens
        k = k0
        # Lower-case words continue only a name that still needs them ("Sở Giao thông | vận tải"): after a
        # generic head or a unit title, not after "Quốc hội" or a person's name ("Tổng thống Moon | thị sát").
        generic = unit or bridge_first or generic_head
        after_place = False
        while k < self.n:
            token = tokens[k]
            if token.newline or self.used[k]:
                break
            whole = self._match(lexicon.whole_orgs(), k) if token.word else None
            if whole and not any(self.used[t] for t in range(k, whole[0])):
                k = whole[0]  # "bộ Nông nghiệp và Phát triển nông thôn", "Cơ quan Cảnh sát điều tra"
                continue
            if (
                after_place
                and token.word
                and not (token.cap or token.abbr)
                and not self._place_type_before_name(k)
                and not (token.key in ("tại", "tai") and self._match(lexicon.title_places(), k + 1))
            ):
                if token.key == "chi" and k + 1 < self.n and tokens[k + 1].key in ("nhánh", "nhanh"):
                    k, after_place = k + 2, False  # "… Việt Nam – chi nhánh Bảo Lộc"
                    continue
                break  # "Công an TP. HCM | khám nghiệm", "TAND tỉnh Phú Thọ | đối chất": a place ends the name
            if not token.word:
                nxt = k + 1
                if token.text == "," and k > k0 and tokens[k - 1].key == "phòng" and nxt < self.n and (
                    tokens[nxt].key == "chống"
                ):
                    k = nxt + 1  # "Ban Chỉ đạo phòng, chống tội phạm": one phrase with its comma
                    generic = True
                    continue
                if (
                    token.text in _DASHES
                    and k > k0
                    and nxt < self.n
                    and tokens[k - 1].word
                    and tokens[nxt].cap
                    and self._title_at(nxt) is None
                    and not self._name_starts(nxt, foreign=True)
                    and tokens[nxt].start - tokens[k - 1].end <= 3
                    and (
                        self._match(lexicon.word_list(), nxt) is not None
                        or self._place_across_dash(k)
                        or self._pair_across_dash(k0, k)
                    )
                    and not self._new_body_at(nxt)
                ):
                    k = nxt
                    continue
                if (
                    generic
                    and token.text in _DASHES
                    and k > k0
                    and nxt < self.n
                    and tokens[nxt].word
                    and not tokens[nxt].cap
                    and not tokens[nxt].abbr
                    # "Bộ Quốc phòng | - thượng tướng …", "Viện Hàn lâm Thụy Điển | - cơ quan trao giải": a title or a
                    # word for a body after the dash describes what came before, it does not go on with its name
                    and self._title_at(nxt) is None
                    and not self._described_body(nxt)
                ):
                    bridged = self._lower_bridge(nxt, foreign=foreign)
                    if bridged > nxt:  # "Bộ Tài nguyên - môi trường", "… Việt Nam – chi nhánh Bảo Lộc"
                        k, after_place = bridged, False
                        continue
                if (token.text == "&" or token.text in _DASHES) and k > k0 and nxt < self.n and tokens[k - 1].abbr and (
                    tokens[nxt].abbr
                ):
                    k = nxt  # "GD&ĐT", "Bộ NN - PTNT", "phòng TN - MT"
                    continue
                if token.text == "&" and k > k0 and nxt < self.n and tokens[k - 1].word and tokens[nxt].cap and (
                    self._title_at(nxt) is None and not self._name_starts(nxt, foreign=True)
                ):
                    k = nxt  # "Phòng Giáo dục & Đào tạo": an ampersand joins the words of one name
                    continue
                if token.text == "(" and k > k0 and self._abbreviation_in_brackets(k):
                    after = k + 3
                    if (
                        tokens[after].cap
                        and not self._name_starts(after, foreign=True)
                        and self._title_at(after) is None
                        and not self._match(lexicon.title_places(), after)
                        and not self._match(lexicon.bare_places(), after)
                    ) or (
                        generic and not tokens[after].cap and not self._match(lexicon.place_types(), after)
                        and self._lower_bridge(after, foreign=foreign) > after
                    ):
                        k = after  # "Hợp tác xã (HTX) Thủ công mỹ nghệ Ngọc Bích": the name goes on after it
                        continue
                if (
                    token.text == "."
                    and k > k0
                    and tokens[k - 1].key == "tp"
                    and nxt < self.n
                    and (self._name_like(nxt) or tokens[nxt].abbr)
                ):
                    k = nxt
                    continue
                break
            if k > k0 and self._match(lexicon.place_types(), k - 1) and (token.cap or token.abbr):
                place = self._match(lexicon.local_places(), k)
                info = self._run(k) if token.cap else None
                if info and info.vietnamese and info.vietnamese[0] == k and info.vietnamese[1] - k >= 3:
                    place = None  # "Chánh án TAND tỉnh | Hồ Ngọc Vinh": a name, not a ward called "Hồ"
                if place:
                    k = place[0]
                    after_place = True
                    continue
            if token.cap or token.abbr:
                if foreign and token.cap and self._only_places(k0, k) and self._titled_name(k):
                    break
                if foreign and token.cap and k > k0 and self._body_ends_at(k0, k) and self._foreign_tail_name(k):
                    break  # "Đại sứ Mỹ tại Liên Hợp Quốc | Haley", "… Liên Hợp Quốc | Gunter Pleuger"
                if self._match(_DOCUMENT_WORDS, k):
                    break  # "Ủy ban Thường vụ Quốc hội | Dự thảo Nghị quyết": a document sent to the body
                if after_place and token.cap and self._name_after_place(k):
                    break  # "Bộ Ngoại giao Trung Quốc | Hoa Xuân Doanh": the spokesperson, not the ministry
                if (
                    token.cap
                    and self._is_given_name(k)
                    and self._name_like(k + 1)  # "Công ty Ba Son" ends on "Son", no one's given name there
                    and (not self._match(lexicon.org_heads(), k) or _KOREAN_GIVEN.match(tokens[k + 1].text))
                ):  # ("Liên Hợp Quốc | Ban Ki-moon": a Korean surname that is also the head "Ban")
                    break  # "Hạ viện | Nancy Pelosi", "Thượng viện | Chuck Schumer"
                if (
                    k > k0
                    and self._title_at(k) is not None
                    and not self._match(lexicon.org_heads(), k)
                    and not self._head_ends_at(k)
                ):
                    break  # a new position starts: "Đội | HLV Đức Trí"; but "Văn phòng Tổng thống" is one body
                if token.abbr and k > k0 and self._place_ends_at(k0, k):
                    break  # "Cục Điều tra Liên bang Mỹ | FBI"
                if (
                    token.cap
                    and self._name_starts(k, foreign=foreign)
                    and not (  # "bang | Morelos": one word after a place type is the place
                        foreign and k > k0 and self._match(lexicon.place_types(), k - 1) and self._run_end[k] == k + 1
                    )
                    and not (k > k0 and not after_place and self._local_pair(k))
                    and not (k > k0 and self._named_after_head(k))
                    and not (
                        k > k0 and tokens[k - 1].key in _EPONYM_BEFORE and (tokens[k - 1].cap or tokens[k - 1].abbr)
                    )
                    and not (k > k0 and self._match(lexicon.eponyms(), k))
                ):
                    break
                head = self._match(lexicon.org_heads(), k)
                if head and head[1] == "generic":
                    generic = True
                place = self._match(lexicon.title_places(), k) if token.cap and k > k0 else None
                k = max(self._word_end(k) if token.cap else k + 1, head[0] if head else k + 1)
                if place and place[0] >= k:
                    k, after_place = place[0], True  # "Bộ Ngoại giao Anh | phát đi"
                continue
            if token.text.isdigit() and k > k0 and tokens[k - 1].key in _NUMBERED_UNITS:
                k += 1
                continue
            if (
                token.key in ("số", "so")
                and k > k0
                and tokens[k - 1].word
                and k + 1 < self.n
                and tokens[k + 1].text.isdigit()
            ):
                k, after_place = k + 2, True  # "Phòng Cảnh sát PCCC số 5 Nghệ An": the unit's number
                continue
            found = self._match(lexicon.org_lower(), k)
            if found:
                k = found[0]
                if (
                    self._match(lexicon.place_types(), found[0] - 1)
                    and self._word_end(found[0] - 1) == found[0]  # "Văn hóa xã hội": "xã" of a word, no commune
                    and k < self.n
                    and tokens[k].word
                    and not (tokens[k].cap or tokens[k].abbr or tokens[k].text[0].isdigit())
                    and not self._match(lexicon.org_lower(), k)
                ):
                    break  # "Đảng bộ xã | chú trọng…", "Phòng Nông nghiệp huyện | khuyến cáo": a bare place type
                continue
            lower_head = None
            if k == k0 or tokens[k - 1].text == ",":
                lower_head = self._match(lexicon.org_heads(), k) or self._match(lexicon.place_types(), k)
            if (
                lower_head
                and lower_head[0] < self.n
                and (self._name_like(lower_head[0]) or tokens[lower_head[0]].abbr)
                and not self._name_starts(lower_head[0], foreign=True)
            ):
                generic = generic or (lower_head[1] == "generic")
                k = lower_head[0]
                continue
            if (
                token.key in ("tại", "tai")
                and k > k0
                and (self._only_places(k0, k) or tokens[k - 1].key in ("cao", "quán"))
                and (self._match(lexicon.title_places(), k + 1) or self._place_type_before_name(k + 1))
                and not (k + 1 < self.n and tokens[k + 1].key in _LOCAL_TYPES)  # "… tại | phường Hoà Quý"
            ):
                k += 1  # "Đại sứ Mỹ tại Việt Nam", "TAND cấp cao tại TP HCM", "Đại sứ quán Mỹ tại Hà Nội"
                continue
            if (
                token.key in ("và", "va")
                and k > k0
                and self._name_like(k + 1)
                and self._title_at(k + 1) is None
                and not self._name_starts(k + 1, foreign=True)
                and not self._match(lexicon.org_heads(), k + 1)  # "Bộ Tư pháp | và Cục Điều tra": two bodies
                and not self._match(lexicon.title_places(), k + 1)  # "Bộ GT-VT | và Cần Thơ"
            ):
                k += 1
                continue
            if generic and (k > k0 or unit or bridge_first):
                bridged = self._lower_bridge(k, foreign=foreign)
                if bridged > k and self._after_foreign_brand(k0, k) and not self._match(_BRAND_GOES_ON, k):
                    break  # "Tập đoàn Posco | xây dựng", "Tập đoàn Sun Group | đầu tư": a verb after a brand
                if bridged > k and self._after_proper_name(k0, k) and not self._match(_BRAND_GOES_ON, k):
                    break  # "Công ty TNHH Nho Chiến | liên tục khai thác đá", "Công ty TNHH Vân An | kinh doanh …"
                if bridged > k:
                    k = bridged
                    continue
            break
        return k

    def _position(self, i: int, *, foreign: bool) -> tuple[int, Position, bool] | None:
        # foreign=False: the position follows a name ("Name, position,"), where it runs to punctuation.
        """A position starting at ``i``: (end, position, whether a name follows right after)."""
        title_end = self._title_at(i)
        if title_end is None:
            return None
        last = self.tokens[title_end - 1].key
        tail_end = self._tail(
            title_end, foreign=foreign, unit=last in lexicon.UNIT_TITLE_ENDINGS, bridge_first=not foreign
        )
        tail_end = self._finish_field(title_end, tail_end)
        organisation = self._organisation_of(i, title_end, tail_end)
        position = Position(
            text=self._span(i, tail_end),
            title=self._span(i, title_end),
            organisation=organisation,
            mention=self._mention(i, tail_end),
        )
        for k in range(i, tail_end):
            self.in_position[k] = True
        self._positions.append(position)
        named = self._name_starts(tail_end, foreign=foreign) or bool(
            foreign and self._only_places(title_end, tail_end) and self._titled_name(tail_end)
        )
        if (
            not named and foreign and tail_end > title_end and tail_end + 3 < self.n
            and self.tokens[tail_end].text == "(" and self.tokens[tail_end + 1].abbr
            and self.tokens[tail_end + 2].text == ")" and self._name_starts(tail_end + 3, foreign=True)
        ):
            return tail_end + 3, position, True  # "Ngoại trưởng Campuchia (MFAIC) Prak Sokhonn"
        return tail_end, position, named

    def _given_after_rank(self, i: int, title_end: int, tail_end: int) -> bool:
        """The title ``i:title_end`` is a rank and its tail one capitalised syllable with no capitalised word after it
        ("Trung tá Đức", "Thiếu tướng Hùng"): a given name, not the rank's country. After a rank written in lower
        case a country stays the rank's ("một đại tá Mỹ")."""
        if tail_end != title_end + 1 or self._run_end[title_end] != tail_end or not self.tokens[title_end].cap:
            return False
        if fold(self._span(i, title_end)) not in _RANKS or not looks_vietnamese(self.tokens[title_end].text):
            return False
        return self.tokens[i].cap or not self._match(lexicon.title_places(), title_end)

    def _organisation_of(self, i: int, title_end: int, tail_end: int) -> str | None:
        if tail_end <= title_end or self._given_after_rank(i, title_end, tail_end):
            return None
        # Places named inside the position ("Tổng thống Mỹ", "Chủ tịch UBND tỉnh Nghệ An").
        k = title_end
        only_places = True
        while k < tail_end:
            found = self._match(lexicon.title_places(), k)
            if (
                found
                and found[0] <= tail_end
                and self.tokens[k].cap
                and not (
                    self._name_like(found[0])
                    and not self._name_starts(found[0], foreign=True)
                    and not self._titled_name(found[0])
                )
                and not (k > title_end and self._match(lexicon.place_types(), k - 1))
                and not (found[0] == k + 1 and k > title_end and self._glued_to_name(k))  # "huyện Kỳ Anh"
            ):
                self._add_place(k, found[0], str(found[1]))
                k = found[0]
            elif self.tokens[k].key in ("tại", "tai") and k > title_end:
                k += 1
            else:
                only_places = False
                k += 1
        if only_places:
            return None
        first = self.tokens[title_end]
        if not (first.cap or first.abbr) and self._match(lexicon.org_lower(), title_end) and not (
            self._match(lexicon.place_types(), title_end)
        ):
            return None  # "Phó Chủ tịch cấp cao tại châu Á", "Phó Bí thư thường trực": part of the title
        if first.key in _VILLAGE_TITLES | {"bang"} and not first.cap:
            return None  # "bí thư làng Yanbo", "thống đốc bang Texas": a place, not a body
        if self.tokens[title_end - 1].key in _VILLAGE_TITLES and title_end - i >= 2:
            self._add_place(title_end, tail_end, "bản")  # "trưởng bản Pủng": a village, not an organisation
            return None
        tail = self._span(title_end, tail_end)
        named = any(t.cap or t.abbr for t in self.tokens[title_end:tail_end])
        if tail_end - title_end == 1 and first.cap and " ".join(t.key for t in self.tokens[i:title_end]) in (
            _PERSONAL_TITLES
        ):
            return None  # "Tướng Carlisle", "Tổng giám mục Phaolô": a name, no body
        if self._match(lexicon.org_heads(), title_end) is None:
            last_two = " ".join(key_of(t.text) for t in self.tokens[max(i, title_end - 2) : title_end])
            unit = lexicon.UNIT_TITLE_ENDINGS.get(last_two) or lexicon.UNIT_TITLE_ENDINGS.get(
                key_of(self.tokens[title_end - 1].text)
            )
            if unit:
                if tail_end - title_end == 1 and self.tokens[title_end].cap:
                    return None  # "Thứ trưởng Vương", "Bộ trưởng Puchkov": a person's name, not a ministry
                return f"{unit} {tail}"
            if not named:
                return None  # "Đội trưởng xây dựng phong trào": a task, not a named body
        return tail

    def _chain(self, k: int, *, foreign: bool) -> tuple[int, list[Position], bool]:
        """Positions joined by ",", "kiêm", "và": (end, positions, whether a name follows)."""
        positions: list[Position] = []
        while True:
            parsed = self._position(k, foreign=foreign)
            if parsed is None:
                return k, positions, False
            end, position, named = parsed
            positions.append(position)
            if named:
                return end, positions, True
            k = end
            step = self._joiner(k, dash=foreign)
            if step is None:
                return k, positions, False
            k = step

    def _joiner(self, k: int, *, dash: bool = False) -> int | None:
        """If a further position is joined at ``k``, the index where it starts. ``dash``: before a name, a dash joins
        one too ("Thứ trưởng Bộ Quốc phòng - thượng tướng Nguyễn Chí Vịnh")."""
        tokens = self.tokens
        j = k
        if j < self.n and (tokens[j].text == "," or (dash and tokens[j].text in _DASHES)):
            j += 1
        if j < self.n and tokens[j].key in ("kiêm", "kiem", "và", "va"):
            j += 1
        elif (
            j + 2 < self.n
            and tokens[j].key in ("đồng", "dong")
            and (tokens[j + 1].key, tokens[j + 2].key) in (("thời", "là"), ("thoi", "la"))
        ):
            j += 3
        if j == k:
            return None
        return j if self._title_at(j) is not None else None

    def _positions_after(self, r: int, *, title_first: bool = False) -> tuple[int, list[Position]]:
        """Positions written after a name: "- P, P", "(P)", ", P,". ``title_first``: the name came after a position
        of its own ("Đồng sáng lập Apple, Steve Jobs, …"), so a position followed by a further name is that name's."""
        if r >= self.n:
            return r, []
        token = self.tokens[r]
        if token.text in _DASHES or token.text in ("(", ",", ":"):
            start = r + 1
            if self._title_at(start) is None:
                return r, []
            end, positions, named = self._chain(start, foreign=False)
            if not named and positions and token.text == "," and end < self.n and self._name_like(end) and (
                self._run(end).foreign == (end, self._run_end[end])
            ):
                named = True  # "Phó tổng thống Ấn Độ Venkaiah Naidu, Thủ tướng Nepal K.P Sharma Oli": Oli's office
            # The last position belongs to the name that follows it ("..., Chủ tịch UBND
            # tỉnh Lê Văn C"), unless it is the only one after a dash or bracket.
            if named and positions and (len(positions) > 1 or token.text == ","):
                last = positions.pop()
                for k in range(self._index_at(last.mention.start), end):
                    self.in_position[k] = False
                end = self._index_at(last.mention.start)
                while end > start and self.tokens[end - 1].text in (",", "và", "kiêm"):
                    end -= 1
            if positions and token.text in (",", *_DASHES) and not named:
                self._serving_whom(positions[-1], end)
            if end < self.n and token.text == "(" and self.tokens[end].text == ")":
                end += 1
            if title_first and token.text == "," and positions and self._next_apposition(end):
                for k in range(start, end):
                    self.in_position[k] = False
                return r, []  # "Steve Jobs, đồng sáng lập Microsoft, Bill Gates,": the position is Bill Gates's
            return end, positions
        return r, []

    def _serving_whom(self, position: Position, end: int) -> None:
        """A position held for someone: "Dmitry Peskov, thư ký báo chí | của Tổng thống Nga Vladimir Putin". The
        position is written whole, the office and the name of the one it serves with it; the words are left to be
        read again, so that person is found too."""
        tokens = self.tokens
        if end + 1 >= self.n or tokens[end].key not in ("của", "cua") or self._title_at(end + 1) is None:
            return
        title_end = self._title_at(end + 1)
        if title_end is None or not tokens[end + 1].word:
            return
        k = self._tail(title_end, foreign=True)
        name = self._name_at(k, foreign=True) if k < self.n and tokens[k].cap else None
        if name is not None:
            k = name[1]
        elif k == title_end:
            return  # "thư ký | của Thủ tướng" (whose office the text does not say): the position stays as it is
        if k < self.n and tokens[k].word:
            return  # the sentence goes on ("… của Tổng thống Putin cho biết"): not an apposition that ends here
        start = self._index_at(position.mention.start)
        position.text = self._span(start, k)
        position.mention = self._mention(start, k)

    def _next_apposition(self, end: int) -> bool:
        """After a position, ", Name,": the position introduces that name, not the one before."""
        if end + 1 >= self.n or self.tokens[end].text != ",":
            return False
        k = end + 1
        if not self._name_like(k) or self._run_start[k] != k:
            return False
        info = self._run(k)
        r = self._run_end[k]
        name = info.vietnamese or info.foreign
        return bool(name and name == (k, r) and not info.places and (r >= self.n or self.tokens[r].text in (",", ")")))

    def _index_at(self, offset: int) -> int:
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo
