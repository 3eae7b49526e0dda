"""Purging a CDN by cache tag: Cloudflare and Fastly, as Wagtail frontend-cache backends.

Each backend is a ``wagtail.contrib.frontend_cache`` backend (``purge(url)``, ``purge_batch(urls)``: by address,
what Wagtail's own code calls) with one more method, :meth:`TagPurgeBackend.purge_tags`, which the page cache uses:
reader pages carry their tags in the CDN's header (``Cache-Tag`` for Cloudflare, ``Surrogate-Key`` for Fastly), and
a purge names the tags, so every page that showed a story — whatever its address or query string — is refreshed
by one call.

* **Batching**: at most ``TAGS_PER_CALL`` tags (or addresses) per request, the provider's limit (Cloudflare 30,
  Fastly 256; settable).
* **Retries**: a 429 or 5xx answer, or no answer, is tried again after 1, 2, 4… × ``BACKOFF`` seconds (or the
  ``Retry-After`` the provider asked for, at most ``MAX_WAIT``), ``RETRIES`` times; any other refusal is logged
  once and not repeated.
* **Credentials** come from the environment (settings) and are never logged or printed: a dry run shows
  ``Bearer ***``.
* **Dry run** (``DRY_RUN``): each request is printed as one JSON line (method, URL, headers, body) instead of sent.

``API_URL`` replaces the provider's address (tests point it at a local server that records requests).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import requests
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger(__name__)
SECRET_HEADERS = ("Authorization", "Fastly-Key", "X-Auth-Key")
# What every CDN accepts in a tag; anything else (a tag slug with diacritics, a space, a comma) is hashed.
PLAIN_TAG = re.compile(r"^[A-Za-z0-9:._-]{1,100}$")
MAX_HEADER_BYTES = 16_000  # both providers refuse a longer tag header (Cloudflare 16 KB, Fastly 16,384 bytes)


@dataclass
class Call:
    """One HTTP request to the provider's API."""

    method: str
    url: str
    headers: dict[str, str]
    body: dict | None = None

    def shown(self) -> dict:
        headers = {name: ("***" if name in SECRET_HEADERS and name != "Authorization" else value)
                   for name, value in self.headers.items()}
        if "Authorization" in headers:
            headers["Authorization"] = headers["Authorization"].split(" ", 1)[0] + " ***"
        return {"method": self.method, "url": self.url, "headers": headers, "body": self.body}


@dataclass
class Outcome:
    sent: int = 0
    failed: list[str] = field(default_factory=list)


def cdn_tag(tag: str, prefix: str = "") -> str:
    """``tag`` as the CDN sees it: with the site's prefix, hashed when it holds characters a CDN may refuse."""
    value = f"{prefix}{tag}"
    if PLAIN_TAG.match(value):
        return value
    return f"{prefix}h:" + hashlib.blake2b(tag.encode(), digest_size=8).hexdigest()


class TagPurgeBackend(BaseBackend):
    """What both providers share: batching, retries with backoff, dry run, the tag header."""

    TAG_HEADER = ""
    LIFETIME_HEADER = ""  # how long the CDN keeps a page, whatever Cache-Control tells browsers
    SEPARATOR = " "
    DEFAULT_API_URL = ""
    DEFAULT_TAGS_PER_CALL = 30
    TARGET_PARAM = ""  # the zone or service purged: its parameter, and the message when it is missing
    TARGET_MISSING = ""

    def __init__(self, params: dict):
        params = dict(params)
        self.params = dict(params)  # what it was made from (a dry run of the same configuration)
        super().__init__(params)
        self.token = params.get("API_TOKEN") or ""
        self.api_url = (params.get("API_URL") or self.DEFAULT_API_URL).rstrip("/")
        self.tag_header = params.get("TAG_HEADER") or self.TAG_HEADER
        self.tag_prefix = params.get("TAG_PREFIX") or ""
        self.page_seconds = max(0, int(params.get("PAGE_SECONDS") or 0))
        self.per_call = max(1, int(params.get("TAGS_PER_CALL") or self.DEFAULT_TAGS_PER_CALL))
        self.retries = max(0, int(params.get("RETRIES", 4)))
        self.backoff = float(params.get("BACKOFF", 1.0))
        self.max_wait = float(params.get("MAX_WAIT", 30.0))
        self.timeout = float(params.get("TIMEOUT", 10.0))
        self.dry_run = bool(params.get("DRY_RUN", False))
        self.out = params.get("OUT") or sys.stdout
        if not self.token and not self.dry_run:
            raise ImproperlyConfigured(f"{type(self).__name__}: thiếu CDN_API_TOKEN (khóa API của CDN).")
        self.target = params.get(self.TARGET_PARAM) or ""
        if not self.target:
            raise ImproperlyConfigured(f"{type(self).__name__}: {self.TARGET_MISSING}")
        self._session = requests.Session()

    # --- what reader pages carry
    def header_value(self, tags: Iterable[str]) -> str:
        """The tag header's value for a page carrying ``tags`` (sorted; cut at the providers' size limit)."""
        value = ""
        for tag in sorted({cdn_tag(t, self.tag_prefix) for t in tags}):
            candidate = f"{value}{self.SEPARATOR}{tag}" if value else tag
            if len(candidate.encode()) > MAX_HEADER_BYTES:
                break
            value = candidate
        return value

    def page_headers(self, tags: Iterable[str]) -> dict[str, str]:
        """The headers a cacheable reader page gets for the CDN: its tags and, when set, the CDN's lifetime."""
        headers = {self.tag_header: self.header_value(tags)}
        if self.page_seconds and self.LIFETIME_HEADER:
            headers[self.LIFETIME_HEADER] = f"max-age={self.page_seconds}"
        return headers

    # --- purges
    def purge_tags(self, tags: Iterable[str]) -> Outcome:
        names = sorted({cdn_tag(t, self.tag_prefix) for t in tags})
        return self._in_batches(names, self.tag_call)

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        self._in_batches(sorted(set(urls)), self.url_calls)

    def tag_call(self, tags: list[str]) -> list[Call]:
        raise NotImplementedError

    def url_calls(self, urls: list[str]) -> list[Call]:
        raise NotImplementedError

    def _in_batches(self, items: list[str], make) -> Outcome:
        outcome = Outcome()
        for start in range(0, len(items), self.per_call):
            chunk = items[start:start + self.per_call]
            for call in make(chunk):
                if self.send(call):
                    outcome.sent += 1
                else:
                    outcome.failed.extend(chunk)
        return outcome

    def send(self, call: Call) -> bool:
        """Send ``call`` (print it in a dry run), retrying 429, 5xx and no answer; True when the provider took it."""
        if self.dry_run:
            self.out.write(json.dumps(call.shown(), ensure_ascii=False) + "\n")
            self.out.flush()
            return True
        for attempt in range(self.retries + 1):
            wait = self.backoff * (2 ** attempt)
            try:
                response = self._session.request(call.method, call.url, headers=call.headers, json=call.body,
                                                 timeout=self.timeout)
            except requests.RequestException as exc:
                problem = type(exc).__name__
            else:
                if response.status_code < 400 and self.accepted(response):
                    return True
                if response.status_code != 429 and response.status_code < 500:
                    logger.error("CDN từ chối lệnh xóa bộ đệm %s %s: HTTP %s %s", call.method, call.url,
                                 response.status_code, response.text[:300])
                    return False
                problem = f"HTTP {response.status_code}"
                wait = _retry_after(response, wait)
            if attempt < self.retries:
                logger.warning("CDN chưa nhận lệnh xóa bộ đệm (%s), thử lại sau %.1f giây", problem, wait)
                time.sleep(min(wait, self.max_wait))
        logger.error("Không xóa được bộ đệm CDN sau %d lần thử: %s %s", self.retries + 1, call.method, call.url)
        return False

    def accepted(self, response: requests.Response) -> bool:
        return True


def _retry_after(response: requests.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return default


class CloudflareBackend(TagPurgeBackend):
    """Cloudflare: ``POST /client/v4/zones/<ZONE_ID>/purge_cache`` with ``{"tags": […]}`` (an API token with the
    zone's Cache Purge permission); pages carry ``Cache-Tag: a,b``."""

    TAG_HEADER = "Cache-Tag"
    LIFETIME_HEADER = "Cloudflare-CDN-Cache-Control"
    SEPARATOR = ","
    DEFAULT_API_URL = "https://api.cloudflare.com"
    DEFAULT_TAGS_PER_CALL = 30
    TARGET_PARAM = "ZONE_ID"
    TARGET_MISSING = "thiếu CDN_ZONE_ID (mã vùng Zone ID của Cloudflare)."

    def _call(self, body: dict) -> Call:
        return Call("POST", f"{self.api_url}/client/v4/zones/{self.target}/purge_cache",
                    {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}, body)

    def tag_call(self, tags: list[str]) -> list[Call]:
        return [self._call({"tags": tags})]

    def url_calls(self, urls: list[str]) -> list[Call]:
        return [self._call({"files": urls})]

    def accepted(self, response: requests.Response) -> bool:
        try:
            success = response.json().get("success", True)
        except ValueError:
            return True
        if not success:
            logger.error("Cloudflare không xóa được bộ đệm: %s", response.text[:300])
        return bool(success)


class FastlyBackend(TagPurgeBackend):
    """Fastly: ``POST /service/<SERVICE_ID>/purge`` with ``{"surrogate_keys": […]}`` and the ``Fastly-Key`` header
    (``SOFT_PURGE``: mark stale rather than remove, so Fastly may serve the old copy while it fetches the new one);
    pages carry ``Surrogate-Key: a b``."""

    TAG_HEADER = "Surrogate-Key"
    LIFETIME_HEADER = "Surrogate-Control"
    SEPARATOR = " "
    DEFAULT_API_URL = "https://api.fastly.com"
    DEFAULT_TAGS_PER_CALL = 256
    TARGET_PARAM = "SERVICE_ID"
    TARGET_MISSING = "thiếu CDN_SERVICE_ID (mã dịch vụ Service ID của Fastly)."

    def _headers(self) -> dict[str, str]:
        headers = {"Fastly-Key": self.token, "Accept": "application/json", "Content-Type": "application/json"}
        if self.params.get("SOFT_PURGE"):
            headers["Fastly-Soft-Purge"] = "1"
        return headers

    def tag_call(self, tags: list[str]) -> list[Call]:
        return [Call("POST", f"{self.api_url}/service/{self.target}/purge", self._headers(), {"surrogate_keys": tags})]

    def url_calls(self, urls: list[str]) -> list[Call]:
        """Fastly purges one address per request: ``POST /purge/<host><path>``."""
        return [Call("POST", f"{self.api_url}/purge/{url.split('://', 1)[-1]}", self._headers()) for url in urls]
