"""The view beacon: ``POST /_v`` with ``a=<article id>`` and ``c=<page token>`` (toasoan.analytics.tokens).

:func:`handle` works on a WSGI environ so it can run before Django's URL routing and middleware
(:mod:`toasoan.analytics.wsgi`); :func:`beacon_view` exposes the same handler as a Django view for
servers that run the plain Django application. A counted view is kept in the app's spool
(:mod:`toasoan.analytics.appspool`) before the ``204`` (:func:`keep`).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from toasoan.analytics import appspool, counters, tokens
from toasoan.analytics.counters import Outcome
from toasoan.headers.middleware import client_address

logger = logging.getLogger(__name__)
BEACON_PATH = "/_v"
MAX_BODY = 256
LOOKUP_SECONDS = 60.0
LOOKUP_MAX = 200_000
_MISSING = object()


class LiveArticles:
    """Which ids are live, published articles, and their section: one indexed read per id a minute."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def section_of(self, article_id: int) -> object:
        """The section id (or None) of a live article, or ``_MISSING``."""
        now = time.monotonic()
        hit = self._cache.get(article_id)
        if hit is not None and hit[0] > now:
            return hit[1]
        from toasoan.news.models import ArticlePage

        rows = list(
            ArticlePage.objects.live()
            .filter(pk=article_id, published_at__isnull=False, published_at__lte=timezone.now())
            .values_list("section_id", flat=True)[:1]
        )
        value = rows[0] if rows else _MISSING
        with self._lock:
            if len(self._cache) >= LOOKUP_MAX:
                self._cache.clear()
            self._cache[article_id] = (now + LOOKUP_SECONDS, value)
        return value

    def sections_of(self, article_ids: set[int]) -> dict[int, object]:
        """:meth:`section_of` for many ids, with one query for those not remembered."""
        now = time.monotonic()
        found: dict[int, object] = {}
        unknown = set()
        for article_id in article_ids:
            hit = self._cache.get(article_id)
            if hit is not None and hit[0] > now:
                found[article_id] = hit[1]
            else:
                unknown.add(article_id)
        if unknown:
            from toasoan.news.models import ArticlePage

            rows = dict(
                ArticlePage.objects.live()
                .filter(pk__in=unknown, published_at__isnull=False, published_at__lte=timezone.now())
                .values_list("pk", "section_id")
            )
            with self._lock:
                if len(self._cache) >= LOOKUP_MAX:
                    self._cache.clear()
                for article_id in unknown:
                    found[article_id] = rows.get(article_id, _MISSING)
                    self._cache[article_id] = (now + LOOKUP_SECONDS, found[article_id])
        return found

    def forget(self, article_id: int | None = None) -> None:
        with self._lock:
            if article_id is None:
                self._cache.clear()
            else:
                self._cache.pop(article_id, None)


live_articles = LiveArticles()


def client_ip(environ: dict) -> str:
    """The reader's address; the front's ``X-Real-IP`` only from ``TOASOAN_TRUSTED_PROXIES``."""
    return client_address(environ)


def parse(body: bytes) -> tuple[int, str] | None:
    """``(article id, token)`` from ``a=<id>[&c=<token>]`` (a body or a query string), or None if malformed."""
    return _parse(body)


def _parse(body: bytes) -> tuple[int, str] | None:
    if not body or len(body) > MAX_BODY:
        return None
    try:
        fields = parse_qs(body.decode("ascii"), strict_parsing=True, max_num_fields=4)
    except (ValueError, UnicodeDecodeError):
        return None
    ids = fields.get("a", [])
    if len(ids) != 1 or not ids[0].isdigit() or len(ids[0]) > 18:
        return None
    token = fields.get("c", [""])[0]
    if token and not counters.TOKEN_PATTERN.fullmatch(token):
        return None
    article_id = int(ids[0])
    if not 0 < article_id < counters.ARTICLE_ID_MAX:
        return None
    return article_id, token


def handle(environ: dict) -> Outcome:
    """Decide and record one beacon request given as a WSGI environ."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return Outcome.MALFORMED
    if length < 0 or length > MAX_BODY:
        return Outcome.MALFORMED
    # The fields come, as the page's script sends them, in the query string (the body is then ignored),
    # or in the body (a=…&c=…).
    query = environ.get("QUERY_STRING", "")
    raw = query.encode("latin-1") if query else environ["wsgi.input"].read(length)
    parsed = _parse(raw)
    if parsed is None:
        return Outcome.MALFORMED
    article_id, token = parsed
    user_agent = environ.get("HTTP_USER_AGENT", "")
    purpose = (environ.get("HTTP_SEC_PURPOSE", "") + environ.get("HTTP_PURPOSE", "")).lower()
    if counters.is_bot(user_agent) or "prefetch" in purpose:
        return Outcome.IGNORED
    section = live_articles.section_of(article_id)
    if section is _MISSING:
        return Outcome.UNKNOWN
    if not tokens.is_valid(token=token, article_id=article_id):
        return Outcome.IGNORED  # not from a page this site served for this article lately
    address = client_ip(environ)
    client = counters.client_key(ip=address, user_agent=user_agent)
    folder = appspool.directory()
    if folder is None:  # the app's spool is off: the count waits in Redis for the flusher
        return counters.record_view(article_id=article_id, section_id=section, client=client,
                                    address=counters.address_key(address))
    outcome = counters.admit(article_id=article_id, client=client, address=counters.address_key(address))
    if outcome is Outcome.COUNTED:
        keep(folder=folder, article_id=article_id, section_id=section, token=token, address=address,
             user_agent=user_agent)
    return outcome


def keep(*, folder: Path, article_id: int, section_id: int | None, token: str, address: str,
         user_agent: str) -> None:
    """Write an admitted view where it survives this process and Redis: the app's spool, or, if the spool
    cannot be written (disk full, no permission), the database. Returns once it is there."""
    moment = time.time()
    try:
        appspool.app_spool.append(folder=folder, moment=moment, address=address, article_id=article_id,
                                  token=token, user_agent=user_agent)
    except OSError:
        logger.exception("Không ghi được lượt đọc vào tệp đệm %s: ghi thẳng vào CSDL", folder)
        with transaction.atomic():
            counters.add_views_to_database([(article_id, section_id, datetime.fromtimestamp(moment, tz=UTC), 1)])


HEADERS = [("Cache-Control", "no-store"), ("Content-Length", "0")]
STATUS_TEXT = {204: "204 No Content", 202: "202 Accepted", 400: "400 Bad Request", 404: "404 Not Found",
               429: "429 Too Many Requests", 405: "405 Method Not Allowed"}


def wsgi_beacon(environ: dict, start_response) -> list[bytes]:
    if environ.get("REQUEST_METHOD") != "POST":
        start_response(STATUS_TEXT[405], [*HEADERS, ("Allow", "POST")])
        return [b""]
    try:
        outcome = handle(environ)
    finally:
        if not connection.in_atomic_block:  # like Django's request_finished: drop broken/old connections
            close_old_connections()
    start_response(STATUS_TEXT[outcome.value], list(HEADERS))
    return [b""]


@csrf_exempt
def beacon_view(request: HttpRequest) -> HttpResponse:
    """The beacon through Django (``toasoan serve``, tests); production routes it in :mod:`.wsgi`."""
    if request.method != "POST":
        response = HttpResponse(status=405)
        response["Allow"] = "POST"
    else:
        import io

        environ = dict(request.META)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        # A body too large is refused by its announced length, without reading it.
        body = request.body if 0 <= length <= MAX_BODY else b""
        environ["wsgi.input"] = io.BytesIO(body)
        if 0 <= length <= MAX_BODY:
            environ["CONTENT_LENGTH"] = str(len(body))
        response = HttpResponse(status=handle(environ).value)
    response["Cache-Control"] = "no-store"
    return response


def enabled() -> bool:
    return getattr(settings, "TOASOAN_BEACON_ENABLED", True)
