"""Bad input refused at upload with Vietnamese messages: wrong image type, oversized image, fake video, embed host."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from toasoan.news.blocks import SafeEmbedBlock
from toasoan.seo import uploads


def jpeg_bytes(size=(400, 300)) -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def image_form(settings, db):
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "toasoan.seo.uploads.SafeImageForm"
    from wagtail.images.forms import get_image_form
    from wagtail.images.models import get_image_model

    return get_image_form(get_image_model())


@pytest.fixture
def document_form(settings, db):
    settings.WAGTAILDOCS_DOCUMENT_FORM_BASE = "toasoan.seo.uploads.SafeDocumentForm"
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    return get_document_form(Document)


def upload(form_class, name: str, content: bytes, **data):
    from wagtail.models import Collection

    collection = Collection.get_first_root_node()
    form = form_class(data={"title": "Tệp thử", "collection": collection.pk, **data},
                      files={"file": SimpleUploadedFile(name, content)})
    return form


def test_settings_use_the_safe_forms():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_IMAGE_FORM_BASE == "toasoan.seo.uploads.SafeImageForm"
    assert settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "toasoan.seo.uploads.SafeDocumentForm"


def test_a_real_jpeg_is_accepted(image_form):
    form = upload(image_form, "cau.jpg", jpeg_bytes())
    assert form.is_valid(), form.errors


def test_wrong_image_type_is_refused_in_vietnamese(image_form):
    form = upload(image_form, "bao-cao.exe", jpeg_bytes())
    assert not form.is_valid()
    assert "Không nhận loại tệp này" in str(form.errors["file"])
    renamed = upload(image_form, "anh.png", jpeg_bytes())
    assert not renamed.is_valid()
    assert "không khớp với nội dung" in str(renamed.errors["file"])
    broken = upload(image_form, "anh.jpg", b"<html>khong phai anh</html>")
    assert not broken.is_valid()
    assert "Tệp không phải ảnh" in str(broken.errors["file"])


def test_oversized_image_is_refused_in_vietnamese(image_form, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    from wagtail.images.forms import get_image_form
    from wagtail.images.models import get_image_model

    form = upload(get_image_form(get_image_model()), "lon.jpg", jpeg_bytes((800, 600)))
    assert not form.is_valid()
    assert "Ảnh quá lớn" in str(form.errors["file"])


def test_a_video_that_is_not_a_video_is_refused(document_form):
    fake = upload(document_form, "phong-su.mp4", b"<!doctype html><script>alert(1)</script>")
    assert not fake.is_valid()
    message = str(fake.errors["file"])
    assert "không phải tệp video" in message and ".mp4" in message
    real = upload(document_form, "phong-su.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isom")
    assert real.is_valid(), real.errors
    audio = upload(document_form, "tho.mp3", b"GIF89a....")
    assert not audio.is_valid() and "âm thanh" in str(audio.errors["file"])


@pytest.mark.parametrize("head, kind", [
    (b"\x00\x00\x00\x20ftypisom", "mp4"), (b"\x1a\x45\xdf\xa3\x01", "webm"), (b"OggS\x00", "ogg"),
    (b"ID3\x04", "mp3"), (b"\xff\xfb\x90", "mp3"), (b"RIFF\x00\x00\x00\x00WAVE", "wav"), (b"%PDF-1.7", "pdf"),
    (b"MZ\x90", None), (b"", None),
])
def test_sniff(head, kind):
    assert uploads.sniff(head) == kind


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/watch?v=abc", "https://youtu.be/abc", "https://vimeo.com/123",
    "https://m.facebook.com/watch/?v=1",
])
def test_known_embed_hosts_pass(url):
    uploads.validate_embed_url(url)


@pytest.mark.parametrize("url", [
    "https://evil.example/embed", "http://www.youtube.com/watch?v=abc", "https://youtube.com.evil.vn/x",
    "javascript:alert(1)", "",
])
def test_unknown_embed_hosts_are_refused_in_vietnamese(url):
    with pytest.raises(ValidationError) as caught:
        uploads.validate_embed_url(url)
    assert "Không nhúng được" in caught.value.messages[0]


def test_safe_embed_block_refuses_before_any_lookup():
    block = SafeEmbedBlock(required=False)
    with pytest.raises(ValidationError) as caught:
        block.clean("https://tracker.example/video/1")
    assert "tracker.example" in caught.value.messages[0]


@pytest.mark.django_db
def test_media_block_helper_refuses_documents_that_are_not_video():
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    report = Document.objects.create(title="Báo cáo quý", file=ContentFile(b"PK\x03\x04", "bao-cao.docx"))
    with pytest.raises(ValidationError) as caught:
        uploads.validate_media_document(report, kind="video")
    assert "«Báo cáo quý» không phải tệp video" in caught.value.messages[0]
    fake = Document.objects.create(title="Clip", file=ContentFile(b"<html></html>", "clip.mp4"))
    with pytest.raises(ValidationError):
        uploads.validate_media_document(fake, kind="video")
    real = Document.objects.create(title="Clip thật", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", "that.mp4"))
    uploads.validate_media_document(real, kind="video")
    with pytest.raises(ValidationError):
        uploads.validate_media_document(real, kind="audio")
