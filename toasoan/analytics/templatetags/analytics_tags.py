"""``{% most_read %}`` (the Đọc nhiều block) and ``{% view_beacon %}`` (counts a reader's view)."""

from __future__ import annotations

from django import template

from toasoan.analytics import selectors, tokens
from toasoan.analytics.beacon import BEACON_PATH

register = template.Library()


@register.inclusion_tag("analytics/most_read.html")
def most_read(section=None, limit: int = selectors.MOST_READ_SIZE):
    """Đọc nhiều for ``section`` (its own and its sub-sections' articles), or site-wide without one."""
    return {"articles": selectors.most_read_articles(section=section, limit=limit), "section": section}


@register.inclusion_tag("analytics/beacon.html")
def view_beacon(article):
    article_id = getattr(article, "pk", None)
    token = tokens.issue(article_id=article_id) if article_id else ""
    return {"article_id": article_id, "token": token, "beacon_path": BEACON_PATH}
