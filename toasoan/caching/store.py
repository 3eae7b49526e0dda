"""Tag versions and tag → URL sets, kept in Django's cache (Redis in production).

A cached page remembers the version of each of its tags when it was rendered; purging a tag bumps its
version, so every page carrying it misses at once (no scan, no list of keys). For the front cache, each tag
also keeps the set of URLs rendered with it, which the purge asks the front to re-render.

A purge caused by one article's change also records, per article, which versions it replaced
(:func:`bump` with ``by=``, Redis only): a fragment that never shows that article (its own "Tin khác" and
"Sự kiện liên quan" blocks) can then tell that the change of its tags was that article's alone and stay
valid (``toasoan.caching.fragments``).

Without Redis the cache is local to each process, so tag versions are kept in a small file-based cache in
``var/cache-tags/`` that every process on the machine reads: purges stay exact across processes.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_PREFIX = "toasoan:ctv:"
KEPT_PREFIX = "toasoan:ctvkept:a"  # + article id: {tag: (version before, version after)} of its last purge
KEPT_SECONDS = 600
URLS_PREFIX = "toasoan:ctu:"
URLS_SECONDS = 7 * 24 * 3600


def shared_cache() -> bool:
    return "LocMemCache" not in settings.CACHES["default"]["BACKEND"]


_file_caches: dict[str, object] = {}


def version_cache():
    """Where tag versions live: the default cache when shared (Redis), else a file cache under VAR_DIR."""
    if shared_cache():
        return cache
    from django.core.cache.backends.filebased import FileBasedCache

    location = str(Path(getattr(settings, "VAR_DIR", ".")) / "cache-tags")
    backend = _file_caches.get(location)
    if backend is None:
        backend = FileBasedCache(location, {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 1_000_000}})
        _file_caches[location] = backend
    return backend


def tag_versions(tags: set[str] | list[str]) -> dict[str, str]:
    keys = {f"{VERSION_PREFIX}{t}": t for t in tags}
    found = version_cache().get_many(list(keys))
    return {keys[k]: v for k, v in found.items()}


def current_versions(tags: set[str]) -> dict[str, str]:
    """Versions of ``tags``, creating those never seen (so a later purge changes them)."""
    versions = tag_versions(tags)
    missing = {f"{VERSION_PREFIX}{t}": uuid.uuid4().hex[:12] for t in tags if t not in versions}
    if missing:
        backend = version_cache()
        for key, value in missing.items():
            backend.add(key, value, None)
        versions = tag_versions(tags)
    return versions


def bump(tags: set[str], *, by: int | None = None) -> None:
    """Give each tag a new version. ``by``: the article whose change this is (recorded, see :func:`kept_key`)."""
    new = {t: uuid.uuid4().hex[:12] for t in tags}
    if by is not None and new and _bump_recording(new, by):
        return
    version_cache().set_many({f"{VERSION_PREFIX}{t}": v for t, v in new.items()}, None)


def _bump_recording(new: dict[str, str], by: int) -> bool:
    """Set the new versions and record ``{tag: (before, after)}`` for article ``by``, atomically (Redis).

    The versions are read and replaced in one WATCH/MULTI transaction, so "before" is exactly the version
    this bump replaced: if another purge changed a tag in between, the transaction is retried, and a
    fragment stamped with a version that other purge replaced never matches "before". False (the caller
    bumps without recording) when there is no Redis, Redis does not answer, or the keys stayed contended.
    """
    client = _redis()
    if client is None:
        return False
    from redis.exceptions import RedisError, WatchError

    raw = cache.client  # django-redis: its key names and value encoding
    keys = {tag: raw.make_key(f"{VERSION_PREFIX}{tag}") for tag in new}
    record_key = raw.make_key(kept_key(by))
    for _attempt in range(10):
        with client.pipeline() as pipe:
            try:
                pipe.watch(*keys.values())
                before = dict(zip(keys, pipe.mget(list(keys.values())), strict=True))
                pipe.multi()
                for tag, key in keys.items():
                    pipe.set(key, raw.encode(new[tag]))
                kept = {tag: (raw.decode(old), new[tag]) for tag, old in before.items() if old is not None}
                pipe.set(record_key, raw.encode(kept), ex=KEPT_SECONDS)
                pipe.execute()
                return True
            except WatchError:
                continue
            except RedisError:  # unreachable: the plain bump, like every cache call, ignores the error
                return False
    return False


def set_many_lifetimes(groups: dict[int, dict[str, object]]) -> None:
    """``cache.set_many`` for each ``{seconds: {key: value}}`` group; with Redis, all groups in one round trip
    (a page's new fragments and the ones it carried over keep different lifetimes)."""
    groups = {seconds: entries for seconds, entries in groups.items() if entries}
    if len(groups) > 1 and "django_redis" in settings.CACHES["default"]["BACKEND"]:
        client = cache.client
        try:
            pipeline = client.get_client(write=True).pipeline()
            for seconds, entries in groups.items():
                for key, value in entries.items():
                    client.set(key, value, seconds, client=pipeline)
            pipeline.execute()
        except Exception:  # Redis away: written one group at a time below, failing (or ignored) as Django's would
            logger.warning("Không ghi được các mảnh trang vào Redis trong một lượt", exc_info=True)
        else:
            return
    for seconds, entries in groups.items():
        cache.set_many(entries, seconds)


def kept_key(article_id: int) -> str:
    """The cache key (in :func:`version_cache`) of article ``article_id``'s last recorded bump."""
    return f"{KEPT_PREFIX}{article_id}"


def _redis():
    if not shared_cache() or "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def remember_urls(tags: set[str], url: str) -> None:
    """Note that ``url`` (``host|path?query``) was rendered for the front cache with ``tags``.

    Redis not answering (restarting) never fails the reader's page: the URL is not remembered, so a purge
    meanwhile cannot refresh it and the front's copy lives out its lifetime (``PAGE_CACHE_SECONDS``)."""
    from redis.exceptions import RedisError

    client = _redis()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)
            for tag in tags:
                pipe.sadd(f"{URLS_PREFIX}{tag}", url)
                pipe.expire(f"{URLS_PREFIX}{tag}", URLS_SECONDS)
            pipe.execute()
        except RedisError as exc:
            logger.warning("Redis không trả lời: không ghi nhớ được địa chỉ trang cho việc làm mới (%s)",
                           type(exc).__name__)
        return
    for tag in tags:
        key = f"{URLS_PREFIX}{tag}"
        cache.set(key, {*cache.get(key, set()), url}, URLS_SECONDS)


def take_urls(tags: set[str]) -> set[str]:
    """The URLs rendered with any of ``tags``, removed from the sets (re-rendering adds them back).

    None when Redis does not answer (the publish that purges still succeeds; the front's copies then live
    out their lifetime)."""
    from redis.exceptions import RedisError

    client = _redis()
    urls: set[str] = set()
    if client is not None:
        pipe = client.pipeline(transaction=True)
        for tag in tags:
            pipe.smembers(f"{URLS_PREFIX}{tag}")
            pipe.delete(f"{URLS_PREFIX}{tag}")
        try:
            answers = pipe.execute()
        except RedisError as exc:
            logger.warning("Redis không trả lời: không làm mới được các trang đã lưu ở lớp trước (%s)",
                           type(exc).__name__)
            return urls
        for i, members in enumerate(answers):
            if i % 2 == 0:
                urls.update(m.decode() if isinstance(m, bytes) else m for m in members)
        return urls
    for tag in tags:
        urls.update(cache.get(f"{URLS_PREFIX}{tag}", set()))
        cache.delete(f"{URLS_PREFIX}{tag}")
    return urls
