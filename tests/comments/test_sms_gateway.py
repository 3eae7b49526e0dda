"""Phone verification through the HTTP SMS adapter (``COMMENTS_PHONE_VERIFIER=http``), against a fake gateway on
the loopback (no network): what it receives, the reader's path with the code it carried, and a gateway that
refuses."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.comments.conftest import READER, post_comment
from toasoan.comments import phone
from toasoan.comments.models import Comment

pytestmark = pytest.mark.django_db
PORTS = range(8650, 8660)


class Gateway(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "json": json.loads(body)})
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = None
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), Gateway)
            break
        except OSError:
            continue
    assert server is not None, "no free port in 8650-8659"
    server.received, server.status = [], 202
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TOASOAN_COMMENTS_PHONE_VERIFIER = "http"
    settings.TOASOAN_COMMENTS_SMS_URL = f"http://127.0.0.1:{server.server_port}/v1/sms"
    settings.TOASOAN_COMMENTS_SMS_TOKEN = "khoa-thu-nghiem"
    settings.TOASOAN_COMMENTS_SMS_SENDER = "TOASOAN"
    settings.TOASOAN_COMMENTS_SMS_TIMEOUT = 2
    yield server
    server.shutdown()
    server.server_close()


def test_the_code_goes_to_the_gateway_and_verifies_the_number(client, story, gateway):
    sent = post_comment(client, story, phone="0912 345 678", send_code="1")
    assert "Đã gửi mã xác thực đến số 0912345678." in sent.content.decode()
    [message] = gateway.received
    assert message["path"] == "/v1/sms" and message["headers"]["Authorization"] == "Bearer khoa-thu-nghiem"
    assert message["json"]["to"] == "+84912345678" and message["json"]["from"] == "TOASOAN"
    code = message["json"]["text"].split("la ", 1)[1][:6]
    assert code.isdigit() and message["json"]["text"].isascii()
    assert post_comment(client, story, phone="0912345678", code=code).status_code == 302
    comment = Comment.objects.get()
    assert comment.phone == "0912345678" and comment.phone_verified and comment.body == READER["body"]


def test_a_refusing_gateway_is_told_to_the_reader(client, story, gateway):
    gateway.status = 503
    sent = post_comment(client, story, phone="0912345678", send_code="1", json=True)
    data = sent.json()
    assert data["ok"] is False and data["message"].startswith("Chưa gửi được tin nhắn chứa mã xác thực")
    assert len(gateway.received) == 1 and not Comment.objects.exists()


def test_only_an_http_address_is_taken(settings):
    settings.TOASOAN_COMMENTS_PHONE_VERIFIER = "http"
    settings.TOASOAN_COMMENTS_SMS_URL = "file:///etc/passwd"
    with pytest.raises(ImproperlyConfigured):
        phone.verifier()
