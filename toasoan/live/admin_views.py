"""The live composer in the admin: post, change, pin and remove updates of a published story, without
saving the story itself (``/admin/toa-soan/truc-tiep/<page id>/``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.log_actions import log

from toasoan.live import rules, selectors, services
from toasoan.live.forms import LiveUpdateForm
from toasoan.live.models import LiveCoverage, LiveUpdate
from toasoan.news.models import ArticlePage

LOG_POSTED = "toasoan.live.posted"
LOG_CHANGED = "toasoan.live.changed"
LOG_DELETED = "toasoan.live.deleted"
LOG_STARTED = "toasoan.live.started"
LOG_ENDED = "toasoan.live.ended"


def _article(page_id: int, user) -> ArticlePage:
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not rules.can_post(user=user, article=article):
        raise PermissionDenied
    return article


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def composer(request: HttpRequest, page_id: int) -> HttpResponse:
    article = _article(page_id, request.user)
    coverage = selectors.coverage_for(article_id=article.pk)
    if coverage is not None:
        coverage.article = article
    can_manage = rules.can_manage(user=request.user, article=article)
    form = LiveUpdateForm(request.POST or None, can_pin=can_manage)
    if request.method == "POST":
        if coverage is None:
            raise PermissionDenied
        if not coverage.is_running:
            messages.error(request, _("Tường thuật đã kết thúc: mở lại trước khi đăng cập nhật."))
            return redirect("live_composer", article.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                update = services.post_update(
                    coverage=coverage, user=request.user, kind=data["kind"], text=data["text"],
                    image=data.get("image"), quote_source=data.get("quote_source", ""),
                    embed_url=data.get("embed_url", ""), pinned=data.get("pinned", False),
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                log(instance=article, action=LOG_POSTED, user=request.user, data={"update": update.pk})
                messages.success(request, _("Đã đăng cập nhật lúc %(time)s. Bạn đọc thấy trong vài giây.")
                                 % {"time": selectors.update_data(update)["time"]})
                return redirect("live_composer", article.pk)
        messages.error(request, _("Chưa đăng được cập nhật: xem lỗi bên dưới."))
    updates = selectors.updates_of(coverage=coverage) if coverage else []
    return TemplateResponse(request, "live/admin/composer.html", {
        "page": article,
        "coverage": coverage,
        "updates": [(u, rules.can_change_update(user=request.user, article=article, update=u)) for u in updates],
        "form": form,
        "can_manage": can_manage,
        "header_title": _("Tường thuật trực tiếp"),
    })


def _update(page_id: int, update_id: int, user) -> tuple[ArticlePage, LiveUpdate]:
    article = _article(page_id, user)
    update = get_object_or_404(LiveUpdate.objects.select_related("coverage"), pk=update_id,
                               coverage__article_id=article.pk)
    update.coverage.article = article
    if not rules.can_change_update(user=user, article=article, update=update):
        raise PermissionDenied
    return article, update


def change(request: HttpRequest, page_id: int, update_id: int) -> HttpResponse:
    article, update = _update(page_id, update_id, request.user)
    form = LiveUpdateForm(request.POST or None, instance=update, can_pin=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_update(update=update, user=request.user, text=data["text"], kind=data["kind"],
                                   image=data.get("image"), quote_source=data.get("quote_source", ""),
                                   embed_url=data.get("embed_url", ""))
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            log(instance=article, action=LOG_CHANGED, user=request.user, data={"update": update.pk})
            messages.success(request, _("Đã sửa cập nhật."))
            return redirect("live_composer", article.pk)
    return TemplateResponse(request, "live/admin/change.html", {
        "page": article, "update": update, "form": form, "header_title": _("Sửa cập nhật"),
    })


@require_POST
def delete(request: HttpRequest, page_id: int, update_id: int) -> HttpResponse:
    article, update = _update(page_id, update_id, request.user)
    pk = update.pk
    services.delete_update(update=update, user=request.user)
    log(instance=article, action=LOG_DELETED, user=request.user, data={"update": pk})
    messages.success(request, _("Đã gỡ cập nhật."))
    return redirect("live_composer", article.pk)


@require_POST
def pin(request: HttpRequest, page_id: int, update_id: int) -> HttpResponse:
    article, update = _update(page_id, update_id, request.user)
    services.set_pinned(update=update, user=request.user, pinned=not update.pinned)
    messages.success(request, _("Đã ghim cập nhật.") if update.pinned else _("Đã bỏ ghim."))
    return redirect("live_composer", article.pk)


@require_POST
def start(request: HttpRequest, page_id: int) -> HttpResponse:
    article = _article(page_id, request.user)
    services.start_coverage(article=article, user=request.user)
    log(instance=article, action=LOG_STARTED, user=request.user)
    messages.success(request, _("Đã mở tường thuật trực tiếp cho bài «%(title)s».") % {"title": article.title})
    return redirect("live_composer", article.pk)


@require_POST
def end(request: HttpRequest, page_id: int) -> HttpResponse:
    article = _article(page_id, request.user)
    coverage = get_object_or_404(LiveCoverage, article=article)
    coverage.article = article
    services.end_coverage(coverage=coverage, user=request.user)
    log(instance=article, action=LOG_ENDED, user=request.user)
    messages.success(request, _("Đã kết thúc tường thuật."))
    return redirect("live_composer", article.pk)
