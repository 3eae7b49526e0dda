"""Structured logs: JSON lines naming the request they belong to, the id taken from the front or made here."""

from __future__ import annotations

import io
import json
import logging

import pytest

from toasoan.ops.logs import JsonFormatter, RequestIdFilter, request_id


@pytest.fixture
def json_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_a_log_line_of_a_request_carries_the_front_request_id(client, site_structure, json_lines):
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="9f3c2a7be41d4c0a")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "9f3c2a7be41d4c0a"
    lines = json_lines()
    assert lines and lines[-1]["request_id"] == "9f3c2a7be41d4c0a"
    assert lines[-1]["level"] == "WARNING" and lines[-1]["logger"] == "django.request"
    assert "/khong-co-trang-nay/" in lines[-1]["message"]


def test_a_request_id_that_does_not_look_like_one_is_replaced(client, site_structure, json_lines):
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID='"><script>alert(1)</script>')
    made = response["X-Request-ID"]
    assert len(made) == 32 and made.isalnum()
    assert json_lines()[-1]["request_id"] == made


def test_each_request_gets_its_own_id(client, db):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_json_lines_keep_extra_fields_and_exceptions_and_vietnamese_text():
    record = logging.LogRecord("toasoan.ops.supervisor", logging.ERROR, __file__, 1, "Tiến trình %s đã dừng",
                               ("scheduler",), None)
    record.program = "scheduler"
    request_id.set("-")  # outside any request (an earlier test in this thread may have left one)
    try:
        raise RuntimeError("hỏng")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Tiến trình scheduler đã dừng"
    assert entry["program"] == "scheduler" and entry["request_id"] == "-"
    assert "RuntimeError: hỏng" in entry["exception"]
    assert entry["time"].endswith("+00:00")
