"""Bad input refused at upload, with Vietnamese messages: images, media files and embed addresses.

* Images (``WAGTAILIMAGES_IMAGE_FORM_BASE``): :class:`SafeImageForm` first refuses an image over the
  decoded-size budget from its header (toasoan.images.budget), then Wagtail checks the type, the size and
  the pixel count, with Vietnamese wording.
* Documents (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): :class:`SafeDocumentForm` reads the first bytes of a
  file whose name says video, audio or PDF and refuses it when the content is something else (a renamed
  executable, an HTML page saved as ``.mp4``).
* Embeds: :func:`validate_embed_url` accepts only known video hosts over HTTPS (used by
  :class:`toasoan.news.blocks.SafeEmbedBlock`), so an unknown host is refused when the editor saves,
  before any oEmbed lookup.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from toasoan.images import budget

EMBED_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com", "facebook.com", "fb.watch",
               "tiktok.com", "soundcloud.com", "spotify.com")
VIDEO_EXTENSIONS = {"mp4", "m4v", "mov", "webm"}
AUDIO_EXTENSIONS = {"mp3", "m4a", "ogg", "oga", "wav"}


def sniff(head: bytes) -> str | None:
    """The container the first bytes announce: ``mp4``, ``webm``, ``ogg``, ``mp3``, ``wav``, ``pdf`` or None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


EXPECTED = {
    **{ext: {"mp4"} for ext in ("mp4", "m4v", "mov", "m4a")},
    "webm": {"webm"},
    "ogg": {"ogg"},
    "oga": {"ogg"},
    "mp3": {"mp3"},
    "wav": {"wav"},
    "pdf": {"pdf"},
}


def check_media_file(uploaded) -> None:
    """Refuse a file whose content does not match its video/audio/PDF extension."""
    name = getattr(uploaded, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = EXPECTED.get(extension)
    if expected is None:
        return
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(position)
    if sniff(head) not in expected:
        if extension in VIDEO_EXTENSIONS:
            kind = _("video")
        elif extension in AUDIO_EXTENSIONS:
            kind = _("âm thanh")
        else:
            kind = _("PDF")
        raise ValidationError(
            _("Tệp «%(name)s» không phải tệp %(kind)s: nội dung không khớp với đuôi .%(ext)s.")
            % {"name": name.rsplit("/", 1)[-1], "kind": kind, "ext": extension},
            code="wrong_media_type",
        )


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and uploaded is not getattr(self, "original_file", None):
            check_media_file(uploaded)
        return uploaded


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None or not hasattr(field, "supported_formats_text"):
            return
        field.to_python = _budget_first(field.to_python)
        formats = field.supported_formats_text
        limit = field.max_upload_size_text
        field.error_messages.update({
            "invalid_image_extension": _("Không nhận loại tệp này. Ảnh phải là: %(formats)s.") % {"formats": formats},
            "invalid_image_known_format": _("Tệp không phải ảnh .%(extension)s thật: đuôi tệp không khớp với nội "
                                            "dung (%(image_format)s)."),
            "invalid_image": _("Tệp không phải ảnh hoặc ảnh bị hỏng. Ảnh phải là: %(formats)s.")
            % {"formats": formats},
            "file_too_large": _("Ảnh quá lớn (%(file_size)s). Tối đa %(max_filesize)s."),
            "file_too_many_pixels": _("Ảnh quá nhiều điểm ảnh (%(num_pixels)s). Tối đa %(max_pixels_count)s."),
            "file_too_large_unknown_size": _("Ảnh quá lớn. Tối đa %(max_filesize)s.") % {"max_filesize": limit},
        })


def _budget_first(to_python):
    """The decoded-size budget (toasoan.images.budget), judged from the header before anything else opens it."""

    def checked(data):
        if data:
            budget.check(data, name=getattr(data, "name", ""))
        return to_python(data)

    return checked


def validate_embed_url(url: str) -> None:
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    known = any(host == h or host.endswith("." + h) for h in EMBED_HOSTS)
    if parts.scheme != "https" or not known:
        raise ValidationError(
            _("Không nhúng được từ «%(host)s». Chỉ nhận địa chỉ https của: %(hosts)s.")
            % {"host": host or url, "hosts": ", ".join(EMBED_HOSTS)},
            code="unknown_embed_host",
        )


def validate_media_document(document, *, kind: str) -> None:
    """For ``MediaBlock.clean``: the chosen document must be a video (or audio) file, by name and by content."""
    name = getattr(document.file, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = AUDIO_EXTENSIONS if kind == "audio" else VIDEO_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("«%(title)s» không phải tệp %(kind)s. Chọn tệp có đuôi: %(exts)s.")
            % {"title": document.title, "kind": _("âm thanh") if kind == "audio" else _("video"),
               "exts": ", ".join(sorted(allowed))},
            code="not_media",
        )
    with document.file.open("rb") as handle:
        check_media_file(_Named(handle, name))


class _Named:
    """A file handle that reports the stored name (``check_media_file`` reads the extension from it)."""

    def __init__(self, handle, name: str) -> None:
        self._handle, self.name = handle, name

    def tell(self) -> int:
        return self._handle.tell()

    def seek(self, position: int) -> None:
        self._handle.seek(position)

    def read(self, size: int) -> bytes:
        return self._handle.read(size)
