"""The size limits of what people send (settings, with defaults), in one place."""

from __future__ import annotations

from django.conf import settings


def max_request_bytes() -> int:
    """A whole request body, files included (``TOASOAN_MAX_REQUEST_BYTES``; nginx's ``client_max_body_size``)."""
    return int(getattr(settings, "TOASOAN_MAX_REQUEST_BYTES", 25 * 1024 * 1024))


def max_form_bytes() -> int:
    """The fields of a form without its files (Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``)."""
    return int(getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None) or 2_621_440)


def max_form_fields() -> int:
    return int(getattr(settings, "DATA_UPLOAD_MAX_NUMBER_FIELDS", None) or 1000)


def max_sapo_chars() -> int:
    return int(getattr(settings, "TOASOAN_MAX_SAPO_CHARS", 3000))


def max_body_chars() -> int:
    """An article's body as stored (its StreamField JSON): what one revision may hold."""
    return int(getattr(settings, "TOASOAN_MAX_BODY_CHARS", 500_000))
