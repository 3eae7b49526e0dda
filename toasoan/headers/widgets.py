"""Wagtail's chooser widgets write ``<script>new …Chooser(…)</script>`` after their field (BaseChooser.render).

:func:`install` makes that script carry the request's CSP nonce, so the admin's policy needs no
'unsafe-inline' for scripts. Everything else about the widget is Wagtail's own.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

from toasoan.headers import nonce


def _render_with_nonce(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as exc:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from exc
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    # js is Wagtail's (ids and options through json.dumps), as in BaseChooser.render.
    return format_html('{}<script nonce="{}">{}</script>', widget_html, nonce.current(), mark_safe(js))  # noqa: S308


def install() -> None:
    if getattr(BaseChooser.render, "_toasoan_nonce", False):
        return
    _render_with_nonce._toasoan_nonce = True
    BaseChooser.render = _render_with_nonce
