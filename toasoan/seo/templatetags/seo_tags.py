"""``{% seo_head %}``: one line in base.html's ``<head>`` renders every machine-readable tag of the page."""

from __future__ import annotations

import logging

from django import template

from toasoan.seo import conf
from toasoan.seo.head import build
from toasoan.seo.structured import to_script

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context) -> dict:
    try:
        data = build(context)
    except Exception:  # the page must render even if a share image or a URL cannot be built
        logger.exception("Không dựng được thẻ SEO cho trang %s", getattr(context.get("request"), "path", "?"))
        return {"seo": None, "json_ld_scripts": []}
    return {
        "seo": data,
        "site_name": conf.site_name(),
        "twitter_site": conf.twitter_site(),
        "json_ld_scripts": [to_script(item) for item in data.json_ld],
    }
