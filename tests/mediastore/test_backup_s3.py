"""``toasoan backup`` and ``toasoan restore`` with the uploads on the object store: read from it, put back into it."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from tests.conftest import ensure_tree_root
from tests.mediastore.conftest import use_bucket
from toasoan.images.models import NewsImage


def _photo(name: str) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (180, 40, 40)).save(buffer, "JPEG")
    return ImageFile(buffer, name=name)


@pytest.mark.django_db(transaction=True)
def test_uploads_on_the_object_store_are_backed_up_and_restored_into_it(object_store, tmp_path, capsys):
    ensure_tree_root()
    bucket, overridden = use_bucket(object_store)
    with overridden:
        image = NewsImage.objects.create(title="Hồ Gươm 🌅", file=_photo("hồ gươm.jpg"))
        rendition = image.get_rendition("fill-160x100|format-webp")
        stored = {name: bucket.get(name) for name in bucket.names()}
        assert {image.file.name, rendition.file.name} <= set(stored)

        call_command("backup", output=str(tmp_path))
        archive = next(tmp_path.glob("toasoan-backup-*.tar"))
        with tarfile.open(archive) as tar:
            members = {m.name for m in tar.getmembers()}
        assert {f"media/{name}" for name in stored} <= members

        client = object_store.client()
        for name in stored:  # the bucket is lost
            client.delete_object(Bucket=bucket.name, Key=f"{bucket.prefix}/{name}")
        assert bucket.names() == []

        call_command("restore", str(archive), yes=True, secrets_to=str(tmp_path / "secrets.env"))
        assert {name: bucket.get(name) for name in bucket.names()} == stored  # same names, same bytes
        assert bucket.head(rendition.file.name)["ContentType"] == "image/webp"
        assert bucket.head(image.file.name)["ContentType"] == "image/jpeg"
        restored = NewsImage.objects.get(pk=image.pk)
        assert restored.renditions.get(filter_spec="fill-160x100|format-webp").file.name == rendition.file.name
        assert "Đã khôi phục" in capsys.readouterr().out


def test_a_store_that_does_not_answer_gets_a_clear_message(tmp_path, db, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "toasoan.mediastore.backends.MediaStorage",
        "OPTIONS": {"bucket_name": "khong-co", "endpoint_url": "http://127.0.0.1:9", "access_key": "a",
                    "secret_key": "bi-mat-khong-in-ra"}}}
    with pytest.raises(CommandError) as caught:
        call_command("backup", output=str(tmp_path))
    message = str(caught.value)
    assert message.startswith("Không đọc được tệp tải lên từ kho lưu trữ S3 (MEDIA_STORAGE_URL)")
    assert "bi-mat-khong-in-ra" not in message
    assert not list(Path(tmp_path).glob("*.tar"))
