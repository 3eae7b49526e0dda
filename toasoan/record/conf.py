"""Settings of the legal record (lưu chiểu), read when needed so tests can override them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_RETENTION_MONTHS = 12  # Decree 08/2017: at least 12 months from first publication
DEFAULT_RETENTION_MONTHS = 24
# Pages whose publications are deposited: stories, running-story pages, the front page and section fronts.
DEFAULT_PAGE_TYPES = ("news.articlepage", "events.eventpage", "home.homepage", "sections.sectionpage")
DEFAULT_ASSET_MAX_BYTES = 20 * 1024 * 1024


def enabled() -> bool:
    return bool(getattr(settings, "TOASOAN_DEPOSIT_ENABLED", True))


def retention_months() -> int:
    return int(getattr(settings, "TOASOAN_DEPOSIT_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


def check_retention() -> None:
    """Refuse to start with a retention period the law does not allow."""
    months = getattr(settings, "TOASOAN_DEPOSIT_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)
    try:
        months = int(months)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            f"TOASOAN_DEPOSIT_RETENTION_MONTHS phải là số tháng (nhận được {months!r})."
        ) from None
    if months < MIN_RETENTION_MONTHS:
        raise ImproperlyConfigured(
            f"TOASOAN_DEPOSIT_RETENTION_MONTHS = {months}: bản lưu chiểu phải được giữ ít nhất "
            f"{MIN_RETENTION_MONTHS} tháng."
        )


def page_types() -> tuple[str, ...]:
    return tuple(getattr(settings, "TOASOAN_DEPOSIT_PAGE_TYPES", DEFAULT_PAGE_TYPES))


def asset_max_bytes() -> int:
    return int(getattr(settings, "TOASOAN_DEPOSIT_ASSET_MAX_BYTES", DEFAULT_ASSET_MAX_BYTES))


def takedown_status() -> int:
    """410 Gone by default; 404 when the paper prefers not to say a story was there."""
    return 404 if int(getattr(settings, "TOASOAN_TAKEDOWN_STATUS", 410)) == 404 else 410
