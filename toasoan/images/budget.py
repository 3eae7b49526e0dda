"""The decoded-size budget of an image, judged from its header before any decoding.

A 15 KB PNG can announce 11000 × 11000 pixels: decoding it takes gigabytes. :func:`check` opens the file
with Pillow, which reads only the header (size, mode, frame count), and refuses the image when
width × height × frames passes ``TOASOAN_IMAGE_MAX_PIXELS`` or the decoded bytes (× bytes per pixel of its
mode) pass ``TOASOAN_IMAGE_MAX_DECODED_BYTES``, with a Vietnamese message. Used by the upload form
(:class:`toasoan.seo.uploads.SafeImageForm`) and before any image is saved (:func:`check_before_save`, for
commands and the importer). :func:`bound_decoding` makes Pillow itself refuse to decode more than the budget
anywhere in the process (renditions included).
"""

from __future__ import annotations

import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from toasoan.limits import sizes

BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "La": 2, "RGB": 3, "YCbCr": 3, "LAB": 3, "HSV": 3,
                   "RGBA": 4, "RGBa": 4, "RGBX": 4, "CMYK": 4, "I": 4, "F": 4, "I;16": 2, "I;16B": 2, "I;16L": 2}


def max_pixels() -> int:
    return int(getattr(settings, "TOASOAN_IMAGE_MAX_PIXELS", 50_000_000))


def max_decoded_bytes() -> int:
    return int(getattr(settings, "TOASOAN_IMAGE_MAX_DECODED_BYTES", 200 * 1024 * 1024))


def _refuse(name: str, detail: str) -> ValidationError:
    return ValidationError(
        _("Ảnh «%(name)s» quá lớn để xử lý: %(detail)s. Hãy thu nhỏ ảnh (ví dụ cạnh dài tối đa 6.000 điểm ảnh) rồi "
          "tải lên lại.") % {"name": name, "detail": detail},
        code="image_over_budget",
    )


def _too_many_pixels(pixels: int, dimensions: str = "") -> str:
    return _("%(pixels)s điểm ảnh%(dimensions)s, giới hạn là %(limit)s") % {
        "pixels": sizes.count(pixels), "dimensions": dimensions, "limit": sizes.count(max_pixels())}


def check(file, *, name: str = "") -> None:
    """Refuse an image whose decoded size passes the budget; reads only the header. Rewinds ``file``."""
    name = (name or getattr(file, "name", "") or "").rsplit("/", 1)[-1]
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        try:
            image = Image.open(file)  # the header only: nothing is decoded here
        except Image.DecompressionBombError as exc:  # Pillow's own bound (bound_decoding) saw it first
            found = re.search(r"\((\d+) pixels\)", str(exc))
            raise _refuse(name, _too_many_pixels(int(found.group(1))) if found else str(exc)) from exc
        except Exception:
            return
        width, height = image.size
        dimensions = f" ({sizes.count(width)} × {sizes.count(height)})"
        if width * height > max_pixels():
            raise _refuse(name, _too_many_pixels(width * height, dimensions))
        frames = max(1, int(getattr(image, "n_frames", 1) or 1))
        if width * height * frames > max_pixels():
            raise _refuse(name, _("%(frames)s khung hình: %(detail)s") % {
                "frames": sizes.count(frames), "detail": _too_many_pixels(width * height * frames, dimensions)})
        decoded = width * height * frames * BYTES_PER_PIXEL.get(image.mode, 4)
        if decoded > max_decoded_bytes():
            raise _refuse(name, _("cần %(size)s bộ nhớ khi giải nén%(dimensions)s, giới hạn là %(limit)s") % {
                "size": sizes.megabytes(decoded), "dimensions": dimensions,
                "limit": sizes.megabytes(max_decoded_bytes())})
    finally:
        file.seek(position)


def check_before_save(instance) -> None:
    """``pre_save`` of the image model: a new file over the budget is never stored, whatever saves it."""
    field = getattr(instance, "file", None)
    if not field:
        return
    committed = getattr(field, "_committed", True)
    if committed and instance.pk:
        return  # the stored file, checked when it came in
    handle = getattr(field, "file", None)
    if handle is None:
        return
    check(handle, name=getattr(field, "name", ""))


def bound_decoding() -> None:
    """Pillow refuses (DecompressionBombError) to open anything over the pixel budget, in every code path."""
    Image.MAX_IMAGE_PIXELS = max(1, max_pixels() // 2)  # Pillow raises above twice this value
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
