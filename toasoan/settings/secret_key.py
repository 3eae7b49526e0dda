"""What makes a ``SECRET_KEY`` unfit for production (checked when the production settings load)."""

from __future__ import annotations

# Keys seen in examples, tutorials and this repository's own test settings.
KNOWN_KEYS = {"test-only-not-secret", "changeme", "change-me", "secret", "your-secret-key", "dev", "development"}
MIN_LENGTH = 50
MIN_DISTINCT = 10
HOW_TO_MAKE = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def weak_secret_key_reason(key: str) -> str | None:
    """Why ``key`` must not be used in production, in Vietnamese, or None when it is fit."""
    if not key:
        return "chưa đặt SECRET_KEY trong biến môi trường"
    lowered = key.lower()
    if lowered in KNOWN_KEYS or lowered.startswith("django-insecure"):
        return "SECRET_KEY là khóa mặc định hoặc khóa mẫu ai cũng biết"
    if len(key) < MIN_LENGTH:
        return f"SECRET_KEY chỉ dài {len(key)} ký tự (cần ít nhất {MIN_LENGTH})"
    if len(set(key)) < MIN_DISTINCT:
        return f"SECRET_KEY chỉ có {len(set(key))} ký tự khác nhau (ví dụ một ký tự lặp lại): quá dễ đoán"
    return None


def refuse_weak_secret_key(key: str) -> None:
    """Raise ImproperlyConfigured with the reason and the command that makes a good key."""
    from django.core.exceptions import ImproperlyConfigured

    reason = weak_secret_key_reason(key)
    if reason:
        raise ImproperlyConfigured(
            f"Không khởi động với cấu hình production: {reason}. Tạo khóa mới bằng lệnh {HOW_TO_MAKE} "
            "rồi đặt nó vào biến môi trường SECRET_KEY (giữ bí mật, không đưa vào kho mã)."
        )
