"""Security headers and the trusted front.

* :class:`TrustedProxyMiddleware` (first in the chain): ``X-Forwarded-*`` and ``X-Real-IP`` are believed only
  when the connection comes from an address in ``TOASOAN_TRUSTED_PROXIES`` (the nginx front, which overwrites
  them, deploy/nginx); from anyone else they are removed before Django reads them, so a client can neither
  claim HTTPS (``SECURE_PROXY_SSL_HEADER``) nor another address (beacons, login throttling).
* :class:`ContentSecurityPolicyMiddleware`: django-csp's middleware with two policies, the admin's and the
  reader site's (:mod:`toasoan.headers.policy`), sent as ``Content-Security-Policy`` or, with
  ``TOASOAN_CSP_REPORT_ONLY`` (environment ``CSP_REPORT_ONLY=1``), as ``…-Report-Only``.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from toasoan.headers import nonce, policy

FORWARDED_META = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT",
                  "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def trusted_proxies() -> frozenset[str]:
    return frozenset(getattr(settings, "TOASOAN_TRUSTED_PROXIES", ("127.0.0.1", "::1")))


def client_address(meta: dict, proxies: frozenset[str] | None = None) -> str:
    """The reader's address: the front's ``X-Real-IP`` when the connection is from a trusted front."""
    remote = meta.get("REMOTE_ADDR", "")
    if remote in (trusted_proxies() if proxies is None else proxies):
        forwarded = meta.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded[:64]
    return remote


def strip_untrusted_forwarding(meta: dict, proxies: frozenset[str] | None = None) -> None:
    """Believe the forwarding headers of a trusted front (taking its ``X-Real-IP`` as ``REMOTE_ADDR``); drop
    them from anyone else."""
    remote = meta.get("REMOTE_ADDR", "")
    if remote in (trusted_proxies() if proxies is None else proxies):
        meta["REMOTE_ADDR"] = client_address(meta, proxies)
        return
    for name in FORWARDED_META:
        meta.pop(name, None)


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        strip_untrusted_forwarding(request.META)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The admin's or the reader site's policy; the nonce only where a template asked for it (the admin)."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        nonce.bind(request)

    def process_response(self, request: HttpRequest, response):
        try:
            return super().process_response(request, response)
        finally:
            nonce.unbind()

    def get_policy_parts(self, request: HttpRequest, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request=request, response=response, report_only=report_only)
        if report_only != bool(getattr(settings, "TOASOAN_CSP_REPORT_ONLY", False)):
            parts.config = {}  # the other header: none
            return parts
        if parts.config is None:  # a view may still set its own (django-csp decorators)
            admin = request.path_info.startswith(policy.ADMIN_PREFIXES)
            directives = policy.with_media_origin(dict(policy.ADMIN_DIRECTIVES if admin else policy.READER_DIRECTIVES),
                                                  getattr(settings, "TOASOAN_MEDIA_ORIGIN", ""))
            report_uri = getattr(settings, "TOASOAN_CSP_REPORT_URI", "")
            if report_uri:
                directives["report-uri"] = [report_uri]
            parts.config = directives
        return parts
