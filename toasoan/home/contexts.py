"""View layer of the home page: what its template shows (``core.page_context``)."""

from __future__ import annotations

from toasoan.core.page_context import register
from toasoan.home.selectors import home_front


@register("home.HomePage")
def home_page(*, page, request) -> dict:
    return {"front": home_front(home=page)}
