"""Template tags of the newsroom's admin chrome."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def admin_site_name() -> str:
    """The paper's name (``WAGTAIL_SITE_NAME``, env ``SITE_NAME``) for tab titles and the login heading."""
    return settings.WAGTAIL_SITE_NAME
