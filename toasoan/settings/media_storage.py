"""``MEDIA_STORAGE_URL``: where uploads and image renditions are kept, as one address read when settings load.

Empty (the default): the folder ``MEDIA_ROOT`` on this machine. Otherwise an S3-compatible object store
(Amazon S3, SeaweedFS, MinIO, Ceph, Cloudflare R2, Viettel/FPT/VNG object storage…), through django-storages::

    s3://ACCESS_KEY:SECRET_KEY@s3.example.vn/bucket?region=ap-southeast-1      HTTPS
    s3+http://ACCESS_KEY:SECRET_KEY@127.0.0.1:8333/bucket/prefix               plain HTTP (loopback, private net)

* The key and secret are percent-encoded where they hold ``/ + : @ %`` (a ``/`` in a secret is ``%2F``). Left out,
  boto3 reads ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (or an instance role) as usual.
* A path after the bucket is a prefix: every file is kept under it (several papers in one bucket).
* Options: ``region`` (default ``us-east-1``), ``addressing`` (``path``, the default, which every S3-compatible
  store understands, or ``virtual`` for ``bucket.host``), ``acl`` (a canned ACL for new objects, e.g.
  ``public-read`` on a store without bucket policies).

A wrong value stops the start with a Vietnamese message naming what is wrong and an example; the message never
repeats the secret. No Django import here: settings call this before Django is set up.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

BACKEND = "toasoan.mediastore.backends.MediaStorage"
SCHEMES = {"s3": "https", "s3+https": "https", "s3+http": "http"}
OPTIONS = ("region", "addressing", "acl")
ADDRESSING = ("path", "virtual")
CANNED_ACLS = ("private", "public-read", "public-read-write", "authenticated-read", "bucket-owner-read",
               "bucket-owner-full-control")
EXAMPLE = "s3://KHÓA:BÍ_MẬT@s3.example.vn/ten-bucket?region=ap-southeast-1"
# S3's rule for bucket names (3–63 characters, lower case, digits, dots and hyphens, a letter or digit at each end).
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
REGION = re.compile(r"^[a-z0-9-]{1,40}$")


class MediaStorageUrlError(ValueError):
    """A ``MEDIA_STORAGE_URL`` that cannot be used, with the reason in Vietnamese (never the secret)."""


def _refuse(reason: str) -> MediaStorageUrlError:
    return MediaStorageUrlError(f"MEDIA_STORAGE_URL không dùng được: {reason}. Dạng đúng: {EXAMPLE} "
                                "(xem docs/operations.md, «Lưu trữ ảnh trên S3»).")


def redacted(url: str) -> str:
    """``url`` with its secret replaced by ``***`` (for messages and logs)."""
    return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)


def parse(url: str) -> dict | None:
    """The ``STORAGES["default"]`` entry for ``url``; None for an empty value (local disk)."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refuse(f"không đọc được địa chỉ «{redacted(url)}» (cổng phải là số từ 1 đến 65535)") from None
    scheme = SCHEMES.get(parts.scheme.lower())
    if scheme is None:
        raise _refuse(f"giao thức «{parts.scheme or '(trống)'}» không được hỗ trợ, chỉ s3://, s3+https:// hoặc "
                      "s3+http://")
    if not parts.hostname:
        raise _refuse("thiếu tên máy chủ lưu trữ sau «@»")
    bucket, _sep, prefix = parts.path.lstrip("/").partition("/")
    if not bucket:
        raise _refuse("thiếu tên bucket sau tên máy chủ")
    if not BUCKET_NAME.match(bucket) or ".." in bucket:
        raise _refuse(f"tên bucket «{bucket}» không hợp lệ (3–63 ký tự: chữ thường không dấu, số, dấu chấm, "
                      "gạch ngang)")
    prefix = unquote(prefix).strip("/")
    if prefix and any(part in {"", ".", ".."} for part in prefix.split("/")):
        raise _refuse(f"tiền tố «{prefix}» có đoạn rỗng, «.» hoặc «..»")
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise _refuse(f"tùy chọn lạ «{unknown[0]}» (chỉ có: {', '.join(OPTIONS)})")
    region = options.get("region", "us-east-1")
    if not REGION.match(region):
        raise _refuse(f"vùng (region) «{region}» không hợp lệ")
    addressing = options.get("addressing", "path")
    if addressing not in ADDRESSING:
        raise _refuse(f"addressing «{addressing}» không hợp lệ (path hoặc virtual)")
    acl = options.get("acl")
    if acl is not None and acl not in CANNED_ACLS:
        raise _refuse(f"acl «{acl}» không hợp lệ (ví dụ public-read)")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    endpoint = f"{scheme}://{host}" + (f":{port}" if port else "")
    config = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "addressing_style": addressing,
        "location": prefix,
    }
    if parts.username is not None or parts.password is not None:
        if not parts.username or not parts.password:
            raise _refuse("có khóa truy cập thì phải có cả bí mật (KHÓA:BÍ_MẬT@máy-chủ), hoặc bỏ cả hai để dùng "
                          "AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY")
        config["access_key"] = unquote(parts.username)
        config["secret_key"] = unquote(parts.password)
    if acl:
        config["default_acl"] = acl
    return {"BACKEND": BACKEND, "OPTIONS": config}


def media_url(value: str) -> str:
    """``MEDIA_URL`` as given (default ``/uploads/``): a path on this site or an ``http(s)://`` address (a CDN host)
    ending with ``/``."""
    value = (value or "").strip() or "/uploads/"
    parts = urlsplit(value)
    absolute = parts.scheme in {"http", "https"} and bool(parts.netloc)
    if not (absolute or (value.startswith("/") and not value.startswith("//"))) or parts.query or parts.fragment:
        raise MediaStorageUrlError(f"MEDIA_URL «{value}» không dùng được: phải là một đường dẫn trên trang "
                                   "(ví dụ /uploads/) hoặc một địa chỉ http(s):// (ví dụ https://anh.example.vn/).")
    if not value.endswith("/"):
        raise MediaStorageUrlError(f"MEDIA_URL «{value}» phải kết thúc bằng dấu «/» (ví dụ {value}/).")
    return value


def origin(url: str) -> str:
    """The origin (``https://host[:port]``) of an absolute ``MEDIA_URL``; empty for a path on this site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} and parts.netloc else ""
