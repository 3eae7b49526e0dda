"""``{% comment_section page %}``: the story's comment section, the same for every reader (its content comes from
``/binh-luan/<id>.json`` once the page has loaded; without JavaScript a link leads to ``/binh-luan/<id>/``)."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from toasoan.comments import conf
from toasoan.comments.forms import CommentForm
from toasoan.readers import conf as reader_conf

register = template.Library()


def _shown(article) -> bool:
    """Whether ``article`` gets a comment section (and so its script)."""
    return conf.enabled() and article is not None and bool(getattr(article, "pk", None))


@register.inclusion_tag("comments/section.html")
def comment_section(article) -> dict:
    if not _shown(article):
        return {"article": None}
    return {"article": article, "form": CommentForm(), "csrf_token": None, "accounts": reader_conf.enabled()}


@register.simple_tag
def comments_script(article) -> str:
    """The script of the comment section, placed after the story (not inside it), when the section is shown."""
    if not _shown(article):
        return ""
    return format_html('<script src="{}" defer></script>', static("toasoan/js/comments.js"))
