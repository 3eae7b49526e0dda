"""Uploads on the object store reach readers through every nginx front (deploy/nginx/uploads-bucket.conf).

Two fronts rendered by ``toasoan front_config`` from settings whose ``MEDIA_STORAGE_URL`` is a real SeaweedFS bucket
and ``MEDIA_URL`` is ``/uploads/``: an image uploaded through the admin of one node is read by the other front from
the bucket and kept there; readers cannot write, delete or list through a front.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.caching.nginx_front import NGINX, free_port, render_config, stop_nginx
from tests.conftest import ensure_tree_root
from tests.mediastore.conftest import use_bucket
from tests.mediastore.test_object_storage import YEAR, fetch, image_urls, jpeg
from toasoan.images.models import NewsImage

pytestmark = pytest.mark.django_db


def send(url: str, method: str, body: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def bucket_on_uploads(object_store):
    bucket, settings = use_bucket(object_store, media_url="/uploads/")
    with settings:
        yield bucket


@pytest.fixture
def two_fronts(bucket_on_uploads, tmp_path):
    """Two fronts (node A, node B) whose /uploads/ is the bucket; no app behind them (uploads never reach it)."""
    import subprocess
    from pathlib import Path

    if not Path(NGINX).exists():
        pytest.skip("nginx (Debian package) is not installed")
    fronts = []
    try:
        for name in ("a", "b"):
            run_dir, listen = tmp_path / name, free_port()
            config = render_config(run_dir=run_dir, app=f"127.0.0.1:{free_port()}", listen=listen, refresh=free_port())
            assert "alias" not in config.read_text().split("location /uploads/", 1)[1].split("}", 1)[0]
            subprocess.run([NGINX, "-q", "-c", str(config), "-p", str(run_dir)], check=True)
            fronts.append((f"http://127.0.0.1:{listen}", config, run_dir))
        yield [url for url, _config, _run_dir in fronts]
    finally:
        for _url, config, run_dir in fronts:
            stop_nginx(config, run_dir)


def test_an_image_uploaded_on_one_node_is_served_by_the_other_front(
        client, django_user_model, bucket_on_uploads, two_fronts, make_article, django_capture_on_commit_callbacks):
    node_a, node_b = two_fronts
    client.force_login(django_user_model.objects.create_superuser("bientap", "bt@example.vn", "mat-khau-dai-123"))
    with django_capture_on_commit_callbacks(execute=True):  # the upload's renditions (the worker's task)
        response = client.post("/admin/images/add/", {"title": "Đêm bầu cử", "collection": 1,
                                                      "file": SimpleUploadedFile("dem-bau-cu.jpg", jpeg())})
    assert response.status_code == 302, response.content.decode()[:2000]
    image = NewsImage.objects.get()
    ensure_tree_root()
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(body=[("figure", {"image": image, "caption": "Đêm bầu cử ở Vinh", "credit": "",
                                                  "original_source": ""})])
    client.logout()
    page = client.get(article.url)
    urls = image_urls(page.content.decode())
    assert urls and all(url.startswith("/uploads/") for url in urls)
    assert "img-src 'self' data:;" in page["Content-Security-Policy"]  # the front's own origin: nothing added

    # Node B has never seen the file: it fetches it from the bucket once, then answers from its own copy.
    for url in dict.fromkeys([*urls, f"/uploads/{image.file.name}"]):
        name = url.removeprefix("/uploads/")
        status, headers, body = fetch(node_b + url)
        assert (status, headers["X-Cache"]) == (200, "MISS"), url
        assert body == bucket_on_uploads.get(name)
        assert headers["Content-Type"] == bucket_on_uploads.head(name)["ContentType"]
        assert headers["Cache-Control"] == YEAR and headers["X-Content-Type-Options"] == "nosniff"
        assert "Set-Cookie" not in headers and not any(h.lower().startswith("x-amz") for h in headers)
        assert fetch(node_b + url)[1]["X-Cache"] == "HIT"
        assert fetch(node_a + url)[:3:2] == (200, body)

    original = f"/uploads/{image.file.name}"
    # A reader cannot write, delete or list the bucket through a front, and a query string changes nothing.
    assert send(node_b + "/uploads/original_images/do-doc.jpg", "PUT", b"<script>alert(1)</script>") == 403
    assert send(node_b + original, "DELETE") == 403
    assert send(node_b + original, "POST", b"x") == 403
    assert "original_images/do-doc.jpg" not in bucket_on_uploads.names()
    assert image.file.name in bucket_on_uploads.names()
    for listing in ("/uploads/", "/uploads/?list-type=2", "/uploads/original_images/", "/uploads/images/"):
        status, _headers, body = fetch(node_a + listing)
        assert status == 404 and b"ListBucketResult" not in body, listing
    assert fetch(node_a + original + "?list-type=2&prefix=")[:3:2] == (200, bucket_on_uploads.get(image.file.name))
    assert fetch(node_a + "/uploads/original_images/khong-co.jpg")[0] == 404
