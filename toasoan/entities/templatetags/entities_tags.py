"""``{% article_people article as people %}``: confirmed people of an article, for the article template."""

from __future__ import annotations

from typing import Any

from django import template

from toasoan.entities import selectors

register = template.Library()


@register.simple_tag
def article_people(article: Any) -> list:
    return selectors.article_people(article=article)


@register.inclusion_tag("entities/includes/article_people.html")
def article_people_list(article: Any, people: Any = None) -> dict:
    """The "Nhân vật trong bài" box; ``people``: the article page's own list when it has one (read with its
    bylines and tags, news.selectors.article_relations)."""
    if people is None or people == "":  # not given, or not in the context (an unknown variable renders as "")
        people = selectors.article_people(article=article)
    return {"people": people}
