"""``/healthz`` (the process answers) and ``/readyz`` (it can do its work): for the load balancer and monitoring."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from toasoan.ops.health import readiness


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: answers without touching the database or the cache."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    ok, checks = readiness()
    return JsonResponse({"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503,
                        json_dumps_params={"ensure_ascii": False})
