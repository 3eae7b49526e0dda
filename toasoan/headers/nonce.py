"""The request's CSP nonce where a template has no ``request`` (form widgets, panels rendered by Wagtail).

:class:`~toasoan.headers.middleware.ContentSecurityPolicyMiddleware` binds the request for the time of the
response; ``{% csp_nonce %}`` (toasoan/headers/templatetags/csp_tags.py) prints its nonce, which makes
django-csp add it to the header. Our overrides of Wagtail's admin templates that still write inline scripts
(toasoan/headers/templates/wagtailadmin/) mark those scripts with it.
"""

from __future__ import annotations

from contextvars import ContextVar

_request: ContextVar[object | None] = ContextVar("toasoan_csp_request", default=None)


def bind(request) -> None:
    _request.set(request)


def unbind() -> None:
    _request.set(None)


def current() -> str:
    """The nonce of the request being answered, or "" outside a request (a command rendering a template)."""
    request = _request.get()
    value = getattr(request, "csp_nonce", None) if request is not None else None
    return str(value) if value is not None else ""
