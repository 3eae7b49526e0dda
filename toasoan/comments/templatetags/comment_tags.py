"""``{% comment_section page %}``: the story's comment section, the same for every reader (its content comes from
``/binh-luan/<id>.json`` once the page has loaded; without JavaScript a link leads to ``/binh-luan/<id>/``)."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from toasoan.comments import conf
from toasoan.comments.forms import CommentForm
from toasoan.live import selectors as live_selectors
from toasoan.readers import conf as reader_conf

register = template.Library()


def _shown(article) -> bool:
    """Whether ``article`` gets a comment section (and so its script)."""
    return conf.enabled() and article is not None and bool(getattr(article, "pk", None))


@register.inclusion_tag("comments/section.html")
def comment_section(article) -> dict:
    if not _shown(article):
        return {"article": None}
    return {"article": article, "form": CommentForm(), "csrf_token": None, "accounts": reader_conf.enabled(),
            "poll": conf.live_poll_seconds() if _live_running(article) else 0}


def _live_running(article) -> bool:
    """A live story whose coverage runs: its page asks for newly shown comments now and then. (Starting or ending
    the coverage purges the page.)"""
    if not live_selectors.feed(article_id=article.pk).body:  # one cache read for a story that is not live
        return False
    coverage = live_selectors.coverage_for(article_id=article.pk)
    return coverage is not None and coverage.is_running


@register.simple_tag
def comments_script(article) -> str:
    """The script of the comment section, placed after the story (not inside it), when the section is shown."""
    if not _shown(article):
        return ""
    return format_html('<script src="{}" defer></script>', static("toasoan/js/comments.js"))
