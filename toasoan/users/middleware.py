"""Newsroom sessions: signed out after a spell of inactivity, and admin pages only after the second factor."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "toasoan_last_seen"
# Screens an authenticated person reaches before the second factor.
BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite",
    "two_factor_setup", "two_factor_verify",
}


class NewsroomSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self.idle_expiry(request) or self.second_factor(request)
            if response is not None:
                return response
        return self.get_response(request)

    def idle_expiry(self, request):
        minutes = getattr(settings, "TOASOAN_IDLE_TIMEOUT_MINUTES", 0)
        if not minutes:
            return None
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > minutes * 60:
            logout(request)
            messages.warning(request, _(
                "Phiên làm việc đã hết hạn vì không hoạt động quá %(minutes)d phút. Hãy đăng nhập lại."
            ) % {"minutes": minutes})
            return self._to(request, "wagtailadmin_login")
        if last_seen is None or now - last_seen >= 15:  # one session write per 15 s at most
            request.session[LAST_SEEN_KEY] = now
        return None

    def second_factor(self, request):
        if not getattr(settings, "TOASOAN_REQUIRE_2FA", True) or request.user.is_verified():
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in BEFORE_SECOND_FACTOR:
            return None
        from toasoan.users.two_factor import has_confirmed_device

        target = "two_factor_verify" if has_confirmed_device(user=request.user) else "two_factor_setup"
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or request.method not in ("GET", "HEAD"):
            return JsonResponse({"error": _("Cần xác thực hai bước trước khi tiếp tục.")}, status=403)
        return self._to(request, target)

    @staticmethod
    def _to(request, url_name: str):
        url = reverse(url_name)
        if request.method in ("GET", "HEAD"):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
