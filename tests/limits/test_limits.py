"""Resource limits through real HTTP: oversize forms and bodies get a Vietnamese 413 and lose nothing stored,
long sapo/body are refused with the form kept, images over the decoded budget are refused before decoding."""

from __future__ import annotations

import io
import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bt@example.vn", "x")
    client.force_login(user)
    return user


def test_a_3_mb_sapo_gets_a_vietnamese_413_and_nothing_is_saved(client, editor, make_article):
    article = make_article()
    revisions = article.revisions.count()
    response = client.post(f"/admin/pages/{article.pk}/edit/", {"title": article.title, "sapo": "Lũ. " * 800_000})
    assert response.status_code == 413
    text = response.content.decode()
    assert "Nội dung gửi lên quá lớn" in text and "vượt giới hạn 2,5 MB" in text and "sapo" in text
    assert "Quay lại" in text and "Bad Request" not in text
    assert article.revisions.count() == revisions


def test_more_than_10000_fields_gets_a_vietnamese_413(client, editor, make_article):
    article = make_article()
    fields = {f"truong_{n}": "x" for n in range(10_050)}
    response = client.post(f"/admin/pages/{article.pk}/edit/", fields)
    assert response.status_code == 413
    assert "hơn 10.000 trường" in response.content.decode()


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(client, settings):
    settings.TOASOAN_MAX_REQUEST_BYTES = 1024 * 1024
    body = io.BytesIO(b"x" * (2 * 1024 * 1024))
    response = client.generic("POST", "/admin/images/add/", body.getvalue(), content_type="application/octet-stream")
    assert response.status_code == 413
    assert "Yêu cầu gửi lên 2,0 MB, vượt giới hạn 1,0 MB" in response.content.decode()


def test_other_bad_requests_get_a_vietnamese_400(client, settings):
    settings.ALLOWED_HOSTS = ["toasoan.example"]
    response = client.get("/", HTTP_HOST="ke-la.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_long_sapo_is_refused_with_the_form_kept(client, editor, make_article):
    from toasoan.news.models import ArticlePage

    article = make_article()
    data = _form_data(client, article)
    long_sapo = "Người dân vùng lũ 🌊 " * 300  # 6,000 characters, far under the request limit
    data["sapo"] = long_sapo
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sapo quá dài: 5.999 ký tự, tối đa 3.000." in text  # the form strips the last space
    assert "Người dân vùng lũ 🌊 Người dân" in text  # what was typed comes back
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().sapo != long_sapo


def test_a_huge_body_makes_no_revision(client, editor, make_article, settings):
    from wagtail.test.utils.form_data import rich_text

    settings.TOASOAN_MAX_BODY_CHARS = 200_000
    article = make_article()
    revisions = article.revisions.count()
    paragraph = "<p>" + "Đoạn văn dán nhầm nhiều lần. " * 200 + "</p>"
    data = _form_data(client, article, body=[("paragraph", rich_text(paragraph)) for _ in range(40)])
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200
    assert "Nội dung bài quá dài" in response.content.decode()
    assert article.revisions.count() == revisions


def _form_data(client, article, *, body=None) -> dict:
    """The fields of the article's edit form as Wagtail renders them (what a browser sends back), with the body
    as its StreamField sends it (``body``: (block type, value) pairs; the article's one paragraph by default)."""
    from html.parser import HTMLParser

    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    class Fields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self._textarea = {}, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if not name or attrs.get("form"):
                return
            if tag == "input" and attrs.get("type") not in ("checkbox", "radio", "submit", "file", "button"):
                self.data[name] = attrs.get("value") or ""
            elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
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

    parser = Fields()
    parser.feed(html)
    blocks = body if body is not None else [("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]
    return {**parser.data, **nested_form_data({"body": streamfield(blocks)})}


def _png(width: int, height: int, mode: str = "RGB") -> bytes:
    """A valid PNG header and one tiny compressed row of data: the file is small, the image is not."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    colour = {"RGB": 2, "RGBA": 6}[mode]
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width * (3 if mode == "RGB" else 4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * 4, 9))
            + chunk(b"IEND", b""))


def test_an_11000_pixel_square_png_is_refused_before_decoding(client, editor):
    from toasoan.images.models import NewsImage

    data = _png(11_000, 11_000)
    assert len(data) < 100_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = client.post("/admin/images/add/", {"title": "Bản đồ lũ", "file": SimpleUploadedFile(
        "ban-do.png", data, content_type="image/png")})
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ảnh «ban-do.png» quá lớn để xử lý: 121.000.000 điểm ảnh, giới hạn là 50.000.000" in text
    assert not NewsImage.objects.exists()
    assert grown_mb < 100, f"the upload grew the process by {grown_mb:.0f} MB: something decoded it"


def test_decoded_bytes_are_budgeted_too(client, editor, settings):
    from toasoan.images.models import NewsImage

    settings.TOASOAN_IMAGE_MAX_DECODED_BYTES = 10 * 1024 * 1024
    response = client.post("/admin/images/add/", {"title": "Ảnh trong suốt", "file": SimpleUploadedFile(
        "trong-suot.png", _png(2000, 2000, "RGBA"), content_type="image/png")})
    assert "cần 15,3 MB bộ nhớ khi giải nén (2.000 × 2.000), giới hạn là 10,0 MB" in response.content.decode()
    assert not NewsImage.objects.exists()


def test_an_image_over_budget_is_never_saved_by_any_path(db, settings):
    """Commands, the demo, the shell: the decoded-bytes budget before saving; the pixel budget in Pillow itself."""
    from django.core.exceptions import ValidationError
    from django.core.files.images import ImageFile
    from PIL import Image

    from toasoan.images.models import NewsImage

    settings.TOASOAN_IMAGE_MAX_DECODED_BYTES = 10 * 1024 * 1024
    with pytest.raises(ValidationError, match="quá lớn để xử lý: cần 15,3 MB bộ nhớ khi giải nén"):
        NewsImage.objects.create(title="Nhập từ lệnh", file=ImageFile(io.BytesIO(_png(2000, 2000, "RGBA")),
                                                                      name="lon.png"))
    with pytest.raises(Image.DecompressionBombError):
        NewsImage.objects.create(title="Nhập từ lệnh", file=ImageFile(io.BytesIO(_png(9000, 9000)), name="lon.png"))
    assert not NewsImage.objects.exists()


def test_pillow_refuses_to_decode_past_the_budget_anywhere():
    from PIL import Image

    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(_png(11_000, 11_000))).load()


def test_a_document_with_a_refused_extension_gets_a_vietnamese_message(client, editor):
    response = client.post("/admin/documents/add/", {"title": "Trang lạ", "file": SimpleUploadedFile(
        "trang.html", b"<script>alert(1)</script>", content_type="text/html")})
    text = response.content.decode()
    assert "File extension" not in text
    assert "Không nhận tệp có đuôi “html”" in text
