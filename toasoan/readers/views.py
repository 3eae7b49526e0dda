"""Reader accounts' pages, under ``/binh-luan/tai-khoan/`` (so the reader's cookie, limited to ``/binh-luan/``,
reaches them; never cached: ``caching.conf.EXCLUDED_PREFIXES``):

* ``dang-ky/`` sign up, ``dang-nhap/`` sign in, ``dang-xuat/`` sign out (POST);
* the account page (``tai-khoan/``): the reader's comments and their status, export, delete;
* ``du-lieu.json`` the export, ``xoa/`` deleting the account (POST, with the password);
* ``quen-mat-khau/`` asks for a password-reset email, ``dat-lai-mat-khau/<link>/`` sets the new password;
  ``xac-nhan/<link>/`` confirms the address (a button: a mail scanner opening the link confirms nothing),
  ``gui-lai-xac-nhan/`` sends the confirmation email again (POST);
* ``xoa-so-dien-thoai/`` removes the account's verified phone number (POST).

``?tiep=<path>`` brings the reader back to the story after signing in or out (same site only).
"""

from __future__ import annotations

import json
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from toasoan.comments import selectors as comment_selectors
from toasoan.readers import conf, services, sessions, tokens
from toasoan.readers.forms import DeleteForm, ForgotForm, ResetForm, SignInForm, SignUpForm

NEXT = "tiep"
STATUS_FOR = {"rate": 429, "locked": 429}


def _enabled() -> None:
    if not conf.enabled():
        raise Http404


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get(NEXT) or request.GET.get(NEXT) or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return ""


def _render(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    return TemplateResponse(request, template, {"next": _next(request), "next_name": NEXT, **context}, status=status)


def _refused(form, error: ValidationError, *, field: str | None = None) -> int:
    form.add_error(field, error)
    return STATUS_FOR.get(getattr(error, "code", ""), 400)


def _submit(request: HttpRequest, form, act, *, fields: dict | None = None) -> tuple[bool, object, int]:
    """``(done, result, status)``: ``act(cleaned_data)`` runs on a valid POSTed form; its refusal lands on the
    form (on the field ``fields`` names for its code)."""
    if request.method != "POST":
        return False, None, 200
    if not form.is_valid():
        return False, None, 400
    try:
        return True, act(form.cleaned_data), 200
    except ValidationError as error:
        return False, None, _refused(form, error, field=(fields or {}).get(error.code))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    _enabled()
    if sessions.current(request) is not None:
        return redirect(_next(request) or reverse("readers:account"))
    form = SignUpForm(request.POST or None)
    done, reader, status = _submit(request, form, lambda data: services.sign_up(
        request=request, email=data["email"], display_name=data["display_name"], password=data["password"],
        consent=data["consent"]), fields={"duplicate": "email", "name": "display_name", "consent": "consent"})
    if done:
        response = redirect(_next(request) or reverse("readers:account") + "?moi=1")
        sessions.start(request, response, reader=reader)
        return response
    return _render(request, "readers/sign_up.html", {"form": form, "page_title": _("Đăng ký tài khoản bạn đọc")},
                   status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    _enabled()
    form = SignInForm(request.POST or None)
    done, reader, status = _submit(request, form, lambda data: services.authenticate(
        request=request, email=data["email"], password=data["password"]))
    if done:
        response = redirect(_next(request) or reverse("readers:account"))
        sessions.start(request, response, reader=reader)
        return response
    return _render(request, "readers/sign_in.html", {"form": form, "page_title": _("Đăng nhập tài khoản bạn đọc"),
                                                        "signed_out": "da-thoat" in request.GET},
                   status=status)


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    _enabled()
    response = redirect(_next(request) or reverse("readers:sign_in") + "?da-thoat=1")
    sessions.end(request, response)
    return response


def _signed_in(view):
    """The view gets the signed-in reader; anyone else is sent to the sign-in, and back here after it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        _enabled()
        reader = sessions.current(request)
        if reader is None:
            return redirect(f"{reverse('readers:sign_in')}?{NEXT}={reverse('readers:account')}")
        return view(request, reader, *args, **kwargs)

    return wrapped


NOTICES = {"da-gui": gettext_lazy("Đã gửi lại thư xác nhận. Hãy mở đường dẫn trong thư (xem cả hộp thư rác)."),
           "da-xac-nhan": gettext_lazy("Đã xác nhận địa chỉ thư điện tử. Cảm ơn bạn."),
           "da-dat-lai": gettext_lazy("Đã đặt mật khẩu mới; bạn đang đăng nhập."),
           "da-xoa-so": gettext_lazy("Đã xóa số điện thoại khỏi tài khoản. Lần bình luận sau, tòa soạn sẽ hỏi số "
                                     "và gửi mã xác thực mới.")}


def _account_page(request: HttpRequest, reader, delete_form: DeleteForm, *, status: int = 200,
                  resend_error: str = "") -> HttpResponse:
    notice = next((str(text) for key, text in NOTICES.items() if key in request.GET), "")
    return _render(request, "readers/account.html", {
        "reader": reader, "comments": comment_selectors.of_reader(reader_id=reader.pk), "delete_form": delete_form,
        "new": request.GET.get("moi") == "1", "page_title": _("Tài khoản bạn đọc"), "notice": notice,
        "resend_error": resend_error,
    }, status=status)


@never_cache
@require_safe
@_signed_in
def account(request: HttpRequest, reader) -> HttpResponse:
    return _account_page(request, reader, DeleteForm())


@never_cache
@require_safe
@_signed_in
def export(request: HttpRequest, reader) -> HttpResponse:
    response = HttpResponse(json.dumps(services.export(reader=reader), ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-ban-doc.json"'
    return response


@never_cache
@require_POST
@_signed_in
def delete(request: HttpRequest, reader) -> HttpResponse:
    form = DeleteForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.authenticate(request=request, email=reader.email, password=form.cleaned_data["password"])
        except ValidationError as error:
            status = _refused(form, error, field="password" if error.code == "invalid" else None)
        else:
            count = services.delete(reader=reader)
            response = _render(request, "readers/deleted.html", {"count": count,
                                                                 "page_title": _("Đã xóa tài khoản")})
            sessions.end(request, response)
            return response
    return _account_page(request, reader, form, status=status)


@never_cache
@require_POST
@_signed_in
def resend(request: HttpRequest, reader) -> HttpResponse:
    try:
        services.resend_confirmation(request=request, reader=reader)
    except ValidationError as error:
        return _account_page(request, reader, DeleteForm(), status=429, resend_error=error.messages[0])
    return redirect(reverse("readers:account") + "?da-gui=1")


@never_cache
@require_POST
@_signed_in
def forget_phone(request: HttpRequest, reader) -> HttpResponse:
    services.forget_phone(reader=reader)
    return redirect(reverse("readers:account") + "?da-xoa-so=1")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def forgot(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same page whether the address has an account or not."""
    _enabled()
    form = ForgotForm(request.POST or None)
    done, _result, status = _submit(request, form,
                                    lambda data: services.request_reset(request=request, email=data["email"]))
    if done:
        return _render(request, "readers/forgot_sent.html", {"page_title": _("Quên mật khẩu"),
                                                              "hours": conf.link_hours()})
    return _render(request, "readers/forgot.html", {"form": form, "page_title": _("Quên mật khẩu")}, status=status)


def _link_page(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"  # the link never leaves in a Referer header
    return response


def _link_refused(request: HttpRequest, error: ValidationError, *, purpose: str) -> HttpResponse:
    return _link_page(request, _render(request, "readers/link_refused.html", {
        "message": error.messages[0], "purpose": purpose, "reset": purpose == tokens.RESET,
        "page_title": _("Đường dẫn không dùng được")}, status=410 if error.code in {"expired", "used"} else 400))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reset(request: HttpRequest, token: str) -> HttpResponse:
    """Set a new password through the emailed link; it signs the reader in and spends the link."""
    _enabled()
    try:
        reader = tokens.check(token=token, purpose=tokens.RESET)
    except ValidationError as error:
        return _link_refused(request, error, purpose=tokens.RESET)
    form = ResetForm(reader, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reader = services.reset_password(token=token, password=form.cleaned_data["password"])
        except ValidationError as error:  # spent by another request meanwhile
            return _link_refused(request, error, purpose=tokens.RESET)
        response = redirect(reverse("readers:account") + "?da-dat-lai=1")
        sessions.start(request, response, reader=reader)
        return _link_page(request, response)
    status = 400 if request.method == "POST" else 200
    return _link_page(request, _render(request, "readers/reset.html", {
        "form": form, "reader": reader, "page_title": _("Đặt lại mật khẩu")}, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    _enabled()
    try:
        if request.method == "POST":
            reader = services.confirm_email(token=token)
            signed_in = sessions.current(request)
            if signed_in is not None and signed_in.pk == reader.pk:
                return _link_page(request, redirect(reverse("readers:account") + "?da-xac-nhan=1"))
        else:
            reader = tokens.check(token=token, purpose=tokens.CONFIRM)
    except ValidationError as error:
        return _link_refused(request, error, purpose=tokens.CONFIRM)
    return _link_page(request, _render(request, "readers/confirm.html", {
        "reader": reader, "done": request.method == "POST", "page_title": _("Xác nhận địa chỉ thư điện tử")}))
