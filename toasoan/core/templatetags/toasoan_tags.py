"""Small helpers for the reader templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

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


@register.simple_tag(takes_context=True)
def section_url(context: template.Context, section: Any) -> str:
    """``{% section_url page.section %}``: as ``{% pageurl %}``, without a cache round trip for a section of
    the request's site (sections.selectors.section_url)."""
    from toasoan.sections.selectors import section_url as url

    return url(section=section, request=context.get("request")) if section else ""


@register.filter
def tag_url(tag: Any) -> str:
    """The tag page ``/tu-khoa/<slug>/``, or "" when the slug cannot be routed (a non-ASCII slug)."""
    try:
        return reverse("tag", kwargs={"slug": tag.slug})
    except (NoReverseMatch, AttributeError):
        return ""


@register.filter
def credit_text(credit: str | None) -> str:
    """A photo credit as printed under the caption: "(Ảnh: Thành Duy)", parentheses added when missing."""
    text = (credit or "").strip()
    if not text:
        return ""
    return text if text.startswith("(") and text.endswith(")") else f"({text})"


FORMAT_LABELS = {
    "photo": _("Tin ảnh"),
    "infographic": _("Infographic"),
    "magazine": _("eMagazine"),
    "media": _("Media"),
}


@register.filter
def format_label(fmt: str) -> str:
    """The short badge for an article's format ("Tin ảnh", "eMagazine"...); "" for a standard article."""
    label = FORMAT_LABELS.get(str(fmt))
    return str(label) if label else ""
