"""For the length of each request: where it comes from (stamped on every log entry written meanwhile), and the
users and groups it changes (compared when the view is done, see :mod:`toasoan.audit.changes`). Placed right
after TrustedProxyMiddleware, which has settled the client's address by then."""

from __future__ import annotations

from collections.abc import Callable

from toasoan.audit import changes, config_changes, origin
from toasoan.audit.services import unwrap


class AuditMiddleware:
    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        with origin.acting_from(origin.from_request(request)):
            with changes.change_scope() as scope, config_changes.config_scope() as settings_scope:
                response = self.get_response(request)
                if scope.before or settings_scope.pending:
                    user = unwrap(getattr(request, "user", None))
                    user = user if getattr(user, "is_authenticated", False) else None
                    scope.flush(user=user)
                    settings_scope.flush(user=user)
            return response
