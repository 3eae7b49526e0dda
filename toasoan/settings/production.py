"""Production: everything from the environment; refuses to start without a strong secret key."""

import os

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool
from .secret_key import refuse_weak_secret_key

refuse_weak_secret_key(SECRET_KEY)  # missing, default, short or repetitive: refuse to start, saying why

DEBUG = False
# Believed only from TOASOAN_TRUSTED_PROXIES (the nginx front sets it from its own scheme).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS everywhere: redirect, HSTS and secure cookies. HTTPS=0 (or the older SECURE_COOKIES=0) only for a
# stack on plain HTTP, such as `make prod-local` on the loopback.
HTTPS = env_bool("HTTPS", env_bool("SECURE_COOKIES", True))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 31_536_000)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SILENCED_SYSTEM_CHECKS = [
    # Preloading is a decision the paper takes with its domain (docs/security.md): HSTS_PRELOAD=1.
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
STORAGES = {
    **STORAGES,  # noqa: F405 - the uploads' storage from base (local disk, or MEDIA_STORAGE_URL's object store)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# --- cluster: warm web workers (toasoan/ops/warmup.py): the first publish after a start waits for no cold worker.
TOASOAN_WARM_START = env_bool("WARM_START", True)
