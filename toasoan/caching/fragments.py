"""Fragment caches: parts of a reader page kept in Django's cache, invalidated by the page-cache tags.

A page declares, before it renders, the fragments it is made of (:func:`declare`): a name used by the
template, a cache key and the cache tags of what the fragment shows (``a:<id>``, ``s:<id>``, ``e:<id>``…,
see :mod:`toasoan.caching.tags`). The first ``{% fragment %}`` of the template then fetches every declared
entry **and** the current version of every tag they depend on in one ``get_many`` (one Redis round trip
when tag versions live in Redis). An entry stores the tag versions it was rendered with; a publish bumps
the versions of its article's tags (:mod:`toasoan.caching.purge`), so exactly the fragments that show the
article stop matching and are rendered again, and nothing else is touched.

Entries also expire after ``TOASOAN_FRAGMENT_SECONDS`` (env ``FRAGMENT_CACHE_SECONDS``, default 60 s),
which bounds what no tag tracks (relative times such as "5 phút trước", a renamed section or author), the
same bound as the page cache's lifetime. Previews never read or write fragments.

The versions stored with an entry are those read *before* the fragment's data were read, so a publish
that lands during a render leaves an entry that is already out of date, never a stale one that matches.

A fragment may declare the article it never shows (``excludes``): an article page's "Tin khác" and
"Sự kiện liên quan" list *other* stories of its section and events, so the article's own edit — which bumps
its section's and events' tags for every other page — changes nothing in them. With Redis, the purge
records which versions that article's bump replaced (:func:`toasoan.caching.store.bump`); such a fragment
whose only mismatches are exactly those replacements is still valid, and is stored again with the new
versions (keeping its original expiry), so a story edited again and again keeps these blocks warm.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from toasoan.caching import store

FRAGMENT_PREFIX = "toasoan:frag:"
REQUEST_ATTR = "_toasoan_fragments"


def fragment_seconds() -> int:
    value = getattr(settings, "TOASOAN_FRAGMENT_SECONDS", None)
    return int(value if value is not None else os.environ.get("FRAGMENT_CACHE_SECONDS", "60"))


@dataclass(frozen=True)
class Fragment:
    """One cached part of a page: its cache key, the tags of what it shows, and its lifetime."""

    key: str
    tags: frozenset[str] = frozenset()
    seconds: int | None = None
    excludes: int | None = None  # an article this fragment never shows (see the module docstring)

    @property
    def lifetime(self) -> int:
        return self.seconds if self.seconds is not None else fragment_seconds()


class FragmentSet:
    """The fragments of one request, loaded together on first use."""

    def __init__(self, fragments: dict[str, Fragment]):
        self.fragments = fragments
        self._entries: dict[str, object] | None = None
        self._versions: dict[str, str] = {}
        self._kept: dict[int, dict] = {}
        self.hits: set[str] = set()
        self.misses: set[str] = set()
        self._deferred: dict[int, dict[str, object]] | None = None
        self._parts: dict[str, dict[str, tuple[str, float, str]]] = {}
        self.rendering: str | None = None  # the fragment whose content is being rendered (template tags)

    def __contains__(self, name: str) -> bool:
        return name in self.fragments

    def _load(self) -> dict[str, object]:
        if self._entries is not None:
            return self._entries
        keys = {name: FRAGMENT_PREFIX + f.key for name, f in self.fragments.items()}
        tags = {t for f in self.fragments.values() for t in f.tags}
        version_keys = {store.VERSION_PREFIX + t: t for t in tags}
        kept_keys = {store.kept_key(f.excludes): f.excludes for f in self.fragments.values() if f.excludes}
        versions_cache = store.version_cache()
        if versions_cache is cache:
            found = cache.get_many([*keys.values(), *version_keys, *kept_keys])
        else:
            found = cache.get_many(list(keys.values()))
            found.update(versions_cache.get_many([*version_keys, *kept_keys]))
        self._versions = {tag: found[key] for key, tag in version_keys.items() if key in found}
        self._kept = {article: found[key] for key, article in kept_keys.items() if isinstance(found.get(key), dict)}
        self._entries = {name: found.get(key) for name, key in keys.items()}
        return self._entries

    def get(self, name: str) -> str | None:
        """The stored HTML of fragment ``name`` if every one of its tags still has the version it was made with
        (or, for a fragment that excludes an article, a version that only that article's purge replaced)."""
        entry = self._load().get(name)
        if not isinstance(entry, dict):
            return None
        fragment = self.fragments[name]
        stored = entry.get("v", {})
        kept = self._kept.get(fragment.excludes, {}) if fragment.excludes else {}
        carried = False
        for tag in fragment.tags:
            current = self._versions.get(tag)
            if current is not None and stored.get(tag) == current:
                continue
            if current is not None and tag in stored and tuple(kept.get(tag) or ()) == (stored[tag], current):
                carried = True
                continue
            return None
        if carried:
            self._restamp(fragment, entry)
        return entry.get("html")

    def _restamp(self, fragment: Fragment, entry: dict) -> None:
        """Store ``entry`` again with the current versions, expiring when it would have expired anyway."""
        made = entry.get("t")
        left = int(made + fragment.lifetime - time.time()) if isinstance(made, (int, float)) else 0
        if left <= 0:
            return
        versions = {t: self._versions[t] for t in fragment.tags if t in self._versions}
        self._write(FRAGMENT_PREFIX + fragment.key, {**entry, "v": versions}, left)

    def _write(self, key: str, entry: dict, seconds: int) -> None:
        if self._deferred is not None:
            self._deferred.setdefault(seconds, {})[key] = entry
        else:
            cache.set(key, entry, seconds)

    def put(self, name: str, html: str) -> None:
        fragment = self.fragments[name]
        self._load()
        versions = {t: self._versions[t] for t in fragment.tags if t in self._versions}
        missing = set(fragment.tags) - versions.keys()
        if missing:
            versions.update(store.current_versions(missing))
        entry = {"v": versions, "html": str(html), "t": time.time()}
        if self._parts.get(name):
            entry["parts"] = self._parts[name]
        self._write(FRAGMENT_PREFIX + fragment.key, entry, fragment.lifetime)

    # --- Parts carried over from an entry a publish made out of date (see ``part``).
    def part(self, name: str, part: str, digest: str) -> tuple[str, float] | None:
        """The HTML of part ``part`` of fragment ``name`` as its previous entry stored it, if that entry was made
        from the same content (``digest``), and when the part was first rendered; None otherwise.

        A publish empties the whole fragment (its tags' versions change) although most of what it shows may be
        unchanged — an article's edited sapo leaves its body as it was. The out-of-date entry is already in hand
        (fetched with every other fragment), so a part keyed by a digest of its own content, such as the body,
        is taken from it instead of being read or rendered again. What the part shows beyond its content (an
        image's renditions, a linked page's address) is bounded by the fragment's lifetime counted from when the
        part was first rendered, as for every fragment.
        """
        entry = self._load().get(name)
        if not isinstance(entry, dict) or not isinstance(entry.get("parts"), dict):
            return None
        found = entry["parts"].get(part)
        if not (isinstance(found, (list, tuple)) and len(found) == 3 and found[0] == digest):
            return None
        made = found[1]
        if not isinstance(made, (int, float)) or made + self.fragments[name].lifetime <= time.time():
            return None
        return found[2], made

    def keep_part(self, name: str, part: str, digest: str, html: str, *, made: float | None = None) -> None:
        """Store ``html`` as part ``part`` of fragment ``name``'s next entry (see :meth:`part`)."""
        self._parts.setdefault(name, {})[part] = (digest, made or time.time(), str(html))

    def defer_writes(self) -> None:
        """Keep new entries until :meth:`flush` (after the response is rendered): one write, not one per part."""
        if self._deferred is None:
            self._deferred = {}

    def flush(self) -> None:
        pending, self._deferred = self._deferred or {}, None
        store.set_many_lifetimes(pending)


def declare(request: HttpRequest, fragments: dict[str, Fragment]) -> None:
    """Declare the fragments ``request``'s page is made of (added to those already declared)."""
    if request is None or getattr(request, "is_preview", False):
        return
    current = getattr(request, REQUEST_ATTR, None)
    if current is None or current._entries is not None:
        merged = {**(current.fragments if current is not None else {}), **fragments}
        setattr(request, REQUEST_ATTR, FragmentSet(merged))
    else:
        current.fragments.update(fragments)


def for_request(request: HttpRequest | None) -> FragmentSet | None:
    return getattr(request, REQUEST_ATTR, None) if request is not None else None
