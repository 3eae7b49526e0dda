"""``/uploads/…`` answered by the app when no front does it (``SERVE_MEDIA``, ``make demo``), from either storage.

On local disk it is Django's static ``serve`` of ``MEDIA_ROOT``; on an object store the file is read from the store
and sent with its type (from its extension) and the long ``Cache-Control`` of the stored object, so a front or CDN
placed before the app keeps it as long as the store would.
"""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.static import serve as static_serve

from toasoan.mediastore import locality
from toasoan.mediastore.backends import cache_seconds, content_type


def serve_upload(request: HttpRequest, path: str) -> HttpResponse:
    if locality.is_local(default_storage):
        return static_serve(request, path, document_root=settings.MEDIA_ROOT)
    if not path or path.endswith("/"):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, SuspiciousFileOperation, SuspiciousOperation):
        raise Http404 from None
    except (ClientError, BotoCoreError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type(path))
    response["Cache-Control"] = f"public, max-age={cache_seconds()}"
    return response
