"""The clients of ``bench/fault_bench.py``: readers, beacons, editors and a task probe, each in its own thread.

Every request is recorded as an :class:`Event` (when, what, answer); the bench decides afterwards what was
acknowledged and whether it survived. Only 127.0.0.1 is ever loaded.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

TIMEOUT = 5.0
EDIT_TIMEOUT = 30.0  # a browser waits this long for the admin's save
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@dataclass
class Event:
    at: float  # time.monotonic() when the answer came (or the request failed)
    kind: str  # cached, uncached, beacon, edit, task
    ok: bool
    status: int = 0  # 0: no answer (connection refused, timeout)
    detail: str = ""
    took: float = 0.0  # seconds the request (or the edit's form and save) took


@dataclass
class Journal:
    events: list[Event] = field(default_factory=list)
    acked_edits: list[tuple[int, str]] = field(default_factory=list)  # (page id, title saved)
    acked_views: dict[int, int] = field(default_factory=dict)  # article id -> beacons answered 204
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, event: Event) -> None:
        with self.lock:
            self.events.append(event)

    def of(self, kind: str, since: float = 0.0, until: float = float("inf")) -> list[Event]:
        return [e for e in self.events if e.kind == kind and since <= e.at < until]


class Client(threading.Thread):
    """A loop of one kind of request until ``stop`` is set; ``pause`` seconds between requests."""

    kind = ""

    def __init__(self, journal: Journal, stop: threading.Event, *, front: str, pause: float):
        super().__init__(daemon=True, name=self.kind)
        self.journal, self.stop, self.front, self.pause = journal, stop, front, pause
        self.session = requests.Session()
        self.session.headers["User-Agent"] = BROWSER

    def run(self) -> None:
        while not self.stop.is_set():
            began = time.monotonic()
            try:
                event = self.once()
            except requests.RequestException as exc:
                event = Event(time.monotonic(), self.kind, False, 0, type(exc).__name__)
                self.session.close()  # a fresh connection next time
            event.took = event.at - began
            self.journal.add(event)
            self.stop.wait(self.pause)

    def once(self) -> Event:
        raise NotImplementedError


class CachedReader(Client):
    """Article pages as a reader without a session gets them: page files and the front's cache."""

    kind = "cached"

    def __init__(self, *args, paths: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.paths = itertools.cycle(paths)

    def once(self) -> Event:
        response = self.session.get(self.front + next(self.paths), timeout=TIMEOUT)
        return Event(time.monotonic(), self.kind, response.status_code == 200, response.status_code,
                     response.headers.get("X-Cache", ""))


class UncachedReader(CachedReader):
    """The same pages with a query string never asked before (a shared link with its own tag): the front
    has no copy, the app renders each one."""

    kind = "uncached"
    serial = itertools.count()

    def once(self) -> Event:
        url = f"{self.front}{next(self.paths)}?utm_source=fault{next(self.serial)}"
        response = self.session.get(url, timeout=TIMEOUT)
        return Event(time.monotonic(), self.kind, response.status_code == 200, response.status_code,
                     response.headers.get("X-Cache", ""))


class BeaconSender(Client):
    """View beacons as the page's script sends them, each from another browser (user agent)."""

    kind = "beacon"
    serial = itertools.count()

    def __init__(self, *args, tokens: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = itertools.cycle(sorted(tokens.items()))

    def once(self) -> Event:
        article_id, token = next(self.pairs)
        n = next(self.serial)
        response = self.session.post(f"{self.front}/_v?a={article_id}&c={token}", timeout=TIMEOUT,
                                     headers={"User-Agent": f"{BROWSER} reader/{n}", "Content-Length": "0"})
        ok = 200 <= response.status_code < 300
        if response.status_code == 204:
            with self.journal.lock:
                self.journal.acked_views[article_id] = self.journal.acked_views.get(article_id, 0) + 1
        return Event(time.monotonic(), self.kind, ok, response.status_code)


class _FormFields(HTMLParser):
    """The fields a browser sends back from a Wagtail edit form (the body's StreamField is added apart)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if not name or attrs.get("form"):
            return
        kind = attrs.get("type")
        if tag == "input" and kind not in ("checkbox", "radio", "submit", "file", "button"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and kind in ("checkbox", "radio") and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


class Editor(Client):
    """An editor signed in through the admin's real forms (password, then the authenticator's code), saving
    drafts of one story through the real edit view: each save that answers the redirect to the edit page is
    acknowledged and recorded with the title it saved."""

    kind = "edit"

    def __init__(self, *args, username: str, password: str, totp_key: str, page_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.username, self.password, self.totp_key, self.page_id = username, password, totp_key, page_id
        self.saves = itertools.count(1)
        self.form_seconds: list[float] = []

    def sign_in(self) -> None:
        from django_otp.oath import TOTP

        login = f"{self.front}/admin/login/"
        page = self.session.get(login, timeout=TIMEOUT)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = self.session.post(login, data={"csrfmiddlewaretoken": csrf, "username": self.username,
                                                "password": self.password, "next": "/admin/"}, timeout=TIMEOUT)
        verify = answer.url
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text).group(1)
        code = f"{TOTP(bytes.fromhex(self.totp_key)).token():06d}"
        done = self.session.post(verify, data={"csrfmiddlewaretoken": csrf, "code": code}, timeout=TIMEOUT)
        if "/admin/login" in done.url or "xac-thuc" in done.url:
            raise RuntimeError(f"{self.username} could not sign in ({done.url})")

    def once(self) -> Event:
        from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

        edit = f"{self.front}/admin/pages/{self.page_id}/edit/"
        began = time.monotonic()
        form = self.session.get(edit, timeout=TIMEOUT)
        self.form_seconds.append(time.monotonic() - began)
        if form.status_code != 200:
            return Event(time.monotonic(), self.kind, False, form.status_code, "edit form")
        fields = _FormFields()
        fields.feed(form.text)
        n = next(self.saves)
        title = f"Bản tin số {self.page_id}: sửa lần {n} — Đà Nẵng 🌧️ mưa lớn"
        body = nested_form_data({"body": streamfield([("paragraph", rich_text(f"<p>{title}</p>"))])})
        data = {**fields.data, **body, "title": title}
        answer = self.session.post(edit, data=data, timeout=EDIT_TIMEOUT, allow_redirects=False)
        location = answer.headers.get("Location", "")
        saved = answer.status_code == 302 and f"/admin/pages/{self.page_id}/edit/" in location
        if saved:
            with self.journal.lock:
                self.journal.acked_edits.append((self.page_id, title))
        elif answer.status_code in (301, 302, 303) or 200 <= answer.status_code < 300:
            # Answered as if fine but not the save's redirect (a login page, the form again): not acknowledged,
            # and worth a look.
            return Event(time.monotonic(), self.kind, False, answer.status_code, f"not saved: {location or 'form'}")
        return Event(time.monotonic(), self.kind, saved, answer.status_code, location)


class TaskProbe(threading.Thread):
    """Enqueues one background task (an article's search-index update) every ``pause`` seconds, as an edit
    does, so the bench sees when a worker runs tasks again after it was killed."""

    def __init__(self, journal: Journal, stop: threading.Event, *, article_ids: list[int], pause: float):
        super().__init__(daemon=True, name="tasks")
        self.journal, self.stop, self.pause = journal, stop, pause
        self.article_ids = itertools.cycle(article_ids)
        self.enqueued: list[tuple[float, str]] = []

    def run(self) -> None:
        from django.db import close_old_connections

        from toasoan.core.queue import enqueue
        from toasoan.search.tasks import update_article_index

        while not self.stop.is_set():
            try:
                result = enqueue(update_article_index, article_id=next(self.article_ids))
                self.enqueued.append((time.monotonic(), str(result.id)))
            except Exception as exc:  # the database is away: try again next round
                self.journal.add(Event(time.monotonic(), "task", False, 0, type(exc).__name__))
                close_old_connections()
            self.stop.wait(self.pause)
        close_old_connections()
