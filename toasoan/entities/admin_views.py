"""The editor's side view: suggestions for one article, each confirmed or rejected."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from toasoan.entities import selectors, services
from toasoan.entities.models import ArticleEntity, LinkState


def _editable_article(request: HttpRequest, article_id: int):
    from toasoan.news.models import ArticlePage

    article = get_object_or_404(ArticlePage, pk=article_id)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return article


def article_entities(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _editable_article(request, article_id)
    links = selectors.article_links(article=article)
    groups = [
        (_("Gợi ý chờ duyệt"), [link for link in links if link.state == LinkState.SUGGESTED]),
        (_("Đã xác nhận"), [link for link in links if link.state == LinkState.CONFIRMED]),
        (_("Đã bỏ"), [link for link in links if link.state == LinkState.REJECTED]),
    ]
    return TemplateResponse(
        request,
        "entities/admin/article_entities.html",
        {
            "article": article,
            "groups": groups,
            "header_title": _("Nhân vật, tổ chức, địa danh: %(title)s") % {"title": article.title},
            "edit_url": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        },
    )


@require_POST
def change_link(request: HttpRequest, link_id: int, action: str) -> HttpResponse:
    link = get_object_or_404(ArticleEntity.objects.select_related("article"), pk=link_id)
    _editable_article(request, link.article_id)
    state = {"xac-nhan": LinkState.CONFIRMED, "bo": LinkState.REJECTED, "khoi-phuc": LinkState.SUGGESTED}.get(action)
    if state is None:
        raise PermissionDenied
    services.set_link_state(link=link, state=state)
    if state == LinkState.CONFIRMED:
        messages.success(request, _("Đã xác nhận “%(name)s”.") % {"name": link.target})
    elif state == LinkState.REJECTED:
        messages.success(request, _("Đã bỏ “%(name)s”; sẽ không gợi ý lại cho bài này.") % {"name": link.target})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("entities_admin:article", args=[link.article_id])
    return redirect(next_url)
