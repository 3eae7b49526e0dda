"""The reader side's live feed: ``/truc-tiep/<id>.json``, polled by the story page's script (static/…/live.js).

Answered from the cache (``selectors.feed``) with an ETag: a reader whose copy is current gets 304 and no body.
The page cache does not store it (``caching.conf.EXCLUDED_PREFIXES``); the front keeps it for two seconds
(``X-Accel-Expires``), so however many readers poll, the app renders it at most once every two seconds, and an
update, which purges the story's tag, has the front fetch it again at once (as for pages).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_safe

from toasoan.caching.middleware import OWN_LIFETIME_ATTR, remember_for_front
from toasoan.live import selectors

FEED_MAX_AGE = 2


@require_safe
def updates_feed(request: HttpRequest, pk: int) -> HttpResponse:
    feed = selectors.feed(article_id=pk)
    if not feed.body:
        raise Http404
    if request.headers.get("If-None-Match") == feed.etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(feed.body, content_type="application/json; charset=utf-8")
    response["ETag"] = feed.etag
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    response["X-Accel-Expires"] = str(FEED_MAX_AGE)
    setattr(response, OWN_LIFETIME_ATTR, True)
    remember_for_front(request, {f"a:{pk}"})  # an update purges a:<pk>: the front fetches the feed again at once
    return response
