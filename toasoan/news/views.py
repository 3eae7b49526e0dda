from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from toasoan.news import selectors
from toasoan.news.models import ArticlePage, NewsTag


def article_by_id(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Serve ``/<slug>-<id>.html``: found by id; an old or wrong slug redirects to the current one."""
    site = Site.find_for_request(request)
    queryset = ArticlePage.objects.live()
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    article = get_object_or_404(queryset, pk=pk)
    if slug != article.slug:
        return HttpResponsePermanentRedirect(article.canonical_path())
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(article, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return article.serve(request)


def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(NewsTag, slug=slug)
    page = selectors.tag_articles(tag_slug=slug, cursor=request.GET.get("sau"))
    if not page.items and not request.GET.get("sau"):
        raise Http404(_("Không có bài viết nào gắn từ khóa này."))
    fragment = request.GET.get("fragment") == "1"
    template = "news/includes/article_list_fragment.html" if fragment else "news/tag_page.html"
    return render(request, template, {"tag": tag, "page_of_articles": page, "page_title": f"#{tag.name}"})
