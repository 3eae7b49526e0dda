"""Tokens, sentences and capitalised runs of a text: the base of the extractor's parser."""

from __future__ import annotations

import bisect
import re

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction.tokens import (
    _KOREAN_GIVEN,
    _MAX_NAME,
    _NAME_PARTICLES,
    _OPEN_QUOTES,
    _SENTENCE_END,
    _TOKEN,
    _is_foreign,
    _recase_all_caps,
    _RunInfo,
    _Token,
)
from toasoan.entities.extraction_types import Mention, Organisation, Person, Place, Position
from toasoan.entities.lexicon import PhraseSet, key_of
from toasoan.entities.syllables import looks_vietnamese

_NOT_LETTERS = re.compile(r"[\W\d_]+")

# Initials inside a foreign name: "K" (of "Vincent K. Brooks"), "K.P".
_INITIALS = re.compile(r"^[A-Z](?:\.[A-Z])*$")
# Family names that open a name with two of them ("Phan Nguyễn Như Khuê"); not those that are also words of
# bodies and places ("Đoàn", "Châu").
_DOUBLE_SURNAMES = frozenset({"nguyen", "tran", "le", "pham", "phan", "vo", "vu", "hoang", "huynh", "dang", "bui",
                              "do", "ngo", "duong", "ly", "ton", "truong", "dinh"})
# Words after "Thị" that make a place or body, not a woman's name: "Thị xã", "Thị trấn", "Thị ủy".
_THI_WORDS = frozenset({"Xã", "Trấn", "Ủy", "Uỷ", "Trường", "Đội", "Đoàn", "Thành"})


# Two to four words in capitals inside a line that is not all capitals: a name written in capitals, when it is
# a Vietnamese surname and syllables.
_CAPS_NAME = re.compile(r"\b[A-ZĐÀ-Ỹ]{1,7}(?: [A-ZĐÀ-Ỹ]{1,7}){1,3}\b")


def _recase_caps_name(match: re.Match[str]) -> str:
    text = match.group(0)
    words = text.split(" ")
    count = 0
    while count < len(words) and words[count].isupper():
        count += 1
    titled = [word.capitalize() for word in words[:count]]
    if count < 2 or key_of(titled[0]) not in lexicon.surnames()[0] or not all(map(looks_vietnamese, titled)):
        return text
    result = " ".join(titled + words[count:])
    return result if len(result) == len(text) else text
# Last words of a local Party or youth body ("Huyện ủy", "Tỉnh uỷ", "Huyện đoàn"): its place's name follows.
_LOCAL_BODY_ENDS = frozenset({"ủy", "uỷ", "uy", "đoàn", "doan"})
_VIETNAMESE_MARKS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


class _Runs:
    def __init__(self, text: str) -> None:
        self.text = text
        self._matches: dict[tuple[int, int], tuple[int, object] | None] = {}
        self.tokens, self.work = self._tokenize(text)
        n = len(self.tokens)
        self.n = n
        self.used = [False] * n  # tokens inside a person's name
        self.in_position = [False] * n
        # Capitalised runs: where the run through token i ends and starts (the same as asking _name_like of each
        # neighbour, read once from a list: this runs for every token of every text).
        self._joined: set[int] = set()  # lower-case particles, initials and their dots taken into a name
        self._join_name_particles()
        caps = [token.cap for token in self.tokens]
        caps.append(False)
        run_end = self._run_end = [0] * (n + 1)
        run_start = self._run_start = [0] * n
        for i in range(n - 1, -1, -1):
            run_end[i] = run_end[i + 1] if caps[i] and caps[i + 1] else i + 1
        for i in range(1, n):
            if caps[i] and caps[i - 1]:
                run_start[i] = run_start[i - 1]
            else:
                run_start[i] = i
        self._runs: dict[int, _RunInfo] = {}
        self.sentence_spans = self._sentences()
        self._sentence_starts = [s for s, _ in self.sentence_spans]
        self.people: dict[str, Person] = {}
        self._positions: list[Position] = []
        self.organisations: dict[str, Organisation] = {}
        self.places: dict[str, Place] = {}
        surnames_exact, surnames_folded = lexicon.surnames()
        self._surnames = (surnames_exact, surnames_folded)

    # --- tokens ---------------------------------------------------------------------------------
    @staticmethod
    def _tokenize(text: str) -> tuple[list[_Token], str]:
        """Tokens, and the text they were read from: ALL CAPS lines are read in title case."""
        tokens: list[_Token] = []
        lines: list[str] = []
        offset = 0
        for line in text.split("\n"):
            letters = _NOT_LETTERS.sub("", line)
            folded = letters.isascii()  # no letter with a mark: the line is written without diacritics
            work = line
            if len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.9 * len(letters):
                titled = _recase_all_caps(line)
                if len(titled) == len(line):
                    work = titled
            if work is line and _CAPS_NAME.search(line):
                work = _CAPS_NAME.sub(_recase_caps_name, line)  # "Thủ tướng NGUYỄN XUÂN PHÚC"
            lines.append(work)
            tokens += [_Token(match.group(), offset + match.start(), folded) for match in _TOKEN.finditer(work)]
            offset += len(line)
            tokens.append(_Token("\n", offset, folded))
            offset += 1
        if tokens:
            tokens.pop()
        return tokens, "\n".join(lines)

    def _join_name_particles(self) -> None:
        """A lower-case particle between two foreign name words belongs to the name: "Thomas de Maizière",
        "Salman bin Abdulaziz", "Ludwig van Beethoven"."""
        tokens = self.tokens
        joined = self._joined
        n = len(tokens)
        for i in range(1, n - 1):
            token = tokens[i]
            before = tokens[i - 1]
            if token.text in _NAME_PARTICLES:
                after = tokens[i + 1]
                if before.cap and after.cap and _is_foreign(before) and _is_foreign(after):
                    token.cap = True
                    joined.add(i)
            elif _INITIALS.match(token.text) and before.cap and _is_foreign(before):
                # "Vincent K. Brooks", "George W. Bush", "Nepal K.P Sharma Oli": initials inside a foreign name
                dot = i + 1 < n and tokens[i + 1].text == "."
                k = i + 2 if dot else i + 1
                if k < n and tokens[k].cap and _is_foreign(tokens[k]) and not tokens[k].newline:
                    token.cap = True
                    joined.add(i)
                    if dot:
                        tokens[i + 1].cap = True
                        joined.add(i + 1)

    def _name_like(self, i: int) -> bool:
        return i < self.n and self.tokens[i].cap

    def _is_surname(self, i: int) -> bool:
        token = self.tokens[i]
        return token.key in self._surnames[1 if token.folded else 0]

    def _span(self, a: int, b: int) -> str:
        return self.work[self.tokens[a].start : self.tokens[b - 1].end]

    def _match(self, phrases: PhraseSet, i: int) -> tuple[int, object] | None:
        """Longest phrase of ``phrases`` starting at token ``i``: (end token, value). Memoised per text."""
        if i >= self.n:
            return None
        token = self.tokens[i]
        if not token.word or token.key not in (phrases.first_folded if token.folded else phrases.first_exact):
            return None
        cache_key = (id(phrases), i)
        if cache_key in self._matches:
            return self._matches[cache_key]
        tokens = self.tokens
        table, prefixes = (phrases.folded, phrases.prefix_folded) if token.folded else (phrases.exact,
                                                                                         phrases.prefix_exact)
        keys: list[str] = [token.key]
        for j in range(i + 1, min(self.n, i + phrases.max_len)):
            if tokens[j].newline:
                break
            if len(keys) > 1 and tuple(keys) not in prefixes:
                break  # no phrase goes on after these words: none longer than them can match
            keys.append(tokens[j].key)
        found = None
        for length in range(len(keys), 0, -1):
            value = table.get(tuple(keys[:length]))
            if value is not None:
                found = (i + length, value)
                break
        self._matches[cache_key] = found
        return found

    def _sentences(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        tokens = self.tokens
        start: int | None = None
        for i, token in enumerate(tokens):
            if token.newline:
                if start is not None:
                    spans.append((start, tokens[i - 1].end))
                start = None
                continue
            if start is None:
                start = token.start
            if token.text in _SENTENCE_END and i + 1 < self.n and i not in self._joined:
                following = tokens[i + 1]
                if following.cap or following.abbr or following.text in _OPEN_QUOTES:
                    spans.append((start, token.end))
                    start = None
        if start is not None and tokens:
            spans.append((start, tokens[-1].end))
        return spans or [(0, len(self.text))]

    def _mention(self, a: int, b: int) -> Mention:
        start, end = self.tokens[a].start, self.tokens[b - 1].end
        sentence = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
        return Mention(start=start, end=end, sentence=sentence)

    # --- capitalised runs: where does a name start? ---------------------------------------------
    def _run(self, i: int) -> _RunInfo:
        start = self._run_start[i]
        info = self._runs.get(start)
        if info is None:
            info = self._analyse_run(start, self._run_end[start])
            self._runs[start] = info
        return info

    def _analyse_run(self, start: int, end: int) -> _RunInfo:
        places: list[tuple[int, int]] = []
        blocked: set[int] = set()
        k = start
        gazetteer = lexicon.title_places()
        while k < end:
            found = self._match(gazetteer, k)
            if found and found[0] <= end:
                places.append((k, found[0]))
                blocked.update(range(k, found[0]))
                k = found[0]
            else:
                k += 1
        best: tuple[int, int] | None = None
        best_score = -1
        for p in range(max(start, end - _MAX_NAME), end - 1):
            if p in blocked or not (self._is_surname(p) or self._before_thi(p, end)):
                continue
            if any(ch.isdigit() for ch in self._span(p, end)):
                continue
            if p + 1 < end and all(_is_foreign(self.tokens[t]) for t in range(p + 1, end)):
                continue  # "Âu Jean-Claude Juncker" (of "châu Âu"): a Vietnamese surname before a foreign name
            length = end - p
            score = {3: 3, 4: 2, 2: 1}.get(length, 0)
            if score >= best_score:
                best, best_score = (p, end), score
        first = best[0] - 1 if best else -1
        if best and best[1] - best[0] == 3 and first >= start and first not in blocked and (
            fold(self.tokens[first].text) in _DOUBLE_SURNAMES and not self._is_surname(best[0] + 1)
            and (first - 1 < start or first - 1 in blocked or _is_foreign(self.tokens[first - 1]))
        ):
            # "Phan Nguyễn Như Khuê", "Trần Nguyễn Long Thành", "(Techcombank) Nguyễn Lê Quốc Anh": two family names
            best = (best[0] - 1, best[1])
        foreign: tuple[int, int] | None = None
        tail_start = places[-1][1] if places else start
        k = tail_start
        while k < end:  # a foreign name never starts inside an organisation's name ("Điện Kremlin Dmitry Peskov")
            head = self._match(lexicon.org_heads(), k)
            if head and head[1] == "complete" and head[0] <= end:
                tail_start = k = head[0]
            else:
                k += 1
        if tail_start < end:
            given = next((t for t in range(tail_start, end - 1) if self._is_given_name(t)), None)
            if given is not None and end - given <= 4:
                foreign = (given, end)
            elif any(_is_foreign(self.tokens[t]) for t in range(tail_start, end)):
                first = max(tail_start, end - 3)
                joined = self._joined
                while first > tail_start and (first in joined or first - 1 in joined):
                    first -= 1  # "Jassim bin Saif al-Sulaiti": a particle joins the words on both sides
                while (
                    end - first > 2
                    and first + 1 not in joined
                    and not _is_foreign(self.tokens[first])
                    and all(_is_foreign(self.tokens[t]) for t in range(first + 1, end))
                ):
                    first += 1  # "(châu) Âu | Jean-Claude Juncker", but "(Huawei) Mạnh Vãn Chu" stays whole
                foreign = (first, end)
        return _RunInfo(vietnamese=best, foreign=foreign, places=places)

    def _before_thi(self, p: int, end: int) -> bool:
        """A surname the list lacks, known by the middle name of women: "Tòng Thị Phóng", "Đèo Thị Hoa"."""
        return (
            p + 2 < end
            and self.tokens[p + 1].text == "Thị"
            and self.tokens[p + 2].text not in _THI_WORDS
            and looks_vietnamese(self.tokens[p].text)
            and self._title_at(p) is None
        )

    def _is_given_name(self, k: int) -> bool:
        """A foreign given name that opens a name ("Dave Majumdar"), or a Korean surname before a
        hyphenated given name ("Kim Jong-un")."""
        token = self.tokens[k]
        if token.text.lower() in lexicon.foreign_given_names() or (
            "-" in token.text and token.text.split("-")[0].lower() in lexicon.foreign_given_names()
        ):
            return True  # "John", "Jean-Claude"
        following = self.tokens[k + 1].text if k + 1 < self.n else ""
        if fold(token.text) not in lexicon.KOREAN_SURNAMES:
            return False
        if _KOREAN_GIVEN.match(following):
            return True
        # "Kim Jong Un", "Moon Jae In": the given name written as two capitalised syllables, one of them not Vietnamese
        pair = self.tokens[k + 1 : k + 3]
        return (
            len(pair) == 2
            and all(t.cap and len(t.text) <= 5 and t.text.isascii() for t in pair)
            and any(_is_foreign(t) for t in pair)
            and self._run_end[k] == k + 3
            and not any(  # "Nhật Bản Ito Naoki": "Bản" ends a country, no Korean surname
                (found := self._match(lexicon.title_places(), a)) and found[0] > k for a in range(max(0, k - 3), k + 1)
            )
        )

    def _name_starts(self, k: int, *, foreign: bool) -> bool:
        if not self._name_like(k):
            return False
        info = self._run(k)
        if info.vietnamese and info.vietnamese[0] == k:
            return True
        return bool(
            foreign and info.vietnamese is None and info.foreign and info.foreign[0] == k
            and not (self._run_end[k] == k + 1 and self._match(lexicon.known_orgs(), k))  # "đồng sáng lập | Google"
            and not self._highland_place_after_body(k, info.foreign[1])
        )

    def _highland_place_after_body(self, a: int, b: int) -> bool:
        """Words after a local Party or youth body ("Huyện uỷ", "Tỉnh ủy", "Huyện đoàn") written with Vietnamese letters
        though not Vietnamese syllables: "Huyện uỷ | Krông Pắk" names the district, no foreign person."""
        return a > 0 and self.tokens[a - 1].key in _LOCAL_BODY_ENDS and any(
            _VIETNAMESE_MARKS.intersection(t.text.lower()) for t in self.tokens[a:b]
        )
