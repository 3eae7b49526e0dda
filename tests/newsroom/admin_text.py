"""What the admin crawl looks for in rendered text: English words and Vietnamese words glued together.

Vietnamese is written one syllable per word, and a syllable has a small, closed shape (onset + rhyme, one
tone mark), so a run of letters with Vietnamese marks that is not one syllable ("nhậpcủa") is two words
glued together, and an unmarked word that is not a possible Vietnamese syllable ("Password", "None",
"Root", "usage") is a foreign word. Proper names and technical words a newsroom writes as they are form a
short, reviewed allow-list. English words that happen to be Vietnamese syllables ("to", "can", "the")
are left to ``scripts/admin_strings.py``, which recognises whole Wagtail/Django catalogue strings.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

# Reviewed: names of products and formats, and keyboard keys shown by the shortcuts dialog.
ALLOWED_WORDS = frozenset({
    "wagtail", "draftail", "youtube", "facebook", "zalo", "tiktok", "email", "webp", "avif", "jpeg", "png",
    "gif", "svg", "pdf", "mp3", "mp4", "html", "url", "seo", "sapo", "slug", "ctrl", "shift", "alt", "cmd",
    "enter", "esc", "tab", "infographic", "magazine", "emagazine", "media", "video", "podcast", "logo",
    "online", "chromium", "toasoan", "byte", "kb", "mb", "markdown", "https", "http", "ascii", "unicode",
    "javascript", "wifi", "ok",
})

ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?"
RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
e ec ech em en eng enh eo ep et eu
i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu
o oc oi om on ong op ot ooc oong
oa oac oach oai oam oan oang oanh oao oap oat oay oe oem oen oeo oet
u ua uan uang uat uay uc ue uech uen uenh uet ui um un ung uo uoc uoi uom uon uong uop uot uou up ut uu
uy uya uych uyen uyet uynh uyt uyu
y yem yen yet yeu
""".split()  # noqa: SIM905 - a table is easier to review as text
SYLLABLE = re.compile(rf"^{ONSET}(?:{'|'.join(sorted(RHYMES, key=len, reverse=True))})$")
LETTERS = re.compile(r"[^\W\d_]+")
# Not words: addresses, e-mail addresses, file names, paths, identifiers with digits.
NOT_WORDS = re.compile(
    r"\w+://\S+|\S+@\S+\.\w+|\S+\.(?:png|jpe?g|gif|webp|avif|svg|pdf|mp3|mp4|html|txt|ogg|webm)\b|(?<!\w)/\S*"
    r"|\b\w*\d\w*\b|\b[\w.-]+\.(?:vn|com|net|org|local)\b|\b[a-z_]+\.[a-z_]+\b", re.IGNORECASE)


def fold(word: str) -> str:
    """Lower case without tone or vowel marks; đ -> d."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def is_syllable(word: str) -> bool:
    return bool(SYLLABLE.match(fold(word)))


@dataclass(frozen=True)
class Fault:
    kind: str  # "english" or "glued"
    word: str
    text: str


def faults(text: str, *, allowed: frozenset[str] = ALLOWED_WORDS) -> list[Fault]:
    """English words and glued words in one collected text."""
    found = []
    for word in LETTERS.findall(NOT_WORDS.sub(" ", text)):
        if word.casefold() in allowed or len(word) == 1:
            continue
        if any(a.islower() and b.isupper() for a, b in itertools.pairwise(word)):
            found.append(Fault("glued", word, text))  # "lạiBan": a capital inside a word
        elif word.isascii():
            if word.isupper() and len(word) <= 6:
                continue  # an abbreviation: UBND, TTXVN, ID
            if not is_syllable(word):
                found.append(Fault("english", word, text))
        elif not is_syllable(word):
            found.append(Fault("glued", word, text))
    return found


def words_outside(text: str, allowed: frozenset[str] = ALLOWED_WORDS) -> bool:
    """Whether ``text`` has a word that is not an address, a file name, a number or an allowed word."""
    return any(word.casefold() not in allowed for word in LETTERS.findall(NOT_WORDS.sub(" ", text)))
