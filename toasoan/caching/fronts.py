"""Several fronts (one nginx with its page cache per node): each registers itself, every purge reaches each.

Each node runs ``toasoan front_agent`` beside its nginx. The agent registers the front in Redis (a hash of
name → refresh address and last heartbeat) and waits on the front's own queue (a Redis list). A purge
(:func:`refresh_everywhere`) puts the purged URLs on the queue of **every** registered front, then waits —
at most ``REFRESH_WAIT_SECONDS`` — for the fronts that are alive to say they re-rendered them, so once an
editor's publish returns every front serves the new page from its cache.

A front that is down keeps its queue: when its agent comes back it drains what was purged meanwhile. A queue
lives as long as a page does (``PAGE_CACHE_SECONDS`` + the stale allowance); whatever it held has expired in
that front's cache by then anyway, so a front that was away never serves a page beyond its lifetime.

Without Redis, or with no agent registered, purges go to ``FRONT_REFRESH_URL`` as on a single machine.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import wait

from django.conf import settings

from toasoan.caching import conf, store
from toasoan.caching.refresh import executor, refresh_one

logger = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 2.0
ALIVE_SECONDS = 6.0           # a front whose agent beat this recently (and has not said it stops) is waited for
FORGET_SECONDS = 7 * 24 * 3600  # a front silent this long is dropped from the registry


def _prefix() -> str:
    return str(settings.CACHES["default"].get("KEY_PREFIX") or "toasoan")


def _keys() -> tuple[str, str, str]:
    prefix = _prefix()
    return f"{prefix}:fronts", f"{prefix}:frontq:", f"{prefix}:frontdone:"


def client():
    """The raw Redis client of the shared cache, or None without Redis."""
    return store._redis()


def register(*, name: str, refresh_url: str, up: bool = True) -> None:
    """Add (or keep alive) front ``name``, whose refresh server is at ``refresh_url``. ``up=False``: its agent
    stops; purges keep queueing for it but no longer wait for it."""
    registry, _queue, _done = _keys()
    client().hset(registry, name, json.dumps({"refresh": refresh_url.rstrip("/"), "seen": time.time(), "up": up}))


def unregister(name: str) -> None:
    """Take front ``name`` out for good (a node removed): purges stop queueing for it."""
    registry, queue, _done = _keys()
    redis = client()
    redis.hdel(registry, name)
    redis.delete(f"{queue}{name}")


def registered() -> dict[str, dict]:
    """Every registered front: ``{name: {"refresh": url, "seen": epoch seconds}}``."""
    redis = client()
    if redis is None:
        return {}
    registry, _queue, _done = _keys()
    fronts = {}
    try:
        rows = redis.hgetall(registry)
    except Exception:  # Redis away: this node's own front (FRONT_REFRESH_URL) still refreshes; never fail a publish
        logger.warning("Không đọc được danh sách bộ đệm trước từ Redis", exc_info=True)
        return {}
    for name, raw in rows.items():
        name = name.decode() if isinstance(name, bytes) else name
        fronts[name] = json.loads(raw)
    return fronts


def queue_seconds() -> int:
    return conf.fresh_seconds() + conf.STALE_SECONDS


def refresh_everywhere(urls: set[str], *, tags: set[str], fronts: dict[str, dict] | None = None) -> set[str]:
    """Queue ``urls`` for every registered front and wait for the live ones; returns the fronts that refreshed
    in time. A URL a front could not refresh is put back under ``tags`` for the next purge."""
    fronts = fronts if fronts is not None else registered()
    redis = client()
    registry, queue, done = _keys()
    now = time.time()
    job_id = uuid.uuid4().hex
    job = json.dumps({"id": job_id, "urls": sorted(urls), "tags": sorted(tags), "at": now})
    pipe = redis.pipeline(transaction=False)
    for name, info in fronts.items():
        if now - info.get("seen", 0) > FORGET_SECONDS:
            pipe.hdel(registry, name)
            pipe.delete(f"{queue}{name}")
            continue
        pipe.rpush(f"{queue}{name}", job)
        pipe.expire(f"{queue}{name}", queue_seconds())
    pipe.execute()
    alive = {name for name, info in fronts.items()
             if info.get("up", True) and now - info.get("seen", 0) <= ALIVE_SECONDS}
    finished: set[str] = set()
    deadline = time.monotonic() + _wait_seconds()
    while alive - finished:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        answer = redis.blpop([f"{done}{job_id}"], timeout=max(left, 0.01))
        if answer is None:
            break
        report = json.loads(answer[1])
        finished.add(report["front"])
        for url in report.get("failed", ()):
            store.remember_urls(tags, url)
    redis.delete(f"{done}{job_id}")
    if alive - finished:
        logger.warning("Bộ đệm trước chưa làm mới kịp: %s", ", ".join(sorted(alive - finished)))
    return finished


def _wait_seconds() -> float:
    return conf.REFRESH_WAIT_SECONDS


def take_job(name: str, *, timeout: float) -> dict | None:
    """The next purge queued for front ``name`` (waiting up to ``timeout`` seconds), or None."""
    _registry, queue, _done = _keys()
    answer = client().blpop([f"{queue}{name}"], timeout=timeout)
    return json.loads(answer[1]) if answer else None


def report(job: dict, *, name: str, failed: list[str]) -> None:
    """Tell the purge waiting on ``job`` that front ``name`` has re-rendered its URLs (all but ``failed``)."""
    _registry, _queue, done = _keys()
    key = f"{done}{job['id']}"
    pipe = client().pipeline(transaction=False)
    pipe.rpush(key, json.dumps({"front": name, "failed": failed}))
    pipe.expire(key, 60)
    pipe.execute()


def run_job(job: dict, *, refresh_url: str) -> list[str]:
    """Re-render ``job``'s URLs through this front's refresh server; the URLs that failed."""
    if time.time() - job.get("at", 0) > queue_seconds():
        return []  # older than any page it could name: expired in this front's cache already
    pool = executor()
    futures = {pool.submit(refresh_one, refresh_url, url): url for url in job["urls"]}
    wait(futures)
    return [url for future, url in futures.items() if future.result() is False]


def serve(*, name: str, refresh_url: str, should_stop: Callable[[], bool]) -> None:
    """The agent's loop: heartbeat, take this front's queued purges and run them, until ``should_stop()``."""
    beat = 0.0
    while not should_stop():
        if time.monotonic() - beat >= HEARTBEAT_SECONDS:
            register(name=name, refresh_url=refresh_url)
            beat = time.monotonic()
        try:
            job = take_job(name, timeout=0.5)
        except Exception:  # Redis away: try again (the purge falls back to the page lifetime meanwhile)
            logger.warning("Không lấy được việc làm mới từ Redis", exc_info=True)
            time.sleep(1)
            continue
        if job is not None:
            report(job, name=name, failed=run_job(job, refresh_url=refresh_url))
    try:
        register(name=name, refresh_url=refresh_url, up=False)
    except Exception:
        logger.warning("Không báo được Redis rằng bộ đệm trước %s dừng", name, exc_info=True)
