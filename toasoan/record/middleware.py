"""A taken-down story's address answers with a short Vietnamese notice (410 Gone, or 404 by setting).

The story is unpublished, so the article view answers 404; this middleware, placed after the page cache in
``MIDDLEWARE``, replaces that answer for a story with an active takedown (one indexed query, on article-address
404s only). A 410 is never stored by the page cache; a 404 notice is stored and purged like any article 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from toasoan.record import conf, selectors

ARTICLE_URL_NAME = "article"


class TakedownNoticeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != ARTICLE_URL_NAME:
            return response
        try:
            page_id = int(match.kwargs.get("pk", ""))
        except (TypeError, ValueError):
            return response
        takedown = selectors.active_takedown(page_id=page_id)
        if takedown is None:
            return response
        notice = TemplateResponse(request, "record/takedown_notice.html", {"takedown": takedown},
                                  status=conf.takedown_status())
        notice.render()
        for header in ("X-Cache-Tags",):
            if header in response:
                notice[header] = response[header]
        return notice
