"""``{% live_coverage page %}``: a live story's updates, rendered on the page (readable without JavaScript)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from toasoan.live import selectors
from toasoan.seo.structured import iso, to_script

register = template.Library()


def _json_ld(*, request, article, coverage, updates) -> str:
    url = request.build_absolute_uri(article.canonical_path()) if request is not None else article.canonical_path()
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url + "#truc-tiep",
        "url": url,
        "headline": article.title,
        "description": article.sapo,
        "inLanguage": "vi",
        "coverageStartTime": iso(coverage.started_at),
        "liveBlogUpdate": [
            {"@type": "BlogPosting", "@id": f"{url}#{u.anchor}", "url": f"{url}#{u.anchor}",
             "headline": u.text[:110], "articleBody": u.text, "datePublished": iso(u.created_at),
             "dateModified": iso(u.edited_at or u.created_at)}
            for u in updates[:50]
        ],
    }
    if coverage.ended_at:
        data["coverageEndTime"] = iso(coverage.ended_at)
    return to_script(data)


@register.inclusion_tag("live/coverage.html", takes_context=True)
def live_coverage(context, article) -> dict:
    feed = selectors.feed(article_id=article.pk)  # one cache read; no query for a story that is not live
    if not feed.body:
        return {"coverage": None}
    coverage = selectors.coverage_for(article_id=article.pk)
    if coverage is None:
        return {"coverage": None}
    updates = selectors.updates_of(coverage=coverage)
    pinned = selectors.pinned_of(updates) or coverage.updates.filter(pinned=True).first()
    return {
        "coverage": coverage,
        "updates": updates,
        "pinned": pinned,
        "feed_url": reverse("live:feed", kwargs={"pk": article.pk}),
        "etag": feed.etag,
        "json_ld": _json_ld(request=context.get("request"), article=article, coverage=coverage, updates=updates),
    }


@register.filter
def live_image(update):
    return selectors.image_of(update)


@register.filter
def live_version(update) -> int:
    return selectors.version_of(update)
