"""Production: everything from the environment; refuses to start without a strong secret key."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool
from .secret_key import refuse_weak_secret_key

refuse_weak_secret_key(SECRET_KEY)  # missing, default, short or repetitive: refuse to start, saying why

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
