"""The read-only deposit view (lưu chiểu) for the inspector, the editor-in-chief and the system admin.

Lists every deposited version and shows any of them as it was published: the stored bytes, with the
images and stylesheets stored with it, served in a CSP sandbox (no scripts, no forms, no same-origin
access) inside an iframe of the detail page. Nothing here changes a record: there is no edit or delete.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from toasoan.record import selectors
from toasoan.record.models import DepositReason, DepositRecord

VIEW_PERMISSION = "record.view_depositrecord"
PAGE_SIZE = 50
ASSET_SALT = "toasoan.record.asset"
ASSET_LINK_SECONDS = 6 * 3600
SANDBOX_CSP = ("sandbox; default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
               "media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def _require_inspector(request: HttpRequest) -> None:
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied


def _day(value: str) -> datetime | None:
    try:
        day = datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    _require_inspector(request)
    errors = []
    query = request.GET.get("q", "").strip()[:200]
    since = until = None
    if request.GET.get("tu"):
        since = _day(request.GET["tu"])
        if since is None:
            errors.append(_("Ngày “từ” không hợp lệ: hãy viết theo dạng ngày/tháng/năm, ví dụ 25/12/2026."))
    if request.GET.get("den"):
        until = _day(request.GET["den"])
        if until is None:
            errors.append(_("Ngày “đến” không hợp lệ: hãy viết theo dạng ngày/tháng/năm, ví dụ 25/12/2026."))
        else:
            until += timedelta(days=1)
    page_id = request.GET.get("trang")
    page_id = int(page_id) if page_id and page_id.isdigit() and len(page_id) < 18 else None
    found = selectors.records(page_id=page_id, since=since, until=until, query=query).order_by("-seq")
    before = request.GET.get("truoc", "")
    if before.isdigit() and len(before) < 18:
        found = found.filter(seq__lt=int(before))
    rows = list(found[:PAGE_SIZE + 1])
    more = rows[PAGE_SIZE].seq + 1 if len(rows) > PAGE_SIZE else None
    params = request.GET.copy()
    if more is not None:
        params["truoc"] = str(more)
    return TemplateResponse(request, "record/admin/index.html", {
        "records": rows[:PAGE_SIZE], "errors": errors, "query": query, "since": request.GET.get("tu", ""),
        "until": request.GET.get("den", ""), "page_id": page_id or "",
        "more_url": f"?{params.urlencode()}" if more is not None else "",
        "open_requests": selectors.open_request_count(), "reasons": dict(DepositReason.choices),
    })


@require_safe
def detail(request: HttpRequest, seq: int) -> HttpResponse:
    _require_inspector(request)
    record = get_object_or_404(DepositRecord.objects.defer("body"), seq=seq)
    versions = selectors.records(page_id=record.page_id)
    return TemplateResponse(request, "record/admin/detail.html", {
        "record": record, "versions": versions, "reason": dict(DepositReason.choices).get(record.reason, ""),
        "raw_url": reverse("record_admin:raw", args=[record.seq]),
    })


def _asset_token(*, seq: int, sha256: str) -> str:
    return signing.TimestampSigner(salt=ASSET_SALT).sign(f"{seq}:{sha256}")


def _asset_url(*, seq: int, sha256: str) -> str:
    return reverse("record_asset", args=[_asset_token(seq=seq, sha256=sha256)])


def rewrite(content: str, *, record: DepositRecord, base: str) -> str:
    """Point every stored file the content names (absolute or site-relative) at its deposit copy."""
    for asset in sorted(record.assets, key=lambda a: -len(a["url"])):
        if not asset.get("sha256"):
            continue
        target = _asset_url(seq=record.seq, sha256=asset["sha256"])
        url = asset["url"]
        forms = {url}
        if url.startswith(base):
            forms.add(url[len(base):])
        for form in sorted(forms, key=len, reverse=True):
            content = re.sub(r"""(?<=[\s"'(,=])""" + re.escape(form) + r"""(?=[\s"'),?#])""", target, content)
    return content


def _origin(url: str) -> str:
    parts = url.split("/", 3)
    return "/".join(parts[:3])


@require_safe
@xframe_options_sameorigin
def raw(request: HttpRequest, seq: int) -> HttpResponse:
    """The deposited page as published, sandboxed: scripts never run, links lead nowhere."""
    _require_inspector(request)
    record = get_object_or_404(DepositRecord, seq=seq)
    content = bytes(record.body).decode("utf-8", errors="replace")
    content = rewrite(content, record=record, base=_origin(record.url))
    response = HttpResponse(content, content_type=record.content_type or "text/html; charset=utf-8")
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def asset(request: HttpRequest, token: str) -> HttpResponse:
    """A file stored with a record, for the sandboxed view (which cannot send the admin's cookie): the link
    is signed and expires, and names the record, so a stylesheet's own files are found too."""
    try:
        seq_text, sha256 = signing.TimestampSigner(salt=ASSET_SALT).unsign(token, max_age=ASSET_LINK_SECONDS) \
            .split(":", 1)
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    record = DepositRecord.objects.defer("body").filter(seq=int(seq_text)).first()
    stored = selectors.asset_by_hash(sha256=sha256)
    if record is None or stored is None or not any(a.get("sha256") == sha256 for a in record.assets):
        raise Http404
    data = bytes(stored.data)
    if "css" in stored.content_type:
        data = rewrite(data.decode("utf-8", errors="replace"), record=record, base=_origin(record.url)).encode()
    response = HttpResponse(data, content_type=stored.content_type)
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Corrections and takedowns (newsroom actions) --------------------------------------------------------------


def _live_story(page_id: int):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page.specific


def correction(request: HttpRequest, page_id: int) -> HttpResponse:
    """An editor attaches a correction to a published story they may edit."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from toasoan.record.actions import ActionError, attach_correction
    from toasoan.record.forms import CorrectionForm

    page = _live_story(page_id)
    if not request.user.has_perm("record.add_correction") or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attach_correction(page=page, user=request.user, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã đăng cải chính cho bài “%(title)s”.") % {"title": page.title})
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "record/admin/action_form.html", {
        "form": form, "page": page, "header_title": _("Cải chính bài viết"), "submit_label": _("Đăng cải chính"),
        "intro": _("Cải chính sẽ hiện ngay trên bài (có ghi ngày) và trong mục Cải chính theo mẫu “Thông tin cải "
                   "chính, xin lỗi”. Bản lưu chiểu giữ cả phiên bản trước và sau cải chính."),
    })


def takedown(request: HttpRequest, page_id: int) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from toasoan.record.actions import ActionError, take_down
    from toasoan.record.forms import TakedownForm

    if not request.user.has_perm("record.add_takedown"):
        raise PermissionDenied
    page = _live_story(page_id)
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take_down(page=page, user=request.user, reason=form.cleaned_data["reason"])
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã gỡ bài “%(title)s”. Bài và bản lưu chiểu vẫn được giữ.")
                             % {"title": page.title})
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "record/admin/action_form.html", {
        "form": form, "page": page, "header_title": _("Gỡ bài"), "submit_label": _("Gỡ bài khỏi trang"),
        "intro": _("Bài sẽ biến mất khỏi mọi trang, danh sách, RSS, sơ đồ trang và kết quả tìm kiếm ngay lập tức; "
                   "địa chỉ của bài hiện thông báo “Bài viết đã được gỡ”. Bài và các bản lưu chiểu được giữ "
                   "nguyên và có thể khôi phục."),
    })


def restore(request: HttpRequest, page_id: int) -> HttpResponse:
    from django.contrib import messages
    from django.shortcuts import redirect

    from toasoan.record import actions

    if not request.user.has_perm("record.change_takedown"):
        raise PermissionDenied
    active = selectors.active_takedown(page_id=page_id)
    if active is None:
        raise Http404
    if request.method == "POST":
        try:
            actions.restore(takedown=active, user=request.user)
        except actions.ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã khôi phục bài “%(title)s”.") % {"title": active.title})
        return redirect("wagtailadmin_pages:edit", page_id)
    return TemplateResponse(request, "record/admin/restore.html", {"takedown": active})
