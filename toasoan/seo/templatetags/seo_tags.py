"""``{% seo_head %}``: one line in base.html's ``<head>`` renders every machine-readable tag of the page."""

from __future__ import annotations

from django import template

from toasoan.seo import conf
from toasoan.seo.head import build
from toasoan.seo.structured import to_script

register = template.Library()


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context) -> dict:
    data = build(context)
    return {
        "seo": data,
        "site_name": conf.site_name(),
        "twitter_site": conf.twitter_site(),
        "json_ld_scripts": [to_script(item) for item in data.json_ld],
    }
