"""Structured logs: one JSON object per line (``LOG_FORMAT=json``), each with the request id of its request.

The request id comes from the front (nginx sends ``X-Request-ID: $request_id``, so its log and ours name the
same request) when it looks like one, else it is made here; it is sent back in ``X-Request-ID`` except on
pages the front stores for every reader.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

from toasoan.caching.middleware import FRONT_STORED_ATTR

request_id: ContextVar[str] = ContextVar("request_id", default="-")
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
HEADER = "X-Request-ID"
# Attributes every LogRecord has; anything else was passed in ``extra=`` and goes into the JSON object.
STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
            "process": record.process,
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def forget_request_id(**kwargs) -> None:
    request_id.set("-")


class RequestIdMiddleware:
    """Outermost middleware: every log line written while a request is handled carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        current = given if VALID_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the response is closed (``request_finished``): Django logs a 4xx/5xx after the middlewares.
        request_id.set(current)
        request.request_id = current
        response = self.get_response(request)
        if not getattr(response, FRONT_STORED_ATTR, False):  # a stored page is shared by every reader
            response[HEADER] = current
        return response
