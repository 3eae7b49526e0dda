"""Refuse a request body over ``TOASOAN_MAX_REQUEST_BYTES`` before reading it (when no nginx front does)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from toasoan.limits import conf, sizes
from toasoan.limits.views import too_large


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = conf.max_request_bytes()
        if length > limit:
            return too_large(request, reason=_(
                "Yêu cầu gửi lên %(sent)s, vượt giới hạn %(limit)s cho một lần gửi (kể cả tệp đính kèm). Ảnh hay tệp "
                "quá lớn cần được thu nhỏ trước khi tải lên.") % {
                "sent": sizes.megabytes(length), "limit": sizes.megabytes(limit)})
        return self.get_response(request)
