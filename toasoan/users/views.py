"""Sign-in screens of the newsroom: the second factor (set up, then asked at every sign-in) and the lockout."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from toasoan.audit import auth_events
from toasoan.users import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"), max_length=20, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": gettext_lazy("Chưa nhập mã: trường «Mã xác thực» là bắt buộc.")},
    )


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return reverse("wagtailadmin_home")


def setup_view(request):
    """First sign-in: scan the QR code (or type the key), enter one code, receive the recovery codes."""
    user = request.user
    if two_factor.has_confirmed_device(user=user):
        # A password alone never registers another authenticator on an account that has one.
        return redirect(_next_url(request) if user.is_verified() else reverse("two_factor_verify"))
    device = two_factor.pending_device(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_device(device=device, token=two_factor.normalise_code(form.cleaned_data["code"]))
        if codes is not None:
            otp_login(request, device)
            return TemplateResponse(request, "users/two_factor_recovery_codes.html", {
                "codes": codes, "next": _next_url(request),
            })
        form.add_error("code", _("Mã không đúng. Hãy nhập mã 6 số đang hiện trong ứng dụng xác thực "
                                 "(mã đổi sau mỗi 30 giây; kiểm tra giờ của điện thoại). Sau mỗi lần sai "
                                 "phải chờ vài giây mới nhập lại được."))
    return TemplateResponse(request, "users/two_factor_setup.html", {
        "form": form, "qr_svg": two_factor.qr_svg(device), "secret": two_factor.secret_for_display(device),
        "issuer": settings.OTP_TOTP_ISSUER, "next": _next_url(request),
    })


def verify_view(request):
    """Every sign-in after the password: a code from the app, or one recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_confirmed_device(user=user):
        return redirect(reverse("two_factor_setup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        auth_events.on_second_factor_failed(user=user)
        form.add_error("code", _("Mã không đúng hoặc đã dùng rồi. Hãy nhập mã 6 số đang hiện trong ứng dụng "
                                 "xác thực, hoặc một mã dự phòng 8 số. Nhập sai nhiều lần phải chờ lâu hơn."))
    return TemplateResponse(request, "users/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def new_recovery_codes_view(request):
    """A verified person replaces his recovery codes (the old ones stop working)."""
    if request.method != "POST":
        return TemplateResponse(request, "users/two_factor_recovery_codes.html", {
            "codes": None, "next": reverse("wagtailadmin_home"),
        })
    codes = two_factor.new_recovery_codes(user=request.user)
    return TemplateResponse(request, "users/two_factor_recovery_codes.html", {
        "codes": codes, "next": reverse("wagtailadmin_home"),
    })


def lockout_response(request, original_response=None, credentials=None):
    """django-axes: what a locked-out sign-in gets (HTTP 429), in Vietnamese."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "users/lockout.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes,
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
