"""Where the name of a body ends: after a proper name or a foreign brand, before a foreign person's name, with a
unit's number, over the lower-case words of a field ("Cục Quản lý | đăng ký kinh doanh")."""

from __future__ import annotations

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.spans import _NAME_NOUNS, _Spans
from toasoan.entities.extraction.tokens import _SENTENCE_END, _is_foreign
from toasoan.entities.lexicon import PhraseSet

# Lower-case words that go on with a name after a foreign word: "Ngân hàng Agribank chi nhánh Krông Bông", "Ủy ban
# Olympic quốc tế".
_BRAND_GOES_ON = PhraseSet(["chi nhánh", "quốc tế", "quốc gia", "thế giới", "toàn cầu", "khu vực", "trung ương",
                            "chi nhanh", "quoc te", "quoc gia", "the gioi", "toan cau", "khu vuc", "trung uong"])
# Letters only Vietnamese writes (with its tone marks): a foreign person's name has none of them.
_VIETNAMESE_LETTERS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


# English words for buildings and places that end a name after a given name ("Wanda Plaza", "Barry Farm").
_ENGLISH_PLACE_WORDS = frozenset({
    "plaza", "tower", "towers", "mall", "square", "street", "avenue", "garden", "gardens", "house",
    "building", "bridge", "beach", "island", "bay", "lake", "river", "mountain", "farm", "village", "heights", "hill",
    "hills", "station", "port", "palace", "arena", "stadium", "church", "cathedral", "bar", "cafe", "restaurant",
})
# Words for regions written before their name ("vùng Gilgit Baltistan", "bang Kerala").
_REGION_WORDS = frozenset({"vùng", "vung", "miền", "mien", "bang", "khu", "xứ", "xu", "đảo", "dao", "hạt", "hat"})


class _NameEnds(_Spans):
    def _body_ends_at(self, k0: int, k: int) -> bool:
        """Whether a listed or complete body, a paper or agency the press names bare, or a country ends right before
        ``k``."""
        for t in range(max(k0, k - 4), k):
            for phrases in (lexicon.whole_orgs(), lexicon.known_orgs(), lexicon.title_places()):
                found = self._match(phrases, t)
                if found and found[0] == k:
                    return True
            head = self._match(lexicon.org_heads(), t)
            if head and head[0] == k and head[1] == "complete":
                return True  # "Chính phủ | Steffen Seibert", "Nhà Trắng | Sarah Sanders"
        return False

    def _foreign_tail_name(self, k: int) -> bool:
        """One to three foreign words that end the capitalised run at ``k`` and name no body, place or paper."""
        end = self._run_end[k]
        if not 1 <= end - k <= 3:
            return False
        if any(_VIETNAMESE_LETTERS.intersection(self.tokens[t].text.lower()) for t in range(k, end)):
            return False  # "Huyện ủy | Krông Pắk": a place of the highlands written with Vietnamese letters
        return all(_is_foreign(self.tokens[t]) for t in range(k, end)) and not any(
            self.tokens[t].abbr or self._match(lexicon.title_places(), t) or self._match(lexicon.org_heads(), t)
            or self._match(lexicon.known_orgs(), t) or fold(self.tokens[t].text) in lexicon.ENGLISH_ORG_WORDS
            or self._match(lexicon.bare_places(), t) or self._match(lexicon.local_places(), t)
            for t in range(k, end)
        )

    def _after_foreign_brand(self, k0: int, k: int) -> bool:
        """Whether the word before ``k`` is a foreign brand or an English word of a firm's name ("Posco", "Group")."""
        before = self.tokens[k - 1]
        return k - 1 >= k0 and before.cap and not before.abbr and (
            _is_foreign(before) or fold(before.text) in lexicon.ENGLISH_ORG_WORDS
        )

    def _after_proper_name(self, k0: int, k: int) -> bool:
        """Whether the words before ``k`` end on a proper name ("Nho Chiến"), not on a field ("Giao thông")."""
        tokens = self.tokens
        if k - 2 < k0 or not tokens[k - 1].cap or not tokens[k - 2].cap or tokens[k - 1].abbr or tokens[k - 2].abbr:
            return False
        if self._match(lexicon.org_heads(), k - 2) or self._match(lexicon.org_heads(), k - 1):
            return False
        for a in (k - 2, k - 1):
            word = self._match(lexicon.word_list(), a)
            if word and word[0] >= k:
                return False
        return self._match(lexicon.word_list(), k - 3) is None if k - 3 >= k0 else True

    def _described_body(self, k: int) -> bool:
        """A lower-case word for a body followed by no name: "cơ quan trao giải", not "đài truyền hình Việt Nam"."""
        head = self._match(lexicon.org_heads(), k)
        if head is None:
            return False
        end = self._finish_field_words(k, head[0])
        return end >= self.n or not (self.tokens[end].cap or self.tokens[end].abbr)

    def _finish_field(self, a: int, end: int) -> int:
        end = self._finish_field_words(a, end)
        tokens = self.tokens
        if (
            a < end < self.n - 1
            and tokens[end].key in ("số", "so")
            and tokens[end + 1].text.isdigit()
            and (end + 2 >= self.n or not tokens[end + 2].word or tokens[end + 2].cap or tokens[end + 2].abbr)
        ):
            return end + 2  # "Đội Cảnh sát giao thông số 3": the unit's number belongs to its name
        return end

    def _finish_field_words(self, a: int, end: int) -> int:
        """A name that stops on a field word needing an object ("Cục Quản lý") goes on over the lower-case words
        that follow, up to punctuation, a capitalised word or a verb: "Cục Quản lý đăng ký kinh doanh"."""
        tokens = self.tokens
        if end >= self.n or end - a < 2 or not tokens[end].word or tokens[end].cap or tokens[end].abbr:
            return end
        if self._place_ends_at(a, end):
            return end  # "Trường Đại học Y Hà Nội | công bố": a place ends the name
        word = self._match(lexicon.word_list(), end - 1) if tokens[end - 1].cap else None
        if word and word[0] > end and not any(tokens[t].cap or tokens[t].abbr for t in range(end, word[0])):
            overlap = self._match(lexicon.word_list(), end)
            # "Công ty Thoát | nước": the name stopped inside a word; "Liên Hợp Quốc | liên quan" did not
            return end if overlap and overlap[0] > word[0] else word[0]
        last = [" ".join(t.key for t in tokens[s:end]) for s in (end - 2, end - 1) if s > a and tokens[s].cap]
        if not any(words in lexicon.open_field_words() for words in last):
            return end
        stop = lexicon.org_stop_words()
        j = end
        while j < self.n and j - end < 5:
            token = tokens[j]
            if not token.word or token.cap or token.abbr or token.text[0].isdigit():
                break
            word = self._match(_NAME_NOUNS, j) or self._match(lexicon.word_list(), j)
            halt = self._match(stop, j)
            if word and word[0] > j + 1 and (not halt or halt[0] < word[0]):
                j = word[0]  # "đăng ký" is a word, though "đăng" alone is a verb
                continue
            if halt:
                break
            if self._match(lexicon.place_types(), j):
                break  # "… huyện X": the place is read by the tail
            j += 1
        while j > end and tokens[j - 1].key in ("và", "va"):
            j -= 1
        return j

    def _lower_phrase(self, a: int, b: int) -> bool:
        """Words in lower case from ``a`` to ``b``, the first of them perhaps capitalised because it opens a sentence
        ("Chuyên gia ngôn ngữ cơ thể Judi James…" as "… chuyên gia ngôn ngữ cơ thể Judi James")."""
        tokens = self.tokens
        first = tokens[a]
        if first.cap and not (a == 0 or tokens[a - 1].newline or tokens[a - 1].text in _SENTENCE_END):
            return False
        if not first.word or first.abbr:
            return False
        return all(t.word and not t.cap and not t.abbr for t in tokens[a + 1 : b])

    def _titled_from_afar(self, a: int, stop: PhraseSet) -> bool:
        """A title in lower case, then up to six lower-case words that say of what (perhaps "tại"/"ở"), right before the
        name: "phát ngôn viên cảnh sát Anita Senti", "giám đốc hành chính Jawdat Jawdat". Not across a body's or a
        region's word, which takes the name itself."""
        for start in range(max(0, a - 9), a - 2):
            if not self._lower_phrase(start, a):
                continue
            if start > 0 and self.tokens[start - 1].word and not self.tokens[start - 1].cap:
                continue  # the title must open the phrase ("… nói với lãnh đạo …" reads on from a verb)
            title_end = self._title_at(start)
            if title_end is None and (found := self._match(lexicon.honorifics(), start)) and found[0] > start + 1:
                title_end = found[0]  # ("bác", "cô" alone are words too: "bác bỏ phán quyết")
            if title_end is None or not start < title_end <= a - 2:
                continue
            k = title_end
            while k < a:
                if self._match(lexicon.org_heads(), k) or self._match(lexicon.place_types(), k) or (
                    self.tokens[k].key in _REGION_WORDS
                ):
                    return False  # "giám đốc tập đoàn liên doanh | BrahMos Aerospace", "tại vùng | Gilgit Baltistan"
                word = self._match(lexicon.word_list(), k)
                if word and k < word[0] <= a and word[0] > k + 1:
                    k = word[0]
                    continue
                if self.tokens[k].key not in ("tại", "tai", "ở", "o") and self._match(stop, k):
                    return False
                k += 1
            return True
        return False

    def _ends_as_a_place_or_body(self, end: int) -> bool:
        """A name after a given name that ends on an English word for a building, a place or a body: "Wanda Plaza",
        "Barry Farm", "Carrie Group" are no people (not "Park", "Hall": surnames too)."""
        last = fold(self.tokens[end - 1].text)
        return last in _ENGLISH_PLACE_WORDS or last in lexicon.ENGLISH_ORG_WORDS

    def _after_at(self, i: int) -> bool:
        """A bare name right after "ở", "tại" or "gần" is where something is: a street, a lake, a region ("ở Trần Khát
        Chân", "gần Barry Farm"), not a person."""
        if i == 0:
            return False
        before = self.tokens[i - 1]
        return before.key in (("o", "tai", "gan") if before.folded else ("ở", "tại", "gần"))  # (not "thiên tai")
