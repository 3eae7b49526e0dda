"""Uploads and renditions on a real S3-compatible server (SeaweedFS), from the admin form to the reader's <img>."""

from __future__ import annotations

import io
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from PIL import Image as PILImage
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import ensure_tree_root
from tests.mediastore.conftest import use_bucket
from toasoan.images.models import NewsImage
from toasoan.news.renditions import figure_filter_specs
from toasoan.settings.media_storage import origin

pytestmark = pytest.mark.django_db
YEAR = "public, max-age=31536000"
TYPES = {"webp": "image/webp", "avif": "image/avif", "jpg": "image/jpeg", "png": "image/png"}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bt@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return user


def jpeg(size=(700, 440), colour=(30, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the loopback test server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def image_urls(html: str) -> list[str]:
    """Every address an <img> or <source> of the page's figures asks the browser to load."""
    urls = []
    for node in HTMLParser(html).css("figure img, figure source, .figure img, .figure source"):
        if node.attributes.get("src"):
            urls.append(node.attributes["src"])
        for candidate in (node.attributes.get("srcset") or "").split(","):
            if candidate.strip():
                urls.append(candidate.split()[0])
    return urls


def test_an_upload_through_the_admin_form_lands_in_the_bucket_with_its_renditions(
        client, editor, media_bucket, django_capture_on_commit_callbacks):
    # A browser may claim any type: the stored one comes from the extension the form accepted.
    upload = SimpleUploadedFile("Đêm bầu cử ở Vinh 🗳.jpg", jpeg(), content_type="text/html")
    with django_capture_on_commit_callbacks(execute=True):  # the upload's rendition task (immediate in tests)
        response = client.post("/admin/images/add/", {"title": "Đêm bầu cử", "file": upload, "credit": "Thành Duy",
                                                      "collection": 1})
    assert response.status_code == 302, response.content.decode()[:2000]
    image = NewsImage.objects.get()
    assert not image.is_stored_locally()
    assert image.file.name.startswith("original_images/") and image.file.name.endswith(".jpg")
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()
    keys = media_bucket.names()
    assert image.file.name in keys
    original = media_bucket.head(image.file.name)
    assert (original["ContentType"], original["CacheControl"]) == ("image/jpeg", YEAR)
    assert image.width == 700 and image.file_hash

    made = {r.filter_spec: r.file.name for r in image.renditions.all()}
    assert set(figure_filter_specs()) <= set(made)
    for name in made.values():
        assert name in keys
        stored = media_bucket.head(name)
        assert stored["ContentType"] == TYPES[name.rsplit(".", 1)[-1]]
        assert stored["CacheControl"] == YEAR
    assert len(keys) == 1 + len(made)  # the original and one file per rendition row: nothing else


def test_a_second_upload_with_the_same_name_keeps_the_first_file(editor, client, media_bucket):
    for colour in ((200, 0, 0), (0, 200, 0)):
        response = client.post("/admin/images/add/", {"title": "Cầu", "collection": 1,
                                                      "file": SimpleUploadedFile("cau.jpg", jpeg((200, 100), colour))})
        assert response.status_code == 302
    first, second = NewsImage.objects.order_by("pk")
    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= set(media_bucket.names("original_images/"))
    assert first.file_hash != second.file_hash


def test_an_over_budget_image_is_refused_and_nothing_reaches_the_bucket(editor, client, media_bucket, settings):
    settings.TOASOAN_IMAGE_MAX_PIXELS = 100_000
    response = client.post("/admin/images/add/", {"title": "Ảnh quá lớn", "collection": 1,
                                                  "file": SimpleUploadedFile("lon.jpg", jpeg((600, 400)))})
    assert response.status_code == 200
    assert "Ảnh «lon.jpg» quá lớn để xử lý" in response.content.decode()
    assert not NewsImage.objects.exists()
    assert media_bucket.names() == []


def test_a_reader_without_an_account_cannot_upload(client, media_bucket):
    response = client.post("/admin/images/add/", {"title": "Lạ", "collection": 1,
                                                  "file": SimpleUploadedFile("la.jpg", jpeg((50, 50)))})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert media_bucket.names() == []


def test_the_reader_page_points_at_media_url_and_each_file_answers_with_its_type(
        client, make_article, media_bucket, settings, django_capture_on_commit_callbacks):
    settings.TOASOAN_AVIF = True
    image = NewsImage.objects.create(title="Cầu mới", file=ImageFile(io.BytesIO(jpeg()), name="cau-moi.jpg"))
    with django_capture_on_commit_callbacks(execute=True):  # publishing makes the renditions (the worker's task)
        article = make_article(body=[("figure", {"image": image, "caption": "Cầu mới qua sông Lam", "credit": "",
                                                  "original_source": ""})])
    made = image.renditions.count()
    response = client.get(article.url)
    assert response.status_code == 200
    urls = image_urls(response.content.decode())
    assert len(urls) >= 6 and any(u.endswith(".avif") for u in urls) and any(u.endswith(".webp") for u in urls)
    assert image.renditions.count() == made  # the page made no rendition: the publish did
    csp = response["Content-Security-Policy"]
    img_src = next(part for part in csp.split(";") if part.strip().startswith("img-src"))
    assert origin(media_bucket.media_url) in img_src.split()  # the CDN host is allowed
    for url in urls:
        assert url.startswith(media_bucket.media_url), url
        status, headers, body = fetch(url)  # as the reader's browser (or the CDN) asks: no credentials
        assert status == 200, url
        assert headers["Content-Type"] == TYPES[url.rsplit(".", 1)[-1]]
        assert headers["Cache-Control"] == YEAR
        assert body[:4] in (b"RIFF", b"\x00\x00\x00\x1c", b"\x00\x00\x00 ") or b"ftypavif" in body[:32]


def test_uploads_served_through_the_site_when_media_url_is_a_path(client, object_store, make_article):
    bucket, overridden = use_bucket(object_store, media_url="/uploads/")
    with overridden:
        image = NewsImage.objects.create(title="Chợ nổi", file=ImageFile(io.BytesIO(jpeg((900, 600))),
                                                                         name="cho-noi.jpg"))
        article = make_article(body=[("figure", {"image": image, "caption": "Chợ nổi", "credit": "",
                                                  "original_source": ""})])
        urls = image_urls(client.get(article.url).content.decode())
        assert urls and all(u.startswith("/uploads/images/") for u in urls)
        response = client.get(urls[0])
        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp" and response["Cache-Control"] == YEAR
        body = b"".join(response.streaming_content)
        assert body == bucket.get(urls[0].removeprefix("/uploads/"))
        for hostile in ("/uploads/../../etc/passwd", "/uploads/images/khong-co.webp", "/uploads/", "/uploads/images/"):
            assert client.get(hostile).status_code == 404, hostile


@pytest.mark.django_db(transaction=True)
def test_two_nodes_asking_for_the_same_new_renditions_at_once_make_each_once(object_store):
    """Two threads, each with its own database connection, stand for two app nodes rendering one new photo."""
    ensure_tree_root()
    bucket, overridden = use_bucket(object_store)
    specs = ["width-321|format-webp", "fill-200x150|format-webp", "width-99|format-webp"]
    with overridden:
        image = NewsImage.objects.create(title="Lũ về", file=ImageFile(io.BytesIO(jpeg((800, 500))), name="lu.jpg"))
        barrier = threading.Barrier(4)
        results: list[dict] = []
        errors: list[BaseException] = []

        def node(many: bool) -> None:
            try:
                mine = NewsImage.objects.get(pk=image.pk)
                barrier.wait(timeout=10)
                if many:
                    results.append({s: r.file.name for s, r in mine.get_renditions(*specs).items()})
                else:
                    results.append({specs[0]: mine.get_rendition(specs[0]).file.name})
            except BaseException as exc:  # reported below, with the thread's own failure
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=node, args=(many,)) for many in (True, True, False, False)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        rows = {r.filter_spec: r.file.name for r in image.renditions.all()}  # with those of the upload's own task
        assert set(specs) <= set(rows)
        for seen in results:  # every node shows the files the database names
            assert all(rows[spec] == name for spec, name in seen.items())
        assert bucket.names("images/") == sorted(rows.values())  # no second file, no orphan


def test_the_legal_deposit_copy_keeps_the_images_served_from_the_cdn_host(make_article, media_bucket):
    """The deposit capture (toasoan/record) reads a page's images from the store when MEDIA_URL is another host."""
    from toasoan.record.capture import capture_page

    image = NewsImage.objects.create(title="Đê sông Lam", file=ImageFile(io.BytesIO(jpeg((600, 400))), name="de.jpg"))
    article = make_article(body=[("figure", {"image": image, "caption": "Đê", "credit": "", "original_source": ""})])
    captured = capture_page(f"http://testserver{article.url}")
    from_store = {a.url: a for a in captured.assets if a.url.startswith(media_bucket.media_url)}
    assert from_store, [m for m in captured.missing]
    for url, asset in from_store.items():
        assert asset.body == media_bucket.get(url.removeprefix(media_bucket.media_url))
        assert asset.content_type == TYPES[url.rsplit(".", 1)[-1]]
    assert not [url for url, _reason in captured.missing if url.startswith(media_bucket.media_url)]
