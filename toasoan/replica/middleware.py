"""Marks a reader's request as allowed on the replica, pins a reader to the primary after their own write."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from toasoan.core.middleware import READER_METHODS, is_reader_request
from toasoan.replica import health, state

PIN_COOKIE = "toasoan_primary"


def pin_seconds() -> int:
    return int(getattr(settings, "TOASOAN_REPLICA_PIN_SECONDS", 15))


class ReplicaMiddleware:
    """A reader's GET or HEAD (no session, outside the admin) may read from the replica, unless the reader sent
    a form or another write in the last ``TOASOAN_REPLICA_PIN_SECONDS``: that request set a short cookie that
    keeps their next requests on the primary, so they read what they wrote even if the replica is behind.

    A replica that fails in the middle of a request (stopped, connection cut) is left out and the request is
    answered again from the primary: reader requests are GET or HEAD, so running the view again is safe.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reader = is_reader_request(request) and PIN_COOKIE not in request.COOKIES
        token = state.begin(reader=reader)
        try:
            response = self.get_response(request)
        finally:
            state.end(token)
        if request.method not in READER_METHODS:
            response.set_cookie(PIN_COOKIE, "1", max_age=pin_seconds(), httponly=True, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        current = state.current()
        if current is None or not current.used_replica or not isinstance(exception, OperationalError | InterfaceError):
            return None
        health.mark_down()
        current.reader = False
        current.used_replica = False
        return self.get_response(request)
