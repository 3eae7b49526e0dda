"""The nginx front's configuration (``deploy/nginx/toasoan.conf.template``) filled in from the settings.

What the front repeats of the app is taken from the app here, in one place: the reader pages'
Content-Security-Policy (:mod:`toasoan.headers.policy`, with ``MEDIA_URL``'s origin when uploads come from a CDN
or bucket host, as Django's middleware sends it) and where ``/uploads/`` comes from — the folder ``MEDIA_ROOT``,
or, with ``MEDIA_STORAGE_URL`` set, the bucket's public address, fetched and kept by the front
(``deploy/nginx/uploads-bucket.conf``). ``toasoan front_config`` writes the result; ``deploy/prod-local.sh`` runs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from toasoan.headers import policy
from toasoan.settings import media_storage

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
TEMPLATE = DEPLOY / "toasoan.conf.template"
# What may be written into the configuration from a setting: no quote, space, ";", "{", "}", "$" or "#".
SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~%/\-]*)?$")


class FrontConfigError(ValueError):
    """A setting that cannot be written into the nginx configuration (the reason in Vietnamese)."""


@dataclass(frozen=True)
class Bucket:
    """Where a front reads uploads kept in the object store: ``url`` ends with ``/`` (bucket and prefix)."""

    url: str
    host: str  # the Host header the store expects (with the port when not the scheme's own)
    server_name: str  # the TLS server name (the host without the port)


def _checked(url: str, setting: str) -> str:
    if not SAFE_URL.match(url):
        raise FrontConfigError(_("%(setting)s cho địa chỉ «%(url)s» không ghi được vào cấu hình nginx (chỉ chữ không "
                                 "dấu, số và . - _ ~ %% / :)") % {"setting": setting, "url": url})
    return url


def media_bucket() -> Bucket | None:
    """The bucket of ``MEDIA_STORAGE_URL`` as readers may read it; None with uploads on this machine's disk."""
    storage = settings.STORAGES.get("default", {})
    if storage.get("BACKEND") != media_storage.BACKEND:
        return None
    options = storage["OPTIONS"]
    endpoint = urlsplit(options["endpoint_url"])
    prefix = quote(options.get("location", "").strip("/"), safe="/")
    if options.get("addressing_style") == "virtual":
        netloc, path = f"{options['bucket_name']}.{endpoint.netloc}", ""
    else:
        netloc, path = endpoint.netloc, f"/{options['bucket_name']}"
    url = f"{endpoint.scheme}://{netloc}{path}/" + (f"{prefix}/" if prefix else "")
    return Bucket(url=_checked(url, "MEDIA_STORAGE_URL"), host=netloc, server_name=netloc.rpartition(":")[0]
                  if netloc.rsplit(":", 1)[-1].isdigit() else netloc)


def reader_csp() -> str:
    """The reader pages' Content-Security-Policy as Django's middleware sends it (without a report address)."""
    origin = getattr(settings, "TOASOAN_MEDIA_ORIGIN", "")
    if origin:
        _checked(origin, "MEDIA_URL")
    return policy.header_value(policy.with_media_origin(dict(policy.READER_DIRECTIVES), origin))


def uploads_location(*, media_root: Path | None = None) -> str:
    """The ``location /uploads/`` block: the folder ``MEDIA_ROOT`` or the object store's bucket."""
    bucket = media_bucket()
    if bucket is None:
        folder = str(media_root or settings.MEDIA_ROOT).rstrip("/")
        return (DEPLOY / "uploads-disk.conf").read_text().rstrip("\n").replace("@MEDIA_ROOT@", folder)
    text = (DEPLOY / "uploads-bucket.conf").read_text().rstrip("\n")
    for name, value in {"@MEDIA_BUCKET_URL@": bucket.url, "@MEDIA_BUCKET_HOST@": bucket.host,
                        "@MEDIA_BUCKET_SERVER_NAME@": bucket.server_name}.items():
        text = text.replace(name, value)
    return text


def render(*, run_dir: Path, app: str, listen: str, refresh_listen: str, page_files_dir: Path,
           static_root: Path | None = None, media_root: Path | None = None, as_root: bool = False) -> str:
    """The front's nginx.conf for this node (``listen`` and ``refresh_listen`` as ``address:port``)."""
    text = TEMPLATE.read_text()
    values = {
        "@USER_LINE@": "user root;" if as_root else "",
        "@UPLOADS_LOCATION@": uploads_location(media_root=media_root),  # before @RUN_DIR@: the block may name it
        "@READER_CSP@": reader_csp(),
        "@RUN_DIR@": str(run_dir), "@APP_ADDR@": app, "@LISTEN@": listen, "@REFRESH_LISTEN@": refresh_listen,
        "@STATIC_ROOT@": str(static_root or settings.STATIC_ROOT).rstrip("/"),
        "@PAGE_FILES_DIR@": str(page_files_dir),
    }
    for name, value in values.items():
        text = text.replace(name, value)
    left = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if left:
        raise FrontConfigError(_("Mẫu cấu hình nginx còn chỗ chưa điền: %s") % ", ".join(left))
    return text
