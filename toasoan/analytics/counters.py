"""Counting views: the rules, Redis hourly counters, the database fallback and the atomic flush.

Rules (also in docs/performance.md):

* A view is counted when a reader's browser sends the beacon (``POST /_v``, body ``a=<article id>`` and
  an optional per-browser token ``c``). Pages themselves may come from any cache.
* Not counted (answered ``202``): user agents that look like robots, link previews or prefetches; a beacon
  without the page token this site issued for that article in the last ``TOASOAN_BEACON_TOKEN_HOURS``
  (:mod:`toasoan.analytics.tokens`); the same client (IP address + user agent: nothing the client picks per
  request) reading the same article again within ``TOASOAN_BEACON_DEDUPE_SECONDS`` (10 minutes); more than
  ``TOASOAN_BEACON_READERS_PER_ADDRESS`` (20) different browsers of one address reading the same article in
  that window (an office or a school behind one address still counts, a script changing its user agent
  does not inflate a story).
* Refused cheaply, without writing anything: malformed bodies (``400``), ids that are not a live,
  published article (``404``), a client over ``TOASOAN_BEACON_RATE_PER_MINUTE`` beacons a minute
  (``429``).
* Acknowledged (``204``) only once the count is written where it survives the app: by default a line in the
  app's spool file (:mod:`toasoan.analytics.appspool`, read by ``toasoan spool_views``), so neither killing
  the application nor Redis losing its memory loses an acknowledged count; the rules run in Redis (shared by
  every process and node) or, while Redis does not answer, in the process's memory. A spool that cannot be
  written (disk full) sends the count straight to the database.
* With the app's spool off (``BEACON_SPOOL_DIR=off``) and ``REDIS_URL``: counts go to a Redis hash;
  :func:`flush` moves them to the database at least every 10 seconds with RENAME (atomic) and a
  :class:`~toasoan.analytics.models.FlushBatch` row written in the same transaction as the counts, so a batch
  is applied exactly once even if the flusher dies midway. If Redis is unreachable, counts go straight to the
  database; if Redis loses its memory, the counts since the last flush are lost.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from toasoan.analytics.models import FlushBatch

logger = logging.getLogger(__name__)

ARTICLE_ID_MAX = 2**62
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|curl|wget|python|java/|go-http|"
    r"libwww|httpclient|okhttp|scrapy|headless|phantom|lighthouse|pingdom|uptime|monitor",
    re.IGNORECASE,
)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Outcome(enum.Enum):
    COUNTED = 204
    IGNORED = 202  # robot, prefetch or repeat: accepted, not counted
    MALFORMED = 400
    UNKNOWN = 404
    FLOOD = 429


def dedupe_seconds() -> int:
    return int(getattr(settings, "TOASOAN_BEACON_DEDUPE_SECONDS", 600))


def rate_per_minute() -> int:
    return int(getattr(settings, "TOASOAN_BEACON_RATE_PER_MINUTE", 60))


def key_prefix() -> str:
    return f"{getattr(settings, 'TOASOAN_ANALYTICS_PREFIX', None) or os.environ.get('CACHE_KEY_PREFIX', 'toasoan')}:an"


def pending_key() -> str:
    return f"{key_prefix()}:pending"


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def readers_per_address() -> int:
    return int(getattr(settings, "TOASOAN_BEACON_READERS_PER_ADDRESS", 20))


def client_key(*, ip: str, user_agent: str) -> str:
    """One reader: the address and the browser's user agent (never the token, which the client could vary)."""
    return hashlib.blake2b(f"{ip}|{user_agent}".encode(), digest_size=10).hexdigest()


def address_key(ip: str) -> str:
    return hashlib.blake2b(f"addr|{ip}".encode(), digest_size=10).hexdigest()


# --- Redis ------------------------------------------------------------------------------------------------

_BEACON_LUA = """
local limit = tonumber(ARGV[2])
if limit > 0 then
  local n = redis.call('INCR', KEYS[2])
  if n == 1 then redis.call('EXPIRE', KEYS[2], 60) end
  if n > limit then return -1 end
end
if tonumber(ARGV[1]) > 0 then
  if not redis.call('SET', KEYS[1], ARGV[4], 'NX', 'EX', tonumber(ARGV[1])) then
    -- a repeat, unless it is this very beacon seen again (the spool re-reads after a crash)
    if ARGV[4] == '1' or redis.call('GET', KEYS[1]) ~= ARGV[4] then return 0 end
  elseif tonumber(ARGV[5]) > 0 then
    -- a new reader of this article from this address: within the address's allowance?
    local readers = redis.call('INCR', KEYS[4])
    if readers == 1 then redis.call('EXPIRE', KEYS[4], tonumber(ARGV[1])) end
    if readers > tonumber(ARGV[5]) then
      redis.call('SET', KEYS[1], '-', 'EX', tonumber(ARGV[1]))  -- so a re-read of this beacon is no count either
      return 0
    end
  end
end
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[3], ARGV[3], 1) end
return 1
"""

# The same rules for a batch in one call (the spool reader): ARGV[4] holds
# "client<TAB>article<TAB>beacon id<TAB>address key" lines and ARGV[5] the readers allowed per address; the
# answer has one character per line: 1 counted, 0 repeat, - flood. Keys are built here from the prefix
# (ARGV[3]): fine for one Redis server, not for a cluster.
_BATCH_LUA = r"""
local dedupe, limit, prefix, per_address = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[5])
local out = {}
for client, article, beacon, address in string.gmatch(ARGV[4],
    "([^\t\n]+)\t([^\t\n]+)\t([^\t\n]+)\t([^\t\n]+)") do
  local answer = '1'
  if limit > 0 then
    local rate = prefix .. ':rate:' .. client
    local n = redis.call('INCR', rate)
    if n == 1 then redis.call('EXPIRE', rate, 60) end
    if n > limit then answer = '-' end
  end
  if answer == '1' and dedupe > 0 then
    local seen = prefix .. ':seen:' .. client .. ':' .. article
    if not redis.call('SET', seen, beacon, 'NX', 'EX', dedupe) then
      if redis.call('GET', seen) ~= beacon then answer = '0' end
    elseif per_address > 0 then
      local readers_key = prefix .. ':addr:' .. address .. ':' .. article
      local readers = redis.call('INCR', readers_key)
      if readers == 1 then redis.call('EXPIRE', readers_key, dedupe) end
      if readers > per_address then
        redis.call('SET', seen, '-', 'EX', dedupe)
        answer = '0'
      end
    end
  end
  out[#out + 1] = answer
end
return table.concat(out)
"""
BATCH_SIZE = 2000

_redis_lock = threading.Lock()
_redis_clients: dict[str, object] = {}
_redis_down_until = 0.0
REDIS_RETRY_SECONDS = 2.0


def redis_url() -> str:
    return getattr(settings, "TOASOAN_ANALYTICS_REDIS_URL", None) or getattr(settings, "REDIS_URL", "") or ""


def get_redis():
    """A Redis client for counters, or None when no REDIS_URL is set or Redis failed moments ago."""
    url = redis_url()
    if not url or time.monotonic() < _redis_down_until:
        return None
    client = _redis_clients.get(url)
    if client is None:
        import redis

        with _redis_lock:
            client = _redis_clients.get(url)
            if client is None:
                client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
                client._toasoan_beacon = client.register_script(_BEACON_LUA)
                client._toasoan_batch = client.register_script(_BATCH_LUA)
                _redis_clients[url] = client
    return client


def _mark_redis_down(exc: Exception) -> None:
    global _redis_down_until
    _redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
    logger.warning("Redis cho bộ đếm không trả lời (%s): luật đếm chạy trong bộ nhớ tiến trình trong %ss", exc,
                   REDIS_RETRY_SECONDS)


def reset_redis_state() -> None:
    """Forget clients and the "Redis is down" flag (tests, or after changing settings)."""
    global _redis_down_until
    _redis_down_until = 0.0
    _redis_clients.clear()


# --- Process-local fallbacks for repeat and flood rules when Redis is not there ---------------------------

class _ExpiringSet:
    def __init__(self, max_size: int = 200_000):
        self._data: OrderedDict[str, float] = OrderedDict()
        self._owners: dict[str, str] = {}
        self._lock = threading.Lock()
        self._max = max_size

    def add(self, key: str, ttl: float, owner: str = "") -> bool:
        """True if ``key`` was absent (or expired, or held by the same non-empty ``owner``) and is now held
        for ``ttl`` seconds."""
        return bool(self.claim(key, ttl, owner))

    def claim(self, key: str, ttl: float, owner: str = "") -> str:
        """:meth:`add`, saying how: ``"new"`` (now held), ``"own"`` (already held by ``owner``) or ``""``."""
        now = time.monotonic()
        with self._lock:
            expires = self._data.get(key)
            if expires is not None and expires > now:
                return "own" if owner and self._owners.get(key) == owner else ""
            self._data[key] = now + ttl
            if owner:
                self._owners[key] = owner
            else:
                self._owners.pop(key, None)
            self._data.move_to_end(key)
            while len(self._data) > self._max:
                self._owners.pop(self._data.popitem(last=False)[0], None)
            return "new"

    def take(self, key: str, ttl: float) -> None:
        """Hold ``key`` for ``ttl`` seconds with no owner (no beacon may claim it as its own)."""
        with self._lock:
            self._data[key] = time.monotonic() + ttl
            self._owners.pop(key, None)
            self._data.move_to_end(key)

    def incr(self, key: str, ttl: float) -> int:
        now = time.monotonic()
        with self._lock:
            raw = self._data.get(f"n:{key}")
            count = 1 if raw is None or raw < now else int(self._data.get(f"c:{key}", 0)) + 1
            if count == 1:
                self._data[f"n:{key}"] = now + ttl
            self._data[f"c:{key}"] = count
            return count

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._owners.clear()


local_limits = _ExpiringSet()


# --- Writing --------------------------------------------------------------------------------------------

TABLE = "analytics_articleviewhour"
UPSERT_SQL = (
    f"INSERT INTO {TABLE} (article_id, section_id, hour, views) VALUES (%s, %s, %s, %s) "  # noqa: S608 - constant
    f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {TABLE}.views + excluded.views"
)


def add_views_to_database(rows: Iterable[tuple[int, int | None, datetime, int]]) -> int:
    """Upsert (article, section, hour, views) rows, adding to what is there. Call inside a transaction."""
    adapt = connection.ops.adapt_datetimefield_value
    params = [(a, s, adapt(hour_of(h)), n) for a, s, h, n in rows if n > 0]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(UPSERT_SQL, params)
    return sum(p[3] for p in params)


def admit(*, article_id: int, client: str, address: str) -> Outcome:
    """The repeat, flood and readers-per-address rules for one beacon, without counting it (the caller keeps
    the view: :mod:`toasoan.analytics.appspool`). In Redis when it answers, else in this process's memory."""
    return _rules(article_id=article_id, client=client, address=address, field="")[0]


def record_view(*, article_id: int, section_id: int | None, client: str, address: str,
                when: datetime | None = None) -> Outcome:
    """Count one view of a live article by ``client`` (:func:`client_key`) from ``address``
    (:func:`address_key`) unless it repeats, floods or exceeds the address's readers; see the module rules.
    The count waits in Redis for :func:`flush`, or goes straight to the database when Redis does not answer."""
    moment = when or datetime.now(UTC)
    field = f"{article_id}:{section_id or ''}:{int(hour_of(moment).timestamp())}"
    outcome, in_redis = _rules(article_id=article_id, client=client, address=address, field=field)
    if outcome is Outcome.COUNTED and not in_redis:
        with transaction.atomic():
            add_views_to_database([(article_id, section_id, moment, 1)])
    return outcome


def _rules(*, article_id: int, client: str, address: str, field: str) -> tuple[Outcome, bool]:
    """The rules, and whether Redis applied them (and, with a ``field``, holds the count)."""
    client_redis = get_redis()
    if client_redis is not None:
        try:
            result = client_redis._toasoan_beacon(
                keys=[f"{key_prefix()}:seen:{client}:{article_id}", f"{key_prefix()}:rate:{client}", pending_key(),
                      f"{key_prefix()}:addr:{address}:{article_id}"],
                args=[dedupe_seconds(), rate_per_minute(), field, "1", readers_per_address()],
            )
        except Exception as exc:  # any Redis failure: the rules in memory, never lose the view
            _mark_redis_down(exc)
        else:
            return {1: Outcome.COUNTED, 0: Outcome.IGNORED}.get(int(result), Outcome.FLOOD), True
    return _admit_locally(client, article_id, address), False


def _admit_locally(client: str, article_id: int, address: str, beacon_id: str = "") -> Outcome:
    """The flood, repeat and readers-per-address rules in this process's memory (no Redis)."""
    limit = rate_per_minute()
    if limit > 0 and local_limits.incr(f"rate:{client}", 60) > limit:
        return Outcome.FLOOD
    window = dedupe_seconds()
    if window > 0:
        seen = f"seen:{client}:{article_id}"
        claimed = local_limits.claim(seen, window, beacon_id)
        if not claimed:
            return Outcome.IGNORED
        allowance = readers_per_address()
        if (allowance > 0 and claimed == "new"
                and local_limits.incr(f"addr:{address}:{article_id}", window) > allowance):
            local_limits.take(seen, window)  # a re-read of this beacon is no count either
            return Outcome.IGNORED
    return Outcome.COUNTED


def admit_many(beacons: list[tuple[str, int, str, str]]) -> list[Outcome]:
    """The rules for many ``(client, article id, beacon id, address)`` at once, without counting.

    One script call per ``BATCH_SIZE`` beacons, the same rules as :func:`record_view`'s script; the beacon
    id makes a beacon read again after a crash count as itself, not as a repeat. Without Redis: this
    process's memory.
    """
    client_redis = get_redis()
    if client_redis is not None and beacons:
        args = [dedupe_seconds(), rate_per_minute(), key_prefix()]
        meaning = {"1": Outcome.COUNTED, "0": Outcome.IGNORED, "-": Outcome.FLOOD}
        try:
            answers = []
            for start in range(0, len(beacons), BATCH_SIZE):
                lines = "\n".join(f"{c}\t{a}\t{b}\t{d}" for c, a, b, d in beacons[start:start + BATCH_SIZE])
                answer = client_redis._toasoan_batch(keys=[], args=[*args, lines, readers_per_address()])
                answers.append(answer.decode() if isinstance(answer, bytes) else answer)
            results = "".join(answers)
            if len(results) != len(beacons):
                raise ValueError(f"Redis answered {len(results)} of {len(beacons)} beacons")
        except Exception as exc:  # Redis failed: the rules run in memory meanwhile
            _mark_redis_down(exc)
        else:
            return [meaning[r] for r in results]
    return [_admit_locally(client, article_id, address, beacon_id)
            for client, article_id, beacon_id, address in beacons]


# --- Flushing -------------------------------------------------------------------------------------------

def _parse_batch(raw: dict) -> list[tuple[int, int | None, datetime, int]]:
    rows = []
    for field, value in raw.items():
        try:
            article, section, hour = (field.decode() if isinstance(field, bytes) else field).split(":")
            rows.append((int(article), int(section) if section else None,
                         datetime.fromtimestamp(int(hour), tz=UTC), int(value)))
        except (ValueError, UnicodeDecodeError):
            logger.error("Bỏ qua trường đếm hỏng trong Redis: %r", field)
    return rows


def _apply_batch(client, key: str) -> int:
    batch_id = key.rsplit(":", 1)[1]
    rows = _parse_batch(client.hgetall(key))
    applied = 0
    try:
        with transaction.atomic():
            FlushBatch.objects.create(key=batch_id, views=sum(r[3] for r in rows))
            applied = add_views_to_database(_existing_articles(rows))
    except IntegrityError:
        logger.info("Lô %s đã được ghi trước đó; chỉ xóa khỏi Redis", batch_id)
    client.delete(key)
    return applied


def _existing_articles(rows: list[tuple[int, int | None, datetime, int]]) -> list:
    """Drop counts of articles deleted since the view (their foreign key would fail)."""
    from toasoan.news.models import ArticlePage

    ids = {r[0] for r in rows}
    present = set(ArticlePage.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    return [r for r in rows if r[0] in present]


def flush() -> int:
    """Move pending Redis counts to the database; returns the number of views written."""
    client = get_redis()
    if client is None:
        return 0
    written = 0
    # Batches left by a flusher that died are finished first (FlushBatch makes this idempotent).
    for leftover in client.scan_iter(match=f"{key_prefix()}:flushing:*", count=100):
        written += _apply_batch(client, leftover.decode() if isinstance(leftover, bytes) else leftover)
    batch = f"{key_prefix()}:flushing:{uuid.uuid4().hex}"
    try:
        client.rename(pending_key(), batch)
    except Exception as exc:  # no pending counts: Redis answers "no such key"
        if "no such key" in str(exc).lower():
            return written
        raise
    return written + _apply_batch(client, batch)


def pending_views() -> int:
    """Views acknowledged but not yet in the database (for tests and the benchmark)."""
    client = get_redis()
    if client is None:
        return 0
    total = sum(int(v) for v in client.hvals(pending_key()))
    for key in client.scan_iter(match=f"{key_prefix()}:flushing:*", count=100):
        total += sum(int(v) for v in client.hvals(key))
    return total
