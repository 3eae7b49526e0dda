"""Small helpers for the reader templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``mapping[key]`` or None: lets a template look up a dict entry named by a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def is_current(context: template.Context, url: str | None) -> bool:
    """True when the request is for ``url`` or below it (the home page only matches itself)."""
    request = context.get("request")
    if request is None or not url:
        return False
    if url == "/":
        return request.path == "/"
    return request.path.startswith(url)


@register.filter
def tag_url(tag: Any) -> str:
    """The tag page ``/tu-khoa/<slug>/``, or "" when the slug cannot be routed (a non-ASCII slug)."""
    try:
        return reverse("tag", kwargs={"slug": tag.slug})
    except (NoReverseMatch, AttributeError):
        return ""
