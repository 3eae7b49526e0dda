"""Recognise Wagtail's (and Django's) admin strings in text collected from the screens.

A string seen on a screen is *English* when it is the English text (msgid) of a string of Wagtail's or
Django's catalogues (placeholders such as ``%(count)s`` match anything), or when it is plainly English
(ASCII words, most of which are words of those catalogues). It is *translated* when it is the Vietnamese
text of such a string, from Wagtail's own ``vi`` catalogue or from the project's (``toasoan/locale/vi``).

Used by ``tests/newsroom/test_admin_screens.py`` (which collects the strings in Chromium) and by
``scripts/translation_coverage.py`` (which reports the fractions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from po import Entry, key, read_po

REPO = Path(__file__).resolve().parent.parent
OUR_LOCALE = REPO / "toasoan" / "locale" / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|__\w+__")
WORD = re.compile(r"[A-Za-z]+")
# Names and technical words a Vietnamese newsroom writes as they are.
KEEP_AS_IS = {
    "wagtail", "email", "e-mail", "url", "urls", "seo", "id", "sapo", "slug", "html", "pdf", "ok", "avif",
    "webp", "jpeg", "png", "gif", "svg", "rss", "api", "http", "https", "tòa soạn", "draftail", "markdown",
    "ctrl", "shift", "alt", "enter", "esc", "tab", "cmd", "youtube", "facebook", "zalo", "twitter", "x",
}


def wagtail_dir() -> Path:
    import wagtail

    return Path(wagtail.__file__).resolve().parent


def django_dir() -> Path:
    import django

    return Path(django.__file__).resolve().parent


def normalise(text: str) -> str:
    return " ".join(text.split()).strip(" :.…*").casefold()


@dataclass
class Catalogue:
    """One gettext domain of one app: its English entries and Wagtail's own Vietnamese for them."""

    app: str
    domain: str
    entries: list[Entry]
    vi_upstream: dict[str, Entry]

    @property
    def name(self) -> str:
        return f"{self.app}:{self.domain}"


def wagtail_catalogues() -> list[Catalogue]:
    root = wagtail_dir()
    found = []
    for en in sorted(root.rglob("locale/en/LC_MESSAGES/*.po")):
        domain = en.stem
        app = str(en.parent.parent.parent.parent.relative_to(root)) or "core"
        app = "core" if app == "." else app
        vi = en.parent.parent.parent / "vi" / "LC_MESSAGES" / en.name
        upstream = {key(e): e for e in read_po(vi) if e.msgid and e.translated} if vi.exists() else {}
        found.append(Catalogue(app=f"wagtail.{app}".replace("/", "."), domain=domain,
                               entries=[e for e in read_po(en) if e.msgid], vi_upstream=upstream))
    return found


def django_catalogues() -> list[Catalogue]:
    """Django's own strings and django-taggit's (the tag field of the article form)."""
    import taggit

    root = django_dir()
    found = []
    for app, en in [("django", root / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"),
                    ("django.contrib.auth", root / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES" / "django.po"),
                    ("taggit", Path(taggit.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po")]:
        vi = en.parent.parent.parent / "vi" / "LC_MESSAGES" / "django.po"
        upstream = {key(e): e for e in read_po(vi) if e.msgid and e.translated} if vi.exists() else {}
        found.append(Catalogue(app=app, domain="django", entries=[e for e in read_po(en) if e.msgid],
                               vi_upstream=upstream))
    return found


def ours(domain: str) -> dict[str, Entry]:
    path = OUR_LOCALE / f"{domain}.po"
    return {key(e): e for e in read_po(path) if e.msgid and e.translated} if path.exists() else {}


def _texts(entry: Entry) -> list[str]:
    return [t for t in (entry.msgid, entry.msgid_plural) if t]


def _vi_texts(entry: Entry) -> list[str]:
    return [t for t in (entry.msgstr, *entry.msgstr_plural.values()) if t]


def _pattern(text: str) -> re.Pattern | None:
    """A regex for a text with placeholders (None when it has none or too little literal text)."""
    parts = PLACEHOLDER.split(text)
    if len(parts) == 1 or (len(WORD.findall("".join(parts))) < 2 and len("".join(parts).strip()) < 6):
        return None
    body = ".+?".join(re.escape(normalise(p) if p.strip() else p) for p in parts)
    return re.compile(rf"^{body}$", re.IGNORECASE)


@dataclass
class Finding:
    text: str
    entry_key: str | None  # the catalogue string recognised, if any
    translated: bool


@dataclass
class Recogniser:
    catalogues: list[Catalogue] = field(default_factory=lambda: [*wagtail_catalogues(), *django_catalogues()])

    @cached_property
    def translations(self) -> dict[str, dict[str, Entry]]:
        """Every Vietnamese translation in force, per domain and catalogue key (the project's first, as Django
        loads ``LOCALE_PATHS`` before the apps' catalogues)."""
        merged: dict[str, dict[str, Entry]] = {domain: {} for domain in DOMAINS}
        for catalogue in self.catalogues:
            merged[catalogue.domain].update(catalogue.vi_upstream)
        for domain in DOMAINS:
            merged[domain].update(ours(domain))
        return merged

    def is_translated(self, entry: Entry, *, domain: str = "django") -> bool:
        found = self.translations[domain].get(key(entry))
        return bool(found) and found.translated

    @cached_property
    def _english(self) -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
        exact: dict[str, str] = {}
        patterns: list[tuple[re.Pattern, str]] = []
        for catalogue in self.catalogues:
            for entry in catalogue.entries:
                for text in _texts(entry):
                    if normalise(text) in KEEP_AS_IS or not WORD.search(text):
                        continue
                    pattern = _pattern(text)
                    if pattern is not None:
                        patterns.append((pattern, key(entry)))
                    elif not PLACEHOLDER.search(text):
                        exact.setdefault(normalise(text), key(entry))
        return exact, patterns

    @cached_property
    def _vietnamese(self) -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
        english_keys = {key(e) for c in self.catalogues for e in c.entries}
        exact: dict[str, str] = {}
        patterns: list[tuple[re.Pattern, str]] = []
        for entry_key, entry in [item for table in self.translations.values() for item in table.items()]:
            if entry_key not in english_keys:
                continue
            for text in _vi_texts(entry):
                pattern = _pattern(text)
                if pattern is not None:
                    patterns.append((pattern, entry_key))
                elif not PLACEHOLDER.search(text) and normalise(text):
                    exact.setdefault(normalise(text), entry_key)
        return exact, patterns

    @cached_property
    def english_words(self) -> set[str]:
        words = set()
        for catalogue in self.catalogues:
            for entry in catalogue.entries:
                for text in _texts(entry):
                    words.update(w.casefold() for w in WORD.findall(PLACEHOLDER.sub(" ", text)) if len(w) > 2)
        return words - {w.casefold() for w in KEEP_AS_IS}

    @staticmethod
    def _match(text: str, table: tuple[dict[str, str], list[tuple[re.Pattern, str]]]) -> str | None:
        exact, patterns = table
        norm = normalise(text)
        if norm in exact:
            return exact[norm]
        for pattern, entry_key in patterns:
            if pattern.match(norm):
                return entry_key
        return None

    def plainly_english(self, text: str) -> bool:
        if not text.isascii() or normalise(text) in KEEP_AS_IS:
            return False
        words = [w.casefold() for w in WORD.findall(text)]
        if not words or any(w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()):
            return False
        known = [w for w in words if w in self.english_words]
        return len(known) >= 1 and len(known) * 3 >= len(words) * 2 and (len(words) > 1 or len(words[0]) > 3)

    def classify(self, text: str) -> Finding | None:
        """What ``text`` is: an English catalogue string, a translated one, plainly English, or None."""
        if not WORD.search(text) and not re.search(r"[^\W\d_]", text):
            return None
        english = self._match(text, self._english)
        if english is not None:
            return Finding(text=text, entry_key=english, translated=False)
        vietnamese = self._match(text, self._vietnamese)
        if vietnamese is not None:
            return Finding(text=text, entry_key=vietnamese, translated=True)
        if self.plainly_english(text):
            return Finding(text=text, entry_key=None, translated=False)
        return None
