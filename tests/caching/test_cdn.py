"""The CDN purged by tag: the exact requests each adapter sends, recorded by a local HTTP server (not a mock)."""

from __future__ import annotations

import io
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from toasoan.caching.cdn.backends import CloudflareBackend, FastlyBackend, cdn_tag
from toasoan.caching.cdn.tasks import purge_cdn_tags

TOKEN = "tok-7Hq2-bi-mat"  # what must never be printed or logged


class Recorder:
    """An HTTP server on a free loopback port that keeps every request and answers from a script."""

    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[tuple[int, dict, dict]] = []  # answers in order; then 200 {"success": true}
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # http.server calls it by this name
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                recorder.requests.append({"method": "POST", "path": self.path, "headers": dict(self.headers),
                                          "body": json.loads(raw) if raw else None})
                status, headers, body = recorder.script.pop(0) if recorder.script else (200, {}, {"success": True})
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    server = Recorder()
    yield server
    server.close()


def cloudflare(url: str, **extra) -> CloudflareBackend:
    return CloudflareBackend({"API_TOKEN": TOKEN, "ZONE_ID": "zone-42", "API_URL": url, "BACKOFF": 0, **extra})


def fastly(url: str, **extra) -> FastlyBackend:
    return FastlyBackend({"API_TOKEN": TOKEN, "SERVICE_ID": "svc-9", "API_URL": url, "BACKOFF": 0, **extra})


def test_cloudflare_purges_tags_with_the_documented_request(recorder):
    outcome = cloudflare(recorder.url).purge_tags(["a:12", "home", "t:bầu-cử", "home"])
    assert outcome.sent == 1 and outcome.failed == []
    (request,) = recorder.requests
    assert request["method"] == "POST"
    assert request["path"] == "/client/v4/zones/zone-42/purge_cache"
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert request["headers"]["Content-Type"] == "application/json"
    hashed = cdn_tag("t:bầu-cử")
    assert hashed.startswith("h:") and len(hashed) == 18  # diacritics: a stable hash the CDN accepts
    assert request["body"] == {"tags": sorted(["a:12", "home", hashed])}


def test_fastly_purges_surrogate_keys_softly_when_asked(recorder):
    fastly(recorder.url, SOFT_PURGE=True, TAG_PREFIX="nghean-").purge_tags(["a:12", "all"])
    (request,) = recorder.requests
    assert request["path"] == "/service/svc-9/purge"
    headers = request["headers"]
    assert (headers["Fastly-Key"], headers["Fastly-Soft-Purge"], headers["Accept"]) == (TOKEN, "1", "application/json")
    assert "Authorization" not in headers
    assert request["body"] == {"surrogate_keys": ["nghean-a:12", "nghean-all"]}


def test_batches_respect_each_providers_limit(recorder):
    tags = [f"a:{n}" for n in range(300)]
    cloudflare(recorder.url).purge_tags(tags[:65])
    assert [len(r["body"]["tags"]) for r in recorder.requests] == [30, 30, 5]
    assert sorted(t for r in recorder.requests for t in r["body"]["tags"]) == sorted(tags[:65])
    recorder.requests.clear()
    fastly(recorder.url).purge_tags(tags)
    assert [len(r["body"]["surrogate_keys"]) for r in recorder.requests] == [256, 44]
    recorder.requests.clear()
    fastly(recorder.url, TAGS_PER_CALL=100).purge_tags(tags)
    assert len(recorder.requests) == 3


def test_429_and_5xx_are_retried_with_the_same_request(recorder, caplog):
    recorder.script = [(429, {"Retry-After": "0"}, {"success": False}), (503, {}, {}), (502, {}, {})]
    with caplog.at_level(logging.WARNING):
        outcome = cloudflare(recorder.url).purge_tags(["a:7"])
    assert outcome.sent == 1
    assert len(recorder.requests) == 4
    assert all(r["body"] == {"tags": ["a:7"]} and r["path"] == recorder.requests[0]["path"]
               for r in recorder.requests)
    assert "thử lại" in caplog.text and "HTTP 429" in caplog.text
    assert TOKEN not in caplog.text


def test_a_refusal_is_not_retried_and_the_token_is_not_logged(recorder, caplog):
    recorder.script = [(403, {}, {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}]})]
    with caplog.at_level(logging.WARNING):
        outcome = cloudflare(recorder.url).purge_tags(["a:7", "home"])
    assert len(recorder.requests) == 1
    assert outcome.failed == ["a:7", "home"]
    assert "HTTP 403" in caplog.text and "Authentication error" in caplog.text
    assert TOKEN not in caplog.text


def test_success_false_in_a_200_counts_as_failed(recorder, caplog):
    recorder.script = [(200, {}, {"success": False, "errors": [{"message": "Rate limited"}]})]
    outcome = cloudflare(recorder.url).purge_tags(["home"])
    assert outcome.failed == ["home"] and "Rate limited" in caplog.text


def test_no_answer_is_retried_then_given_up(caplog):
    server = Recorder()
    url = server.url
    server.close()  # nothing listens there any more
    with caplog.at_level(logging.WARNING):
        outcome = fastly(url, RETRIES=2).purge_tags(["a:1"])
    assert outcome.failed == ["a:1"]
    assert caplog.text.count("thử lại") == 2
    assert "sau 3 lần thử" in caplog.text and TOKEN not in caplog.text


def test_purge_by_address_fits_wagtails_frontend_cache_interface(recorder):
    cloudflare(recorder.url).purge_batch(["https://baonghean.vn/thoi-su/", "https://baonghean.vn/"])
    assert recorder.requests[0]["body"] == {"files": ["https://baonghean.vn/", "https://baonghean.vn/thoi-su/"]}
    recorder.requests.clear()
    fastly(recorder.url).purge("https://baonghean.vn/thoi-su/")
    assert [r["path"] for r in recorder.requests] == ["/purge/baonghean.vn/thoi-su/"]


def test_a_missing_zone_service_or_token_is_refused_in_vietnamese():
    with pytest.raises(ImproperlyConfigured, match="thiếu CDN_ZONE_ID"):
        CloudflareBackend({"API_TOKEN": TOKEN})
    with pytest.raises(ImproperlyConfigured, match="thiếu CDN_API_TOKEN"):
        FastlyBackend({"SERVICE_ID": "svc-9"})
    assert FastlyBackend({"SERVICE_ID": "svc-9", "DRY_RUN": True}).dry_run  # a dry run needs no token


def cdn_settings(url: str, provider: str = "fastly", **extra) -> dict:
    backend = {"fastly": "toasoan.caching.cdn.backends.FastlyBackend",
               "cloudflare": "toasoan.caching.cdn.backends.CloudflareBackend"}[provider]
    return {"BACKEND": backend, "API_TOKEN": TOKEN, "SERVICE_ID": "svc-9", "ZONE_ID": "zone-42", "API_URL": url,
            "BACKOFF": 0, "PAGE_SECONDS": 3600, **extra}


def test_the_dry_run_prints_the_requests_and_sends_nothing(recorder, settings):
    settings.TOASOAN_CDN = cdn_settings(recorder.url, "cloudflare")
    out = io.StringIO()
    call_command("purge_cdn", "a:12", "home", dry_run=True, stdout=out)
    assert recorder.requests == []
    (line,) = out.getvalue().splitlines()
    shown = json.loads(line)
    assert shown == {"method": "POST", "url": f"{recorder.url}/client/v4/zones/zone-42/purge_cache",
                     "headers": {"Authorization": "Bearer ***", "Content-Type": "application/json"},
                     "body": {"tags": ["a:12", "home"]}}
    assert TOKEN not in out.getvalue()


def test_the_command_without_a_cdn_or_tags_says_what_to_do(recorder, settings):
    settings.TOASOAN_CDN = {}
    with pytest.raises(CommandError, match="Chưa cấu hình CDN: đặt CDN=cloudflare hoặc CDN=fastly"):
        call_command("purge_cdn", "home")
    settings.TOASOAN_CDN = cdn_settings(recorder.url)
    with pytest.raises(CommandError, match="ít nhất một thẻ"):
        call_command("purge_cdn")
    recorder.script = [(401, {}, {})]
    with pytest.raises(CommandError, match="CDN chưa nhận lệnh xóa 1 thẻ"):
        call_command("purge_cdn", "home", stdout=io.StringIO())


@pytest.mark.django_db
def test_reader_pages_carry_their_tags_and_a_publish_purges_them_at_the_cdn(
        client, make_article, recorder, settings, django_capture_on_commit_callbacks):
    settings.TOASOAN_CDN = cdn_settings(recorder.url)
    article = make_article(title="Bầu cử đại biểu Quốc hội khóa XVI")
    first = client.get(article.url)
    keys = first["Surrogate-Key"].split(" ")
    assert {f"a:{article.pk}", "all"} <= set(keys)
    assert first["Surrogate-Control"] == "max-age=3600"
    again = client.get(article.url)  # from the page cache: the CDN's headers are kept with the page
    assert again["X-Page-Cache"] == "HIT" and again["Surrogate-Key"] == first["Surrogate-Key"]
    home = client.get("/")
    assert "home" in home["Surrogate-Key"].split(" ")

    recorder.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Bầu cử đại biểu Quốc hội khóa XVI: kết quả sơ bộ"
        article.save_revision().publish()
    (request,) = recorder.requests  # one call: every tag of the story fits in one Fastly batch
    purged = set(request["body"]["surrogate_keys"])
    assert {f"a:{article.pk}", "home", "l:latest", f"s:{article.section_id}"} <= purged
    assert request["headers"]["Fastly-Key"] == TOKEN


@pytest.mark.django_db
def test_the_purge_waits_in_the_task_queue_not_in_the_publishing_request(
        make_article, recorder, settings, django_capture_on_commit_callbacks):
    settings.TOASOAN_CDN = cdn_settings(recorder.url)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "publication"]}}
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Lũ trên sông Cả")
    assert recorder.requests == []  # the publish returned without calling the CDN
    queued = DBTaskResult.objects.filter(task_path="toasoan.caching.cdn.tasks.purge_cdn_tags")
    assert queued.count() >= 1
    assert {row.queue_name for row in queued} == {"publication"}
    for row in queued:  # what the worker then runs: the task with the arguments recorded in the queue
        purge_cdn_tags.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert any(f"a:{article.pk}" in r["body"]["surrogate_keys"] for r in recorder.requests)
