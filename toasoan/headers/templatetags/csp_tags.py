"""``{% csp_nonce %}``: the nonce of the request being answered (see toasoan.headers.nonce)."""

from __future__ import annotations

from django import template

from toasoan.headers import nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return nonce.current()
