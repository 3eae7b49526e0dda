"""MEDIA_STORAGE_URL and MEDIA_URL as an administrator writes them: read clearly, refused in Vietnamese, secret kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toasoan.settings import media_storage
from toasoan.settings.media_storage import MediaStorageUrlError, media_url, origin, parse

ROOT = Path(__file__).resolve().parents[2]


def test_empty_means_the_local_folder():
    assert parse("") is None
    assert parse("   ") is None


def test_a_full_address_with_an_encoded_secret_prefix_and_options():
    config = parse("s3://AKIA%2BVN:b%C3%AD%2Fm%E1%BA%ADt%2B=@s3.example.vn:9000/bao-nghe-an/anh/2026?region=ap-southeast-1"
                   "&acl=public-read")
    assert config["BACKEND"] == media_storage.BACKEND
    assert config["OPTIONS"] == {
        "bucket_name": "bao-nghe-an", "endpoint_url": "https://s3.example.vn:9000", "region_name": "ap-southeast-1",
        "addressing_style": "path", "location": "anh/2026", "access_key": "AKIA+VN", "secret_key": "bí/mật+=",
        "default_acl": "public-read",
    }


def test_plain_http_and_credentials_from_the_environment():
    options = parse("s3+http://127.0.0.1:8333/media?addressing=virtual")["OPTIONS"]
    assert options["endpoint_url"] == "http://127.0.0.1:8333"
    assert options["addressing_style"] == "virtual"
    assert "access_key" not in options and "secret_key" not in options  # boto3 reads AWS_ACCESS_KEY_ID…
    assert parse("s3+http://[::1]:8333/media")["OPTIONS"]["endpoint_url"] == "http://[::1]:8333"


@pytest.mark.parametrize(("url", "reason"), [
    ("https://khoa:bimat@s3.example.vn/media", "giao thức «https» không được hỗ trợ"),
    ("s3://khoa:bimat@/media", "thiếu tên máy chủ"),
    ("s3://khoa:bimat@s3.example.vn", "thiếu tên bucket"),
    ("s3://khoa:bimat@s3.example.vn/Ảnh_Báo", "tên bucket «Ảnh_Báo» không hợp lệ"),
    ("s3://khoa:bimat@s3.example.vn/ab", "tên bucket «ab» không hợp lệ"),
    ("s3://khoa:bimat@s3.example.vn:99999/media", "cổng phải là số"),
    ("s3://khoa:bimat@s3.example.vn/media?vung=hn", "tùy chọn lạ «vung»"),
    ("s3://khoa:bimat@s3.example.vn/media?addressing=ngang", "addressing «ngang» không hợp lệ"),
    ("s3://khoa:bimat@s3.example.vn/media?acl=moi-nguoi", "acl «moi-nguoi» không hợp lệ"),
    ("s3://khoa:bimat@s3.example.vn/media?region=H%C3%A0+N%E1%BB%99i", "vùng (region) «Hà Nội» không hợp lệ"),
    ("s3://khoa:bimat@s3.example.vn/media/../khac", "tiền tố «../khac» có đoạn rỗng"),
    ("s3://khoa@s3.example.vn/media", "có khóa truy cập thì phải có cả bí mật"),
])
def test_a_bad_address_is_refused_saying_why_without_the_secret(url, reason):
    with pytest.raises(MediaStorageUrlError) as caught:
        parse(url)
    message = str(caught.value)
    assert message.startswith("MEDIA_STORAGE_URL không dùng được: ")
    assert reason in message
    assert "bimat" not in message
    assert "Lưu trữ ảnh trên S3" in message


def test_redacted_hides_only_the_secret():
    assert media_storage.redacted("s3://khoa:bi-mat@host/media") == "s3://khoa:***@host/media"


@pytest.mark.parametrize("value", ["/uploads/", "https://anh.example.vn/", "http://127.0.0.1:8333/media/anh/"])
def test_media_url_accepts_a_path_or_a_cdn_address(value):
    assert media_url(value) == value
    assert media_url("") == "/uploads/"


@pytest.mark.parametrize(("value", "reason"), [
    ("/uploads", "phải kết thúc bằng dấu «/»"),
    ("anh.example.vn/", "phải là một đường dẫn trên trang"),
    ("//anh.example.vn/", "phải là một đường dẫn trên trang"),
    ("javascript:alert(1)/", "phải là một đường dẫn trên trang"),
    ("https://anh.example.vn/?v=1/", "phải là một đường dẫn trên trang"),
])
def test_media_url_refuses_what_would_break_every_image(value, reason):
    with pytest.raises(MediaStorageUrlError, match=reason):
        media_url(value)


def test_origin_is_the_cdn_host_or_nothing():
    assert origin("https://anh.example.vn:8443/bao/") == "https://anh.example.vn:8443"
    assert origin("/uploads/") == ""


def test_the_site_refuses_to_start_with_a_bad_value_and_a_vietnamese_message():
    """Settings load in a fresh process (as ``toasoan serve`` would) and stop before serving anything."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.production",
           "SECRET_KEY": "k" + "".join(chr(65 + i % 26) for i in range(60)),
           "MEDIA_STORAGE_URL": "s3://khoa:bi-mat-rat-dai@s3.example.vn/Bucket_Sai"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "ImproperlyConfigured: MEDIA_STORAGE_URL không dùng được: tên bucket «Bucket_Sai» không hợp lệ" \
        in result.stderr
    assert "bi-mat-rat-dai" not in result.stderr
