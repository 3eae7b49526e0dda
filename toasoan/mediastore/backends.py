"""The storage of uploads and renditions on an S3-compatible object store (``MEDIA_STORAGE_URL``).

django-storages' ``S3Storage`` with the choices a newspaper's media need:

* **Readers get the files from ``MEDIA_URL``** — the front (``/uploads/``, which nginx or
  :func:`toasoan.mediastore.views.serve_upload` answers) or a CDN host (``https://anh.example.vn/``) — never a
  signed address to the store itself: an address that changes every hour cannot be cached. ``MEDIA_URL`` stands for
  the root of the storage (the bucket, or its prefix).
* **Nothing is overwritten**: a second ``anh.jpg`` gets its own name (``anh_x7Yz1Qa.jpg``), as on disk, so an address
  once given to readers always means the same bytes and may be cached for long (``MEDIA_CACHE_SECONDS``).
* **The type comes from the extension**, which the upload forms restrict, never from what the browser claimed:
  an upload sent as ``text/html`` is still stored as ``image/jpeg``. AVIF and WebP are named even where Python's
  table lacks them.
* Each object is stored with ``Cache-Control: public, max-age=MEDIA_CACHE_SECONDS``, which the store returns
  to the front and the CDN.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

EXTRA_TYPES = {".avif": "image/avif", ".webp": "image/webp", ".heic": "image/heic", ".m4a": "audio/mp4",
               ".webm": "video/webm", ".ogg": "audio/ogg",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
for _extension, _type in EXTRA_TYPES.items():
    mimetypes.add_type(_type, _extension)

DEFAULT_CACHE_SECONDS = 365 * 24 * 3600


def cache_seconds() -> int:
    return int(getattr(settings, "TOASOAN_MEDIA_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def content_type(name: str) -> str:
    """The type a file named ``name`` is stored and served with, from its extension only."""
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


class MediaStorage(S3Storage):
    def __init__(self, **options):
        options.setdefault("file_overwrite", False)
        options.setdefault("querystring_auth", False)
        super().__init__(**options)

    def get_object_parameters(self, name: str) -> dict:
        params = super().get_object_parameters(name)
        params.setdefault("CacheControl", f"public, max-age={cache_seconds()}")
        params["ContentType"] = content_type(name)  # never the browser's claim (see the module docstring)
        return params

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        params.pop("ContentEncoding", None)  # a ".gz" upload is a file to download, not a page to unpack
        return params

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        """``MEDIA_URL`` + the file's name: the front or CDN address, the same on every node and every call."""
        return f"{settings.MEDIA_URL}{filepath_to_uri(clean_name(name)).lstrip('/')}"
