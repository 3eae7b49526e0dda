"""Middleware of the reader site as a whole."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

READER_METHODS = frozenset({"GET", "HEAD"})
NON_READER_PREFIXES = ("/admin/", "/django-admin/")


def is_reader_request(request: HttpRequest) -> bool:
    """An anonymous reading request: GET or HEAD, no session cookie, outside the admin."""
    return (request.method in READER_METHODS and not request.path.startswith(NON_READER_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


class ReaderConnectionMiddleware:
    """Reader requests skip Django's connection health check (``CONN_HEALTH_CHECKS``).

    With persistent connections the check costs one ``SELECT 1`` round trip at the start of every request,
    a tenth of a warm article request. What it guards against is a connection the database closed (a
    restart): for a reader, the first query then fails, the request answers 500 — which the nginx front
    replaces with its stored copy (``proxy_cache_use_stale error … http_500``) — and Django closes that
    connection when the request ends, so the next request opens a new one; the article view, where most
    reader traffic lands, retries its query on a fresh connection instead (``news.views.live_article``).
    Editors' requests and every form post keep the check, so a change is never sent down a dead connection.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if connection.health_check_enabled and is_reader_request(request):
            connection.health_check_done = True
        return self.get_response(request)
