"""Spans of the extractor's parser: where titles, words, places and the names of bodies begin and end."""

from __future__ import annotations

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.runs import _Runs
from toasoan.entities.extraction.tokens import _DASHES, _MAX_LOWER_RUN, _OPEN_QUOTES, _SENTENCE_END
from toasoan.entities.lexicon import PhraseSet
from toasoan.entities.syllables import looks_vietnamese

# Heads whose name is often a person's name or a place: clubs, teams, companies (lexicon keys, and folded).
_NAMED_HEADS = frozenset({
    ("clb",), ("fc",), ("câu", "lạc", "bộ"), ("cau", "lac", "bo"), ("đội", "tuyển"), ("doi", "tuyen"),
    ("đội", "bóng"), ("doi", "bong"), ("tập", "đoàn"), ("tap", "doan"), ("công", "ty"), ("cong", "ty"),
})
# Nouns of names that start with a stop word: "văn phòng tổng thống", "hãng hàng không", "Trường Sĩ quan không quân".
_NAME_NOUNS = PhraseSet([
    "tổng thống", "tổng cục", "tổng công ty", "tổng giám đốc", "tổng biên tập", "tổng thư ký", "tổng tham mưu",
    "tổng liên đoàn", "hàng không", "hàng hải", "không quân", "phòng không", "người tiêu dùng", "người có công",
    "người cao tuổi", "người khuyết tật", "người lao động", "người nước ngoài", "người việt nam", "cấp cao",
    "tội phạm",
])
# Words that open a title as a modifier ("quyền Bộ trưởng", "tân Tổng thống") and also end other words
# ("chính quyền", "cách tân").
_TITLE_MODIFIERS = frozenset({"quyền", "quyen", "tân", "tan", "nguyên", "nguyen", "cựu", "cuu"})


# Words that open a noun phrase of their own after "và": "… | và các lãnh đạo", "… | và những người".
_DETERMINERS = frozenset({"các", "cac", "những", "nhung", "mọi", "moi", "một", "mot", "nhiều", "nhieu", "cả", "ca"})


class _Spans(_Runs):
    def _starts_sentence(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence, a line, a quotation or a clause after a colon or a dash."""
        before = self.tokens[i - 1] if i > 0 else None
        return before is None or before.newline or before.text in _SENTENCE_END or before.text in _OPEN_QUOTES or (
            before.text in (":", "-", "–", ";")
        )

    def _glued_to_name(self, i: int) -> bool:
        """A one-word place written right after a capitalised Vietnamese syllable is the end of another name:
        "huyện Kỳ Anh", "thị xã Phú Mỹ", not England or America."""
        if i < 2 or self._starts_sentence(i) or self._starts_sentence(i - 1):
            return False  # ("Tại Anh", "Ở Mỹ": a sentence's first word)
        before = self.tokens[i - 1]  # ("TX.Phú Mỹ": the syllable after an abbreviation's dot)
        return before.cap and looks_vietnamese(before.text.rsplit(".", 1)[-1]) and self._title_at(i - 1) is None

    def _title_at(self, i: int) -> int | None:
        found = self._match(lexicon.titles(), i)
        if found and i > 0 and self.tokens[i].key in _TITLE_MODIFIERS:
            before = self.tokens[i - 1]
            words = lexicon.word_list()
            if (before.key, self.tokens[i].key) in (words.folded if before.folded else words.exact):
                return None  # "chính quyền Tổng thống Assad": the modifier is the end of a word, the title is after it
        return found[0] if found else None

    def _word_end(self, k: int) -> int:
        """End of the dictionary word at ``k`` ("Tổ chức"), never a lower-case syllable after further
        capitalised ones ("Việt Nam | thống nhất")."""
        found = self._match(lexicon.word_list(), k)
        if not found or found[0] <= k + 1:
            return k + 1
        end = found[0]
        while end > k + 1 and not self.tokens[end - 1].cap and any(t.cap for t in self.tokens[k + 1 : end - 1]):
            end -= 1
        return end

    def _only_places(self, a: int, b: int) -> bool:
        """Whether tokens ``a``..``b`` are nothing but place names ("Campuchia" in "Thủ tướng Campuchia")."""
        k = a
        while k < b:
            found = self._match(lexicon.title_places(), k)
            if not found or found[0] > b:
                return False
            k = found[0]
        return True

    def _new_body_at(self, k: int) -> bool:
        """A further body across a dash: "Cục Môi trường miền Nam | - Tổng cục Môi trường" (a one-word head such as
        "Đảng" in "khối Dân - Chính - Đảng" is a word of the name)."""
        head = self._match(lexicon.org_heads(), k)
        return bool(head and (head[0] - k >= 2 or self.tokens[k].key in ("bộ", "cục", "sở", "viện", "vụ")))

    def _head_ends_at(self, k: int) -> bool:
        """Whether an organisation head ("Bộ", "Văn phòng", "Ủy ban") ends right before token ``k``."""
        for a in range(max(0, k - 3), k):
            head = self._match(lexicon.org_heads(), a)
            if head and head[0] == k:
                return True
        return False

    def _named_after_head(self, k: int) -> bool:
        """A club, team or company head right before ``k``: the name that follows is its name ("CLB | Hoàng Anh Gia
        Lai", "Tập đoàn | Trần Anh"), not a person's."""
        for size in (2, 1):
            a = k - size
            if a >= 0 and tuple(t.key for t in self.tokens[a:k]) in _NAMED_HEADS:
                return True
        return False

    def _name_after_place(self, k: int) -> bool:
        """Two or three capitalised words after a country or province that end an organisation: no head, place or
        abbreviation among them, so a person's name."""
        end = self._run_end[k]
        if not 2 <= end - k <= 3:
            return False
        return not any(
            self.tokens[t].abbr or self._match(lexicon.org_heads(), t) or self._match(lexicon.title_places(), t)
            or self._match(lexicon.place_types(), t)
            for t in range(k, end)
        )

    def _local_pair(self, k: int) -> bool:
        """Two capitalised words that are a district or ward ("bệnh viện Đa khoa | Hà Đông"), not a two-word name."""
        end = self._run_end[k]
        found = self._match(lexicon.local_places(), k) if end - k == 2 else None
        return bool(found and found[0] == end)

    def _place_type_before_name(self, k: int) -> bool:
        """A place type word followed by a capitalised name ("huyện X | tỉnh Y"): the name goes on."""
        found = self._match(lexicon.place_types(), k)
        return bool(found and found[0] < self.n and (self._name_like(found[0]) or self.tokens[found[0]].abbr))

    def _place_ends_at(self, k0: int, k: int) -> bool:
        """Whether a country or province name ends right before token ``k`` (after ``k0``)."""
        for start in range(max(k0, k - 3), k):
            found = self._match(lexicon.title_places(), start)
            if found and found[0] == k:
                return True
        return False

    def _abbreviation_in_brackets(self, k: int) -> bool:
        """"(HTX)" at ``k`` after "Hợp tác xã": a bracketed abbreviation of the words right before it."""
        tokens = self.tokens
        if k + 3 >= self.n or not tokens[k + 1].abbr or tokens[k + 2].text != ")" or not tokens[k + 3].word:
            return False
        letters = fold(tokens[k + 1].text).replace("&", "").replace("-", "")
        size = len(letters)
        if not 2 <= size <= 5 or size > k:
            return False
        initials = "".join(fold(t.text)[:1] for t in tokens[k - size : k])
        return initials == letters

    def _pair_across_dash(self, k0: int, dash: int) -> bool:
        """Names of bodies that join two words or two countries with dashes: "Trường mầm non Việt - Lào", "Bệnh viện
        Việt Nam - Thuỵ Điển", "Tổng công ty Bia - Rượu - Nước giải khát Sài Gòn"."""
        nxt = dash + 1
        if not self.tokens[dash - 1].cap or (self._only_places(k0, dash) and not self._head_ends_at(k0)):
            return False  # "Ngoại trưởng Triều Tiên - Nhật Bản": two countries, no body
        if nxt + 1 < self.n and self.tokens[nxt + 1].text in _DASHES and self._run_end[nxt] == nxt + 1:
            return True  # one word between two dashes: a list inside the name
        if not self._match(lexicon.title_places(), nxt):
            return False
        if self._run_start[dash - 1] == dash - 1:
            return True  # "Việt - Lào"
        return any(
            (found := self._match(lexicon.title_places(), start)) and found[0] == dash
            for start in range(max(0, dash - 3), dash)
        )  # "Việt Nam - Thuỵ Điển"

    def _place_across_dash(self, dash: int) -> bool:
        """ "Thừa Thiên - Huế", "Bà Rịa - Vũng Tàu": a place name written around a dash."""
        a = dash - 1
        while a > 0 and self.tokens[a - 1].cap and a > dash - 3:
            a -= 1
        for start in range(a, dash):
            found = self._match(lexicon.bare_places(), start)
            if found and found[0] > dash:
                return True
        return False

    def _lower_bridge(self, k: int, *, foreign: bool) -> int:
        """Where lower-case words that continue a name end, or ``k`` when they do not.

        They continue it when they are not verbs or function words and what follows them ends a
        name: a comma, bracket or dash, a capitalised word or abbreviation, or — when they are all
        field words ("vận tải", "chất lượng") — the end of the sentence or a verb.
        """
        tokens = self.tokens
        stop = lexicon.org_stop_words()
        if (
            tokens[k].key in ("và", "va")
            and k + 1 < self.n
            and tokens[k + 1].word
            and not (tokens[k + 1].cap or tokens[k + 1].abbr)
            and (tokens[k + 1].key in _DETERMINERS or self._match(stop, k + 1))
            and not self._match(_NAME_NOUNS, k + 1)
        ):
            return k  # "Hội Sinh viên Việt Nam | và các lãnh đạo …": "và" joins no field of the name
        j = k
        while j < self.n and j - k < _MAX_LOWER_RUN:
            token = tokens[j]
            if not token.word or token.cap or token.abbr or token.newline:
                break
            if token.text.isdigit():
                break
            if j > k and tokens[j - 1].key in ("và", "va", "kiêm", "kiem") and self._title_at(j) is not None:
                break  # "thứ trưởng Bộ Công an | và thượng tướng Trần Việt Tân": a second person's title
            if self._match(stop, j):
                noun = self._match(_NAME_NOUNS, j)
                if noun is None:
                    break
                j = noun[0]  # "tổng" ends a name ("tổng số"), "tổng thống", "không quân" do not
                continue
            j += 1
        and_before = j > k and tokens[j - 1].key in ("và", "va") and j < self.n and (tokens[j].cap or tokens[j].abbr)
        while j > k and tokens[j - 1].key in ("và", "va"):
            j -= 1
        if j == k:
            return k
        if and_before and self._title_at(j + 1) is None and not self._match(lexicon.org_heads(), j + 1) and not (
            self._match(lexicon.known_orgs(), j + 1)
        ):
            return j  # "Cục Phát thanh truyền hình | và Thông tin điện tử": "và" joins two fields of one name
        word = self._match(lexicon.word_list(), j - 1) if j < self.n and not (tokens[j].cap or tokens[j].abbr) else None
        if word and word[0] > j:
            return k  # "Trường CĐ Việt Mỹ - | xuất trình": the words run into a verb
        if j == k + 1 and tokens[k].key in ("và", "va") and j < self.n and self._match(lexicon.org_heads(), j):
            return k  # two organisations: "Cục Thuế tỉnh Gia Lai | và CTCP Hoàng Anh Gia Lai"
        domain = all(
            tokens[t].key in lexicon.domain_words() or tokens[t].key in ("và", "va")
            or self._match(lexicon.place_types(), t)
            for t in range(k, j)
        )  # "Trung tâm Huấn luyện thể thao tỉnh."
        if (
            not domain
            and j < self.n
            and (tokens[j].text in (",", ")", "(") or tokens[j].text in _DASHES)
            and tokens[k].key not in lexicon.domain_words()
            and not self._match(lexicon.word_list(), k)
            and not (k > 0 and (word := self._match(lexicon.word_list(), k - 1)) and word[0] > k)
        ):
            return k  # "Đảng bộ xã | chú trọng…": a name goes on with a field of work, not any word
        if j >= self.n or tokens[j].newline or tokens[j].text in (".", "?", "!", ";", ":", "\"", "”"):
            return j if domain else k  # "… Nghi Lộc | phát biểu." is a verb at the end of a sentence
        after = tokens[j]
        if after.text in (",", ")", "(") or after.text in _DASHES:
            return j
        if (after.cap or after.abbr) and self._title_at(j) is None:
            return j
        if self._match(stop, j) and domain:
            return j  # "Sở Giao thông vận tải | làm chủ đầu tư": fields of administration only
        return k
