"""Local development and ``make demo``: debug on, a throwaway secret kept out of the repository."""

import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", False)  # readers see the Vietnamese 404/500 pages; DEBUG=1 for tracebacks


def _local_secret() -> str:
    """A secret generated once per checkout and kept in var/ (never committed)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _local_secret()

# --- readers2: reader emails are printed by the task worker unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
