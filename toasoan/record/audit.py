"""The audit trail's sign-ins: each successful and failed admin sign-in goes into Wagtail's action log (the same
log as edits, reviews, publications, takedowns and corrections, under Báo cáo → Nhật ký thao tác), with the
address it came from. Passwords are never logged."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from wagtail.log_actions import log

logger = logging.getLogger(__name__)
MAX_USERNAME = 150


def client_address(request) -> str:
    """The address the request came from (the proxy's X-Forwarded-For first hop only when Django trusts the
    proxy: SECURE_PROXY_SSL_HEADER set in production means the app sits behind its own nginx)."""
    if request is None:
        return ""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def _where(request) -> dict:
    if request is None:
        return {}
    return {"ip": client_address(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]}


def on_logged_in(sender, request, user, **kwargs) -> None:
    try:
        log(instance=user, action="toasoan.login", user=user, data=_where(request))
    except Exception:  # the audit must never stop a sign-in
        logger.exception("Không ghi được nhật ký đăng nhập")


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:MAX_USERNAME]
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        logger.warning("Đăng nhập thất bại với tên không tồn tại %r từ %s", username, client_address(request))
        return
    try:
        log(instance=user, action="toasoan.login_failed", user=None, data={"username": username, **_where(request)})
    except Exception:
        logger.exception("Không ghi được nhật ký đăng nhập thất bại")
