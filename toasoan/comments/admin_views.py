"""The moderation desk in the admin (``/admin/toa-soan/binh-luan/``): the queue, oldest first, with approve,
reject with a reason, edit out a phrase and ban, each one keystroke away (static/toasoan/js/comments-queue.js);
and the readers' data screen (export as JSON, erase) for requests by email. Moderators only (rules.py)."""

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

from toasoan.comments import privacy, rules, selectors, services
from toasoan.comments.models import Comment

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


def reader_data(request: HttpRequest) -> HttpResponse:
    """Requests of readers about their data: export (a JSON file) or erase, by email address."""
    _moderator(request)
    form = ReaderDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "export" in request.POST:
            data = privacy.export_by_email(email=email, user=request.user)
            response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                    content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="du-lieu-binh-luan.json"'
            response["Cache-Control"] = "private, no-store"
            return response
        if "erase" in request.POST:
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Đánh dấu ô xác minh trước khi xóa."))
            else:
                count = privacy.erase_by_email(email=email, user=request.user)
                messages.success(request, _("Đã xóa %(count)d bình luận và dữ liệu kèm theo của %(email)s.")
                                 % {"count": count, "email": email})
                return redirect("comments_reader_data")
    return TemplateResponse(request, "comments/admin/reader_data.html", {
        "form": form, "header_title": _("Dữ liệu bạn đọc"),
    })
