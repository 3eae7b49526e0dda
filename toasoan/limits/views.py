"""Requests too large, answered in Vietnamese with what is too large and how not to lose the work.

Django refuses a form whose fields pass ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``RequestDataTooBig``) or
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (``TooManyFieldsSent``) as "suspicious" and answers ``handler400``:
:func:`bad_request` turns those two into a ``413`` page; :class:`~toasoan.limits.middleware.RequestSizeMiddleware`
refuses a whole body over ``TOASOAN_MAX_REQUEST_BYTES`` the same way before reading it. In the admin, the
script ``toasoan/limits/form-size.js`` checks the same limits before sending, so the form stays as it is.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from toasoan.limits import conf, sizes


def too_large(request: HttpRequest, *, reason: str) -> HttpResponse:
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if referer.startswith(("/", request.build_absolute_uri("/"))) else ""
    html = loader.render_to_string("limits/413.html", {"reason": reason, "back": back}, request=None)
    response = HttpResponse(html, status=413)
    response["Cache-Control"] = "no-store"
    return response


def reason_for(exception: Exception, request: HttpRequest) -> str | None:
    if isinstance(exception, RequestDataTooBig):
        sent = int(request.META.get("CONTENT_LENGTH") or 0)
        return _("Biểu mẫu gửi lên %(sent)s chữ, vượt giới hạn %(limit)s (chưa kể tệp đính kèm). Thường là một "
                 "trường dán quá nhiều nội dung, ví dụ sapo hay nội dung bài.") % {
            "sent": sizes.megabytes(sent), "limit": sizes.megabytes(conf.max_form_bytes())}
    if isinstance(exception, TooManyFieldsSent):
        return _("Biểu mẫu có hơn %(limit)s trường, vượt giới hạn cho một lần gửi. Hãy chia nội dung thành nhiều "
                 "lần lưu hoặc nhiều bài.") % {"limit": sizes.count(conf.max_form_fields())}
    return None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: an oversize form gets the 413 page, anything else a short Vietnamese 400 page."""
    reason = reason_for(exception, request) if exception is not None else None
    if reason is not None:
        return too_large(request, reason=reason)
    html = loader.render_to_string("limits/400.html", {}, request=None)
    return HttpResponse(html, status=400)
