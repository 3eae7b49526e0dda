"""The moderation desk in the admin (``/admin/toa-soan/binh-luan/``): the queue, oldest first, with approve,
reject with a reason, edit out a phrase and ban, each one keystroke away (static/toasoan/js/comments-queue.js);
and the readers' data screen (export as JSON, erase: the reader account too) for requests by email. Moderators only
(rules.py)."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from toasoan.comments import rules, selectors, services
from toasoan.comments.models import Comment
from toasoan.readers import services as reader_services

QUEUE_SIZE = 50


def _moderator(request: HttpRequest) -> None:
    if not rules.can_moderate(request.user):
        raise PermissionDenied


def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    story = request.GET.get("bai", "")
    waiting = selectors.queue(article_id=int(story) if story.isdigit() else None)
    total = waiting.count()
    items = list(waiting[:QUEUE_SIZE])
    for comment in items:
        comment.others = selectors.recent_of(comment=comment)
    return TemplateResponse(request, "comments/admin/queue.html", {
        "items": items, "total": total, "story": story, "header_title": _("Kiểm duyệt bình luận"),
    })


def _comment(request: HttpRequest, pk: int) -> Comment:
    _moderator(request)
    return get_object_or_404(Comment, pk=pk)


def _back(request: HttpRequest) -> HttpResponse:
    story = request.POST.get("bai", "")
    url = reverse("comments_queue")
    return redirect(f"{url}?bai={story}" if story.isdigit() else url)


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    comment = _comment(request, pk)
    try:
        action(comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"name": comment.name})
    return _back(request)


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda c: services.approve(comment=c, user=request.user),
                _("Đã duyệt bình luận của %(name)s."))


@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda c: services.reject(comment=c, user=request.user,
                                                       reason=request.POST.get("reason", "")),
                _("Đã từ chối bình luận của %(name)s."))


@require_POST
def edit_out(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda c: services.edit_out(comment=c, user=request.user,
                                                         phrase=request.POST.get("phrase", "")),
                _("Đã bỏ đoạn đó khỏi bình luận của %(name)s."))


@require_POST
def ban(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda c: services.ban(comment=c, user=request.user,
                                                    reason=request.POST.get("reason", "")),
                _("Đã chặn %(name)s (theo thư điện tử và địa chỉ IP) và từ chối các bình luận đang chờ của họ."))


class ReaderDataForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Thư điện tử của bạn đọc"),
                             error_messages={"required": gettext_lazy("Hãy nhập thư điện tử của bạn đọc."),
                                             "invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ.")})
    confirm = forms.BooleanField(label=gettext_lazy("Tôi đã xác minh yêu cầu này là của chính bạn đọc (để xóa)"),
                                 required=False)
    remove_text = forms.BooleanField(
        label=gettext_lazy("Bạn đọc yêu cầu xóa cả nội dung bình luận"), required=False,
        help_text=gettext_lazy("Không đánh dấu: nội dung các bình luận vẫn hiện dưới bài với tên «Bạn đọc», không "
                               "còn gì gắn với người viết. Đánh dấu: xóa hẳn các bình luận."))


def _erased_message(erasure: reader_services.Erasure, email: str, remove_text: bool) -> str:
    if remove_text:
        done = _("Đã xóa %(count)d bình luận của %(email)s.")
    else:
        done = _("Đã xóa dữ liệu cá nhân trong %(count)d bình luận của %(email)s; nội dung bình luận được giữ lại, "
                 "ẩn danh.")
    account = (_("Đã xóa tài khoản bạn đọc của địa chỉ này cùng lịch sử đăng nhập và số điện thoại.")
               if erasure.account else _("Địa chỉ này không có tài khoản bạn đọc."))
    return f"{done % {'count': erasure.comments, 'email': email}} {account}"


def reader_data(request: HttpRequest) -> HttpResponse:
    """Requests of readers about their data, by email address: export (a JSON file: the reader account, if any,
    and the comments) or erase (the account and the comments' personal data; readers.services)."""
    _moderator(request)
    form = ReaderDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "export" in request.POST:
            data = reader_services.export_on_request(email=email, user=request.user)
            response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                    content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="du-lieu-ban-doc.json"'
            response["Cache-Control"] = "private, no-store"
            return response
        if "erase" in request.POST:
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Đánh dấu ô xác minh trước khi xóa."))
            else:
                remove_text = form.cleaned_data["remove_text"]
                erasure = reader_services.erase_on_request(email=email, user=request.user, remove_text=remove_text)
                messages.success(request, _erased_message(erasure, email, remove_text))
                return redirect("comments_reader_data")
    return TemplateResponse(request, "comments/admin/reader_data.html", {
        "form": form, "header_title": _("Dữ liệu bạn đọc"),
    })
